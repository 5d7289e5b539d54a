// Tasks across devices, newest first, filtered by state; a queued or running task can be cancelled.
// (Retry, name and device filters come with issue #11.)
import { Link, useSearchParams } from 'react-router';
import { taskStatuses, type TaskStatus } from '../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../api/queries.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { formatAgo, formatTime } from '../lib/format.ts';
import { useNow } from '../lib/use-now.ts';

const statusLabels: Record<TaskStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  fault: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

function isStatus(s: string | null): s is TaskStatus {
  return s !== null && (taskStatuses as readonly string[]).includes(s);
}

export function TasksPage() {
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status = isStatus(rawStatus) ? rawStatus : undefined;
  const batchId = params.get('batch') ?? undefined;
  const now = useNow();
  const toasts = useToasts();
  const tasks = useApiQuery('listTasks', { status, batchId, limit: 500 });
  const cancel = useApiMutation('cancelTask', ['listTasks']);
  return (
    <section className="tasks-page">
      <div className="page-head">
        <h1>Tasks</h1>
        <label>
          State{' '}
          <select
            value={status ?? ''}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value === '') next.delete('status');
              else next.set('status', e.target.value);
              setParams(next);
            }}
          >
            <option value="">Any</option>
            {taskStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </select>
        </label>
        {batchId !== undefined && <span className="chip">Bulk action {batchId}</span>}
      </div>
      {tasks.isError && <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />}
      {tasks.data !== undefined && tasks.data.length === 0 && (
        <p className="empty-state">No tasks{status !== undefined ? ` in state ${statusLabels[status]}` : ''}.</p>
      )}
      {tasks.data !== undefined && tasks.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Device</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">Outcome</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tasks.data.map((t) => (
              <tr key={t.id}>
                <td>
                  {t.name} <span className="muted">#{t.id}</span>
                </td>
                <td className="mono">
                  <Link to={`/devices/${encodeURIComponent(t.deviceId)}`}>{t.deviceId}</Link>
                </td>
                <td>
                  <span className={`chip task-${t.status}`}>{statusLabels[t.status]}</span>
                </td>
                <td title={formatTime(t.createdAt)}>{formatAgo(t.createdAt, now)}</td>
                <td>
                  {t.fault !== null
                    ? `${t.fault.code}: ${t.fault.message}`
                    : t.awaiting !== null
                      ? `waiting for the device (${t.awaiting})`
                      : ''}
                </td>
                <td>
                  {(t.status === 'queued' || t.status === 'running') && (
                    <button
                      type="button"
                      onClick={() =>
                        cancel.mutate({ taskId: t.id }, { onError: (err) => toasts.show(`Cancel failed: ${err.message}`, 'bad') })
                      }
                    >
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
