// The tree as CSV (RFC 4180, fields quoted as every export of the app): every node in display
// order with its value, type, writability and the time it was last read. Secrets are masked.
import { csvField } from '../../../lib/csv.ts';
import { isSecretPath, type ParameterTreeModel } from './tree-model.ts';

export const csvSecret = '(hidden)';

export function treeCsv(model: ParameterTreeModel): string {
  const lines = ['Path,Value,Type,Writable,Last read'];
  for (const n of model.order) {
    const row = n.row;
    const value = n.object || row === null ? '' : isSecretPath(n.path) && (row.value ?? '') !== '' ? csvSecret : (row.value ?? '');
    const writable = row?.writable === true ? 'true' : row?.writable === false ? 'false' : '';
    lines.push([n.path, value, n.object ? '' : (row?.type ?? ''), writable, row?.updatedAt ?? ''].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** "parameters-SN12345-2026-12-01-1432.csv" (the serial made safe for a file name). */
export function treeCsvName(serial: string, now: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const safe = serial.replace(/[^A-Za-z0-9._-]+/g, '_') || 'device';
  return `parameters-${safe}-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}.csv`;
}
