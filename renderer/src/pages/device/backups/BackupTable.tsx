// The device's backups as a table, newest first: when (relative, the date on hover), what kind
// and who took it, its size or number of values, the software it ran, the label; a checkbox per
// row picks backups to compare.
import type { Backup } from '../../../../../shared/models-backups.ts';
import { formatAgo, formatTime } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { BreakAtDots } from '../tree/BreakAtDots.tsx';
import { contentWords, kindWords, originWords } from './backup-words.ts';

export interface BackupTableProps {
  backups: Backup[];
  checked: ReadonlySet<number>;
  onCheck(id: number, on: boolean): void;
  onView(b: Backup): void;
  onRestore(b: Backup): void;
  onLabel(b: Backup): void;
  onDelete(b: Backup): void;
  /** A restore is being queued (its button waits). */
  restoring: boolean;
}

export function BackupTable(props: BackupTableProps) {
  const now = useNow(30_000);
  return (
    <table className="table backup-table">
      <caption className="sr-only">Backups of this device, newest first</caption>
      <thead>
        <tr>
          <th scope="col" className="backup-check">
            <span className="sr-only">Compare</span>
          </th>
          <th scope="col">Taken</th>
          <th scope="col">Kind</th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col">Software</th>
          <th scope="col">Label</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.backups.map((b) => (
          <BackupRow key={b.id} backup={b} now={now} {...props} />
        ))}
      </tbody>
    </table>
  );
}

function BackupRow({
  backup: b,
  now,
  checked,
  onCheck,
  onView,
  onRestore,
  onLabel,
  onDelete,
  restoring,
}: BackupTableProps & { backup: Backup; now: number }) {
  const when = formatTime(b.createdAt);
  return (
    <tr data-backup-id={b.id} data-kind={b.kind} className={checked.has(b.id) ? 'checked' : undefined}>
      <td className="backup-check">
        <input
          type="checkbox"
          checked={checked.has(b.id)}
          onChange={(e) => onCheck(b.id, e.target.checked)}
          aria-label={`Select the backup of ${when} to compare`}
        />
      </td>
      <td className="nowrap">
        <time dateTime={b.createdAt} title={when}>
          {formatAgo(b.createdAt, now)}
        </time>
        <span className="backup-sub backup-abs muted small">{when}</span>
      </td>
      <td>
        <span className={`backup-kind kind-${b.kind}`} title={b.fileType === '' ? undefined : b.fileType}>
          {kindWords(b)}
        </span>
        <span className="backup-sub muted small">{originWords[b.origin]}</span>
      </td>
      <td className="num" title={`${b.size.toLocaleString()} bytes`}>
        {contentWords(b)}
      </td>
      <td className="mono backup-software">
        {b.softwareVersion === '' ? <span className="muted">—</span> : <BreakAtDots text={b.softwareVersion} />}
      </td>
      <td className="backup-label">
        {b.label === '' ? <span className="muted">—</span> : <span className="wrap-anywhere">{b.label}</span>}
        <button
          type="button"
          className="link-button small"
          onClick={() => onLabel(b)}
          aria-label={`${b.label === '' ? 'Add label to' : 'Edit label of'} the backup of ${when}`}
        >
          {b.label === '' ? 'Add label' : 'Edit'}
        </button>
      </td>
      <td className="row-actions">
        <span className="backup-actions">
          <button type="button" onClick={() => onView(b)} aria-label={`View the backup of ${when}`}>
            View
          </button>
          <button type="button" onClick={() => onRestore(b)} disabled={restoring} aria-label={`Restore the backup of ${when}…`}>
            Restore…
          </button>
          <button type="button" className="danger-outline" onClick={() => onDelete(b)} aria-label={`Delete the backup of ${when}`}>
            Delete
          </button>
        </span>
      </td>
    </tr>
  );
}
