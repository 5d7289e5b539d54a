// Appears with a selection and says what it holds in numbers ("212 selected", "All 41,002
// matching selected"), offers "Select all N matching", and the bulk actions.
import type { BulkKind } from './BulkDialogs.tsx';
import { devicesText } from './words.ts';

export interface BulkBarProps {
  count: number;
  allMatching: boolean;
  /** Devices matching the filter (null: not known yet). */
  total: number | null;
  filtered: boolean;
  onSelectAll(): void;
  onClear(): void;
  onAction(kind: BulkKind): void;
}

const actions: { kind: BulkKind; label: string; className?: string }[] = [
  { kind: 'refresh', label: 'Refresh' },
  { kind: 'reboot', label: 'Reboot' },
  { kind: 'tag', label: 'Tag…' },
  { kind: 'untag', label: 'Untag…' },
  { kind: 'setParameter', label: 'Set parameter…' },
  { kind: 'push', label: 'Push firmware…' },
  { kind: 'delete', label: 'Delete', className: 'danger-outline' },
];

export function BulkBar({ count, allMatching, total, filtered, onSelectAll, onClear, onAction }: BulkBarProps) {
  const what = allMatching ? `All ${devicesText(count)}${filtered ? ' matching' : ''} selected` : `${devicesText(count)} selected`;
  return (
    <div className="dev-bulk" role="group" aria-label="Bulk actions">
      <span className="dev-bulk-count" aria-live="polite">
        {what}
      </span>
      {!allMatching && total !== null && total > count && (
        <button type="button" className="link-button" onClick={onSelectAll}>
          Select all {total.toLocaleString()}
          {filtered ? ' matching' : ''}
        </button>
      )}
      <button type="button" className="link-button" onClick={onClear}>
        Clear selection
      </button>
      <span className="dev-bulk-actions">
        {actions.map((a) => (
          <button key={a.kind} type="button" className={a.className} onClick={() => onAction(a.kind)}>
            {a.label}
          </button>
        ))}
      </span>
    </div>
  );
}
