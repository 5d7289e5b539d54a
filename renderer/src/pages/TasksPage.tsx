// Tasks across devices, newest first, filtered by state, device, task name and bulk action (all
// in the URL, so a link from a toast or a device opens the same view); retry and cancel per row,
// each with its outcome beside it, and every row's state kept live by the task events.
import { useSearchParams } from 'react-router';
import { taskStatuses, type TaskStatus } from '../../../shared/models.ts';
import { useApiQuery } from '../api/queries.ts';
import { QueryView } from '../components/QueryView.tsx';
import { type TaskFilter, TaskFilters } from './tasks/TaskFilters.tsx';
import { TaskTable } from './tasks/TaskTable.tsx';
import { taskTitle } from './tasks/task-words.ts';
import '../styles/tasks.css';

const limit = 500;

function isStatus(s: string | null): s is TaskStatus {
  return s !== null && (taskStatuses as readonly string[]).includes(s);
}

const keys: Record<keyof TaskFilter, string> = { status: 'status', deviceId: 'device', name: 'name', batchId: 'batch' };

export function TasksPage() {
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const filter: TaskFilter = {
    status: isStatus(rawStatus) ? rawStatus : undefined,
    deviceId: params.get('device') || undefined,
    name: params.get('name') || undefined,
    batchId: params.get('batch') || undefined,
  };
  const tasks = useApiQuery('listTasks', { ...filter, limit });
  const update = (patch: Partial<TaskFilter>): void => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch) as [keyof TaskFilter, string | undefined][]) {
      if (v === undefined || v === '') next.delete(keys[k]);
      else next.set(keys[k], v);
    }
    setParams(next);
  };
  const filtered = Object.values(filter).some((v) => v !== undefined);
  return (
    <section className="tasks-page">
      <div className="page-head">
        <h1>Tasks</h1>
        {tasks.data !== undefined && (
          <span className="muted task-count" role="status">
            {tasks.data.length === limit
              ? `The newest ${limit} tasks`
              : `${tasks.data.length.toLocaleString()} task${tasks.data.length === 1 ? '' : 's'}`}
            {filtered ? ' matching' : ''}
          </span>
        )}
      </div>
      <TaskFilters filter={filter} onChange={update} />
      <QueryView query={tasks} loading="Loading tasks…">
        {(list) =>
          list.length === 0 ? (
            <div className="empty-state">
              <p>{filtered ? `No ${describe(filter)}.` : 'No tasks yet. Actions on devices (refresh, reboot, set a value) appear here.'}</p>
              {filtered && (
                <button type="button" onClick={() => setParams(new URLSearchParams())}>
                  Clear filters
                </button>
              )}
            </div>
          ) : (
            <TaskTable tasks={list} label="Tasks" showDevice />
          )
        }
      </QueryView>
    </section>
  );
}

/** "failed Reboot tasks on <device>". */
function describe(f: TaskFilter): string {
  const state = f.status === undefined ? '' : `${f.status === 'fault' ? 'failed' : f.status} `;
  const name = f.name === undefined ? '' : `${taskTitle(f.name)} `;
  const device = f.deviceId === undefined ? '' : ` on ${f.deviceId}`;
  const batch = f.batchId === undefined ? '' : ` in bulk action ${f.batchId}`;
  return `${state}${name}tasks${device}${batch}`;
}
