// Tasks as a table, newest first: what each is, its state in words, what happened (a failure
// with its explanation and suggested fix), and retry or cancel with their outcome in the row.
// Used by the Tasks page (with a device column) and the device page's Tasks tab.
import { useState } from 'react';
import { Link } from 'react-router';
import type { TaskRecord } from '../../../../shared/models.ts';
import { formatAgo, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { TaskChip } from './TaskChip.tsx';
import { type Said, TaskRowActions } from './TaskRowActions.tsx';
import { faultWords, taskOutcome, taskTitle } from './task-words.ts';

export interface TaskTableProps {
  tasks: TaskRecord[];
  label: string;
  /** Show the device of each task (the Tasks page). */
  showDevice?: boolean;
  /** The device's next expected contact, for "runs at its next contact (expected in 12 min)". */
  nextContact?: string | null;
}

export function TaskTable({ tasks, label, showDevice = false, nextContact = null }: TaskTableProps) {
  const now = useNow(5_000);
  const [said, setSaid] = useState<Record<number, Said>>({});
  return (
    <table className="table task-table">
      <caption className="sr-only">{label}</caption>
      <thead>
        <tr>
          <th scope="col">Task</th>
          {showDevice && <th scope="col">Device</th>}
          <th scope="col">State</th>
          <th scope="col">Created</th>
          <th scope="col">Outcome</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr key={t.id} data-task-id={t.id}>
            <td className="task-name">
              <span>{taskTitle(t.name)}</span> <span className="muted">#{t.id}</span>
              <ArgsSummary task={t} />
            </td>
            {showDevice && (
              <td className="mono task-device">
                <Link to={`/devices/${encodeURIComponent(t.deviceId)}?tab=tasks`} title={t.deviceId}>
                  {readableId(t.deviceId)}
                </Link>
              </td>
            )}
            <td>
              <TaskChip task={t} />
            </td>
            <td className="nowrap" title={formatTime(t.createdAt)}>
              {formatAgo(t.createdAt, now)}
            </td>
            <td className="task-outcome">
              <Outcome task={t} now={now} nextContact={nextContact} />
              <SaidLine said={said[t.id] ?? null} />
            </td>
            <td className="row-actions">
              <TaskRowActions task={t} onSaid={(next) => setSaid((all) => ({ ...all, [t.id]: next }))} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What Retry or Cancel did in this row; announced (a refusal at once). */
function SaidLine({ said }: { said: Said }) {
  return (
    <div className={`task-said${said?.bad === true ? ' alert-inline' : ''}`} role={said?.bad === true ? 'alert' : 'status'}>
      {said?.text ?? ''}
    </div>
  );
}

function Outcome({ task, now, nextContact }: { task: TaskRecord; now: number; nextContact: string | null }) {
  if (task.status === 'fault' && task.fault !== null) {
    const f = faultWords(task.fault);
    return (
      <div className="task-fault-detail">
        <div>
          <strong>{f.code === 0 ? 'Failed' : `${f.code} ${f.title}`}</strong>
          {f.message !== f.title && `: ${f.message}`}
        </div>
        {f.explanation !== null && <div className="muted small">{f.explanation}</div>}
        {f.suggestedFix !== null && (
          <div className="small">
            <span className="muted">What to do: </span>
            {f.suggestedFix}
          </div>
        )}
      </div>
    );
  }
  const text = taskOutcome(task, { now, nextContact });
  return <span className={task.status === 'expired' ? 'warn-text' : undefined}>{text}</span>;
}

const secret = /pass(word|phrase)|secret|psk|key$/i;

/** A line of what the task acts on: the values set (secrets masked), the path, the file. */
function ArgsSummary({ task }: { task: TaskRecord }) {
  const text = argsText(task.args);
  if (text === '') return null;
  return (
    <div className="task-args mono" title={text}>
      {text}
    </div>
  );
}

function argsText(args: unknown): string {
  if (typeof args !== 'object' || args === null) return '';
  const a = args as Record<string, unknown>;
  if (a.name === 'setConnectionRequestCredentials') return '';
  if (Array.isArray(a.values)) {
    const parts = a.values.flatMap((v: unknown) => {
      if (Array.isArray(v)) return [[String(v[0]), String(v[1])]];
      if (typeof v === 'object' && v !== null && 'name' in v && 'value' in v) return [[String(v.name), String(v.value)]];
      return [];
    });
    const shown = parts.slice(0, 2).map(([path = '', value = '']) => `${path} = ${secret.test(path) ? '••••••' : value}`);
    return `${shown.join(', ')}${parts.length > 2 ? ` and ${parts.length - 2} more` : ''}`;
  }
  if (typeof a.path === 'string' && a.path !== '') return a.path;
  if (typeof a.url === 'string') return a.url;
  if (Array.isArray(a.names)) return a.names.slice(0, 2).join(', ') + (a.names.length > 2 ? ` and ${a.names.length - 2} more` : '');
  return '';
}

/** A device id as read (OUI-ProductClass-Serial); the stored form escapes '-' in its parts as %2D. */
function readableId(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
