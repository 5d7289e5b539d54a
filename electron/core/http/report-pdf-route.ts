// GET /api/devices/:id/provisioning/report.pdf: the provisioning report as a PDF file, outside
// the JSON mapping because the answer is bytes. Same bearer token as every /api route (checked
// by the server before this runs).
import type { ServerResponse } from 'node:http';
import { AcsError } from '../../../shared/errors.ts';

const PDF_PATH = /^\/api\/devices\/([^/]+)\/provisioning\/report\.pdf$/;

/** The device id when the path is the PDF report's, else null. */
export function provisioningPdfDevice(pathname: string): string | null {
  const m = PDF_PATH.exec(pathname);
  if (m === null) return null;
  try {
    return decodeURIComponent(m[1] ?? '');
  } catch {
    throw new AcsError('bad_request', `bad percent-encoding in '${m[1]}'`);
  }
}

export async function sendProvisioningPdf(
  res: ServerResponse,
  deviceId: string,
  render: (deviceId: string) => Promise<Buffer>,
): Promise<void> {
  const bytes = await render(deviceId);
  const file = `provisioning-${deviceId.replace(/[^\w.-]+/g, '_')}.pdf`;
  res
    .writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': bytes.length,
      'Content-Disposition': `attachment; filename="${file}"`,
      'Cache-Control': 'no-store',
    })
    .end(bytes);
}
