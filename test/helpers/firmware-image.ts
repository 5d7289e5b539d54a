// Simulated firmware images: a first line `DESKACS-FW version=<v>` (what the simulator installs
// as its SoftwareVersion, electron/simulator/device-files.ts), then filler to any size.
import type { AcsApi } from '../../shared/contract.ts';
import type { FileRecord } from '../../shared/models-files.ts';
import { FIRMWARE_HEADER } from '../../electron/simulator/device-files.ts';

/** A firmware image of exactly `size` bytes (at least the header line) that installs `version`. */
export function firmwareImage(version: string, size = 1024): Buffer {
  const header = Buffer.from(`${FIRMWARE_HEADER} version=${version}\n`, 'utf8');
  const out = Buffer.alloc(Math.max(size, header.length), 0x2e); // '.' keeps it text the simulator reads
  header.copy(out, 0);
  if (out.length > header.length) out[out.length - 1] = 0x0a;
  return out;
}

/** Adds a firmware image to the ACS's file library through the contract (begin, append, finish). */
export async function addFirmware(
  api: AcsApi,
  version: string,
  meta: { size?: number; manufacturer?: string; oui?: string; productClass?: string; name?: string } = {},
): Promise<FileRecord> {
  const bytes = firmwareImage(version, meta.size ?? 2048);
  const upload = await api.beginFileUpload({
    name: meta.name ?? `fw-${version}.bin`,
    size: bytes.length,
    fileType: '1 Firmware Upgrade Image',
    version,
    ...(meta.manufacturer === undefined ? {} : { manufacturer: meta.manufacturer }),
    ...(meta.oui === undefined ? {} : { oui: meta.oui }),
    ...(meta.productClass === undefined ? {} : { productClass: meta.productClass }),
  });
  await api.appendFileUpload({ uploadId: upload.uploadId, offset: 0, chunk: new Uint8Array(bytes) });
  return (await api.finishFileUpload({ uploadId: upload.uploadId })).file;
}
