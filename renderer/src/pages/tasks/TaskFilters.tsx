// The Tasks page's filters: state, device (its id; suggestions as you type), task name, and the
// bulk action the list comes from. Every value lives in the URL.
import { useEffect, useId, useState } from 'react';
import { taskStatuses, type TaskStatus } from '../../../../shared/models.ts';
import { taskNames } from '../../../../shared/tasks.ts';
import { useApiQuery } from '../../api/queries.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { taskTitle } from './task-words.ts';

export interface TaskFilter {
  status: TaskStatus | undefined;
  deviceId: string | undefined;
  name: string | undefined;
  batchId: string | undefined;
}

const statusLabels: Record<TaskStatus, string> = {
  queued: 'Queued',
  running: 'Running or waiting',
  done: 'Done',
  fault: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

export function TaskFilters({ filter, onChange }: { filter: TaskFilter; onChange(patch: Partial<TaskFilter>): void }) {
  return (
    <div className="task-filters" role="search" aria-label="Task filters">
      <label className="filter-field">
        <span>State</span>
        <select value={filter.status ?? ''} onChange={(e) => onChange({ status: (e.target.value || undefined) as TaskStatus | undefined })}>
          <option value="">Any</option>
          {taskStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field">
        <span>Task</span>
        <select value={filter.name ?? ''} onChange={(e) => onChange({ name: e.target.value || undefined })}>
          <option value="">Any</option>
          {taskNames.map((n) => (
            <option key={n} value={n}>
              {taskTitle(n)}
            </option>
          ))}
        </select>
      </label>
      <DeviceField value={filter.deviceId} onApply={(deviceId) => onChange({ deviceId })} />
      {filter.batchId !== undefined && (
        <button
          type="button"
          className="filter-chip"
          aria-label={`Remove filter Bulk action ${filter.batchId}`}
          onClick={() => onChange({ batchId: undefined })}
        >
          <span>Bulk action {filter.batchId}</span>
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}

/** The device's id, applied on Enter, when a suggestion is picked, or when the field is left. */
function DeviceField({ value, onApply }: { value: string | undefined; onApply(value: string | undefined): void }) {
  const [draft, setDraft] = useState(value ?? '');
  const listId = useId();
  useEffect(() => setDraft(value ?? ''), [value]);
  const q = useDebounced(draft.trim(), 150);
  const suggestions = useApiQuery('listDevices', q.length >= 2 && q !== value ? { q, limit: 8 } : null, { staleTime: 10_000 });
  const apply = (text: string): void => {
    // A serial typed in full stands for its device (the list filters by device id).
    const bySerial = suggestions.data?.items.find((d) => d.serialNumber.toLowerCase() === text.trim().toLowerCase());
    const next = text.trim() === '' ? undefined : (bySerial?.id ?? text.trim());
    if (next !== value) onApply(next);
  };
  return (
    <label className="filter-field device-filter">
      <span>Device</span>
      <input
        type="text"
        list={listId}
        value={draft}
        placeholder="Any (device id or serial)"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setDraft(e.target.value);
          const native = e.nativeEvent;
          const picked = !(native instanceof InputEvent) || native.inputType === 'insertReplacementText';
          if (picked && suggestions.data?.items.some((d) => d.id === e.target.value)) apply(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply(draft);
          }
        }}
        onBlur={() => apply(draft)}
      />
      <datalist id={listId}>
        {(suggestions.data?.items ?? []).map((d) => (
          <option key={d.id} value={d.id}>
            {d.serialNumber} · {d.modelName || d.productClass}
          </option>
        ))}
      </datalist>
    </label>
  );
}
