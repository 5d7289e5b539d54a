// The library as a table: what each file is, for which devices, its size and SHA-256 (short, full
// on hover and copy), when it was added and how many transfers and rollouts used it. A row opens its recent fetches.
import { Fragment, useState } from 'react';
import type { FileRecord } from '../../../../shared/models-files.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { formatAgo, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { FileFetches } from './FileFetches.tsx';
import { formatBytes } from './upload-file.ts';

export interface FileTableProps {
  files: FileRecord[];
  onEdit(file: FileRecord): void;
  onDelete(file: FileRecord): void;
}

export function FileTable({ files, onEdit, onDelete }: FileTableProps) {
  const now = useNow(30_000);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <table className="table file-table">
      <caption className="sr-only">Files in the library</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Version</th>
          <th scope="col">For</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">SHA-256</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <Fragment key={f.id}>
            <tr data-file-id={f.id}>
              <td className="file-name">
                <span className="wrap-anywhere">{f.name}</span>
                <span className="file-sub muted small">
                  <span title={formatTime(f.createdAt)}>added {formatAgo(f.createdAt, now)}</span> · used by {f.transfers} transfer
                  {f.transfers === 1 ? '' : 's'}, {f.rollouts} rollout{f.rollouts === 1 ? '' : 's'}
                </span>
              </td>
              <td className="file-type">{typeWords(f.fileType)}</td>
              <td className="mono">{f.version || <span className="muted">—</span>}</td>
              <td className="file-for">{forWords(f)}</td>
              <td className="num nowrap" data-bytes={f.size} title={`${f.size.toLocaleString()} bytes`}>
                {formatBytes(f.size)}
              </td>
              <td className="nowrap">
                <span className="mono" title={f.sha256} data-sha256={f.sha256}>
                  {f.sha256.slice(0, 8)}…
                </span>{' '}
                <CopyButton value={f.sha256} what={`SHA-256 of ${f.name}`} />
              </td>
              <td>
                <span className="file-actions">
                  <button type="button" aria-expanded={open === f.id} onClick={() => setOpen(open === f.id ? null : f.id)}>
                    Fetches
                  </button>
                  <button type="button" onClick={() => onEdit(f)} aria-label={`Edit ${f.name}`}>
                    Edit
                  </button>
                  <button type="button" className="danger-outline" onClick={() => onDelete(f)} aria-label={`Delete ${f.name}`}>
                    Delete
                  </button>
                </span>
              </td>
            </tr>
            {open === f.id && (
              <tr className="file-fetch-row">
                <td colSpan={7}>
                  <FileFetches fileId={f.id} />
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

/** '1 Firmware Upgrade Image' reads as 'Firmware'. */
export function typeWords(fileType: string): string {
  const m = /^[1-5] (.+)$/.exec(fileType);
  if (m?.[1] === undefined) return fileType;
  return m[1].replace(/ (Upgrade Image|File)$/, '');
}

function forWords(f: FileRecord): string {
  const parts = [f.manufacturer, f.productClass, f.oui].filter((p) => p !== '');
  return parts.length === 0 ? 'Any device' : parts.join(' · ');
}
