// One tree action's live trace, to its end: queued and waking the device, waiting for it (and
// why: its next contact when it could not be woken), done as the device confirmed, or its fault
// with the explanation and the suggested fix. Read through getTask, which the live updates
// refetch on every taskUpdated event; a poll covers what the events miss.
import { useEffect, useRef } from 'react';
import { nextExpectedContact } from '../../../../../shared/device-status.ts';
import type { TaskRecord } from '../../../../../shared/models.ts';
import { useApiQuery } from '../../../api/queries.ts';
import { formatRelative } from '../../../lib/format.ts';
import { BreakAtDots } from './BreakAtDots.tsx';
import { FaultDetails } from './FaultDetails.tsx';
import { taskEnded, type TreeOp } from './use-tree-ops.ts';

const pollMs = 1_500;

export interface TaskLineProps {
  deviceId: string;
  op: TreeOp;
  now: number;
  /** Called once, when the task ends (done, fault, cancelled or expired). */
  onEnded(op: TreeOp, task: TaskRecord): void;
  onDismiss(key: number): void;
}

export function TaskLine({ deviceId, op, now, onEnded, onDismiss }: TaskLineProps) {
  const taskId = op.task?.id ?? null;
  const live = useApiQuery('getTask', taskId === null ? null : { taskId }, {
    staleTime: 0,
    refetchInterval: (q) => (q.state.data !== undefined && taskEnded(q.state.data) ? false : pollMs),
  });
  const task = live.data ?? op.task;
  const device = useApiQuery('getDevice', { id: deviceId });
  const reported = useRef(false);
  useEffect(() => {
    if (task === null || !taskEnded(task) || reported.current) return;
    reported.current = true;
    onEnded(op, task);
  }, [task, op, onEnded]);

  let tone: 'info' | 'ok' | 'bad' = 'info';
  let text: string;
  let body = null;
  if (op.refused !== null) {
    tone = 'bad';
    text = `${op.doing}: refused. ${op.refused}`;
  } else if (task === null) {
    text = `${op.doing}… waking the device`;
  } else if (task.status === 'done') {
    tone = 'ok';
    text = doneText(op, task);
  } else if (task.status === 'fault') {
    tone = 'bad';
    text = `${op.doing}: failed.`;
    body = <FaultDetails deviceId={deviceId} task={task} />;
  } else if (task.status === 'expired') {
    tone = 'bad';
    text = `${op.doing}: expired. The device did not connect before the task's deadline.`;
  } else if (task.status === 'cancelled') {
    text = `${op.doing}: cancelled.`;
  } else {
    text = `${op.doing}… ${waitingText(task, op, now, device.data)}`;
  }
  const ended = op.refused !== null || (task !== null && taskEnded(task));
  return (
    <div className={`ptree-op ${tone}`} role={tone === 'bad' ? 'alert' : 'status'} data-task={task?.id}>
      <div className="ptree-op-line">
        <span className={`chip ${chipClass(op, task)}`}>{chipText(op, task)}</span>
        <span className="ptree-op-text">
          <BreakAtDots text={text} />
        </span>
        {ended && (
          <button type="button" className="icon-button" aria-label={`Dismiss: ${op.doing}`} onClick={() => onDismiss(op.key)}>
            ×
          </button>
        )}
      </div>
      {body}
    </div>
  );
}

function waitingText(
  task: TaskRecord,
  op: TreeOp,
  now: number,
  device: { lastInform: string | null; periodicInformInterval: number | null } | undefined,
): string {
  if (task.notBefore !== null && Date.parse(task.notBefore) > now) {
    return `the device answered with a passing fault; trying again ${formatRelative(task.notBefore, now)} (attempt ${task.attempts + 1})`;
  }
  if (task.status === 'running') return 'waiting for the device (it is connected)';
  if (op.wake === null || op.wake.outcome === 'reached') return 'waiting for the device';
  const next = device === undefined ? null : nextExpectedContact(device.lastInform, device.periodicInformInterval);
  const when = next === null ? '' : ` (expected ${formatRelative(next, now)})`;
  return `waiting for the device's next contact${when}: it could not be woken now (${op.wake.message})`;
}

function doneText(op: TreeOp, task: TaskRecord): string {
  const r = task.result;
  const rec = typeof r === 'object' && r !== null ? r : {};
  switch (op.kind) {
    case 'apply': {
      const later = 'rebootNeeded' in rec && rec.rebootNeeded === true ? '; it applies them after its next restart' : '';
      return `Done: the device confirmed ${op.paths.length === 1 ? 'the change' : `the ${op.paths.length} changes`}${later}.`;
    }
    case 'add':
      return `Done: the device added ${'path' in rec && typeof rec.path === 'string' ? rec.path : 'the instance'}.`;
    case 'delete':
      return `Done: the device deleted ${op.paths[0] ?? 'the instance'}.`;
    case 'refresh': {
      const n = 'values' in rec && typeof rec.values === 'number' ? `${rec.values.toLocaleString()} values` : 'the values';
      return `Done: read ${n} of ${op.paths[0] || 'the whole device'} from the device.`;
    }
  }
}

function chipText(op: TreeOp, task: TaskRecord | null): string {
  if (op.refused !== null) return 'Refused';
  if (task === null) return 'Queued';
  const words: Record<TaskRecord['status'], string> = {
    queued: 'Waiting for device',
    running: 'Running',
    done: 'Done',
    fault: 'Failed',
    cancelled: 'Cancelled',
    expired: 'Expired',
  };
  return words[task.status];
}

function chipClass(op: TreeOp, task: TaskRecord | null): string {
  if (op.refused !== null) return 'task-fault';
  return `task-${task?.status ?? 'queued'}`;
}
