// CSV of the device list (RFC 4180): the shown columns, every matching device fetched page by
// page with the cursor. Pure apart from `fetchAllDevices`, which calls the API.
import type { DeviceSummary, Page } from '../../../../shared/models.ts';
import type { ApiClient } from '../../api/api-client.ts';
import { csvField } from '../../lib/csv.ts';
import type { Column } from './columns.tsx';
import type { ListArgs } from './list-state.ts';

export { csvField };

export function csvOf(columns: readonly Column[], devices: readonly DeviceSummary[], now: number): string {
  const lines = [columns.map((c) => csvField(c.label)).join(',')];
  for (const d of devices) lines.push(columns.map((c) => csvField(c.csv?.(d) ?? c.text(d, now))).join(','));
  // CRLF as RFC 4180 says; spreadsheets read it everywhere.
  return `${lines.join('\r\n')}\r\n`;
}

const exportPageSize = 1000;

/** Every device of the view, in its order, page by page; `progress` after each page. */
export async function fetchAllDevices(
  client: ApiClient,
  args: ListArgs,
  progress: (loaded: number, total: number) => void,
  signal: AbortSignal,
): Promise<DeviceSummary[]> {
  const out: DeviceSummary[] = [];
  const seen = new Set<string>();
  let after: string | null = null;
  do {
    if (signal.aborted) throw new Error('Export cancelled');
    const page: Page<DeviceSummary> = await client.call(
      'listDevices',
      after === null ? { ...args, limit: exportPageSize } : { ...args, limit: exportPageSize, after },
    );
    for (const d of page.items) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      out.push(d);
    }
    progress(out.length, page.total);
    after = page.next;
  } while (after !== null);
  return out;
}

/** "devices-2026-12-01-1432.csv" */
export function csvFileName(now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `devices-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}.csv`;
}
