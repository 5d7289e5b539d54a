// The device list's columns: what each shows, its width track, the server sort key behind its
// header, and its plain text (cell titles and the CSV export use the same words as the screen).
import type { ReactNode } from 'react';
import type { DeviceSortKey } from '../../../../shared/device-status.ts';
import type { DeviceSummary } from '../../../../shared/models.ts';
import { StatusChip, statusLabel, statusOf } from '../../components/StatusChip.tsx';
import { formatAgo, formatTime } from '../../lib/format.ts';

export type ColumnId =
  | 'status'
  | 'serial'
  | 'manufacturer'
  | 'model'
  | 'productClass'
  | 'firmware'
  | 'hardware'
  | 'ip'
  | 'lastContact'
  | 'firstSeen'
  | 'tags';

export interface Column {
  id: ColumnId;
  label: string;
  /** CSS grid track; the minimum keeps the row readable, the rest shares the width. */
  track: string;
  sort?: DeviceSortKey;
  /** Shown by default on wide windows / on 1024 px windows (until the user chooses). */
  wide: boolean;
  narrow: boolean;
  mono?: boolean;
  /** Plain text: the cell's title (full value on hover) and the CSV field. */
  text(d: DeviceSummary, now: number): string;
  /** The CSV field when it differs from the text (times: ISO 8601, for spreadsheets and scripts). */
  csv?(d: DeviceSummary): string;
  /** The cell's content when it is more than its text. */
  cell?(d: DeviceSummary, now: number): ReactNode;
}

const modelText = (d: DeviceSummary): string => d.modelName || d.productClass;

export const columns: readonly Column[] = [
  {
    id: 'status',
    label: 'Status',
    track: '92px',
    wide: true,
    narrow: true,
    text: (d, now) => statusLabel(statusOf(d, now)),
    cell: (d, now) => <StatusChip status={statusOf(d, now)} />,
  },
  {
    id: 'serial',
    label: 'Serial',
    track: 'minmax(110px, 1fr)',
    sort: 'serialNumber',
    wide: true,
    narrow: true,
    mono: true,
    text: (d) => d.serialNumber,
  },
  {
    id: 'manufacturer',
    label: 'Manufacturer',
    track: 'minmax(90px, 1.2fr)',
    sort: 'manufacturer',
    wide: true,
    narrow: false,
    text: (d) => d.manufacturer,
  },
  {
    id: 'model',
    label: 'Model',
    track: 'minmax(96px, 1.1fr)',
    sort: 'modelName',
    wide: true,
    narrow: true,
    text: (d) => (d.productClass !== '' && d.productClass !== d.modelName ? `${modelText(d)} (${d.productClass})` : modelText(d)),
    cell: (d) => modelText(d),
  },
  {
    id: 'productClass',
    label: 'Product class',
    track: 'minmax(90px, 1fr)',
    sort: 'productClass',
    wide: false,
    narrow: false,
    text: (d) => d.productClass,
  },
  {
    id: 'firmware',
    label: 'Firmware',
    track: 'minmax(90px, 1fr)',
    sort: 'softwareVersion',
    wide: true,
    narrow: true,
    text: (d) => d.softwareVersion,
  },
  { id: 'hardware', label: 'Hardware', track: 'minmax(70px, 0.7fr)', wide: false, narrow: false, text: (d) => d.hardwareVersion },
  {
    id: 'ip',
    label: 'IP address',
    track: 'minmax(104px, 0.9fr)',
    sort: 'ipAddress',
    wide: true,
    narrow: true,
    mono: true,
    text: (d) => d.ipAddress,
  },
  {
    id: 'lastContact',
    label: 'Last contact',
    track: '120px',
    sort: 'lastInform',
    wide: true,
    narrow: true,
    text: (d) => formatTime(d.lastInform),
    csv: (d) => d.lastInform ?? '',
    cell: (d, now) => formatAgo(d.lastInform, now),
  },
  {
    id: 'firstSeen',
    label: 'First seen',
    track: '112px',
    sort: 'firstSeen',
    wide: false,
    narrow: false,
    text: (d) => formatTime(d.firstSeen),
    csv: (d) => d.firstSeen,
    cell: (d, now) => formatAgo(d.firstSeen, now),
  },
  {
    id: 'tags',
    label: 'Tags',
    track: 'minmax(76px, 0.6fr)',
    wide: true,
    narrow: true,
    text: (d) => d.tags.join(', '),
    cell: (d) =>
      d.tags.map((t) => (
        <span key={t} className="tag">
          {t}
        </span>
      )),
  },
];

export const columnById = new Map(columns.map((c) => [c.id, c]));

export function isColumnId(id: string): id is ColumnId {
  return columns.some((c) => c.id === id);
}

/** The column that shows a sort key (its header carries aria-sort). */
export function columnOfSort(sort: DeviceSortKey): Column | undefined {
  return columns.find((c) => c.sort === sort);
}
