// Subscribers as a CSV file, in the columns the import recognises (a file exported, edited and
// imported again updates by account id). Secrets are masked unless revealed; a masked cell
// imported again keeps the stored secret. Cells that a spreadsheet would run as a formula
// (starting with = + @) are written with a leading apostrophe, which the import removes.
import type { Subscriber } from '../../../../shared/models-provisioning.ts';
import type { SubscriberQuery } from '../../store/subscribers.ts';
import type { Store } from '../../store/index.ts';
import { masked } from './fields.ts';

const HEADER = ['Account', 'Name', 'Serial', 'MAC', 'PPPoE User', 'PPPoE Password', 'SSID', 'Wi-Fi password', 'Tags', 'Device', 'Bound at'];
const PAGE = 1000;

/** A cell as CSV: quoted when it holds the delimiter, a quote or a line break; formulas defused. */
export function csvCell(value: string | null): string {
  let v = value ?? '';
  if (/^[=+@]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

function row(s: Subscriber): string {
  return [
    s.accountId,
    s.name,
    s.serial,
    s.mac,
    s.pppoeUsername,
    s.pppoePassword,
    s.wifiSsid,
    s.wifiKey,
    s.tags.join('|'),
    s.deviceId,
    s.boundAt,
  ]
    .map(csvCell)
    .join(',');
}

/** Every subscriber the query selects, as CSV text (UTF-8, CRLF line ends, a header line). */
export function exportSubscribers(
  store: Store,
  query: Omit<SubscriberQuery, 'limit' | 'after' | 'offset'>,
  reveal: boolean,
): { csv: string; count: number } {
  const lines = [HEADER.join(',')];
  let after: string | undefined;
  for (;;) {
    const page = store.subscribers.list({ ...query, limit: PAGE, ...(after === undefined ? {} : { after }) });
    for (const s of page.items) lines.push(row(masked(s, reveal)));
    if (page.next === null) break;
    after = page.next;
  }
  return { csv: `${lines.join('\r\n')}\r\n`, count: lines.length - 1 };
}
