// Retry (a failed, expired or cancelled task) or cancel (a queued or running one), with what it
// did beside the button: "Retried as #124; the device was woken", or the core's reason for a
// refusal. A retry wakes the device, so it does not silently wait for the next periodic Inform.
import { useRef } from 'react';
import type { TaskRecord } from '../../../../shared/models.ts';
import { useApiMutation } from '../../api/queries.ts';
import { errorText } from '../../lib/format.ts';
import { sentence, taskInFlight, taskRetryable } from './task-words.ts';

export type Said = { text: string; bad: boolean } | null;

/** The buttons; what they did goes to `onSaid` (shown in the row's outcome cell, where there is room). */
export function TaskRowActions({ task, onSaid }: { task: TaskRecord; onSaid(said: Said): void }) {
  const retry = useApiMutation('retryTask', ['listTasks']);
  const cancel = useApiMutation('cancelTask', ['listTasks']);
  const wake = useApiMutation('connectionRequest', ['getDeviceSummary']);
  const said = useRef<Said>(null);
  const setSaid = (next: Said | ((prev: Said) => Said)): void => {
    said.current = typeof next === 'function' ? next(said.current) : next;
    onSaid(said.current);
  };
  const busy = retry.isPending || cancel.isPending || wake.isPending;

  const onRetry = async (): Promise<void> => {
    setSaid(null);
    try {
      const fresh = await retry.mutateAsync({ taskId: task.id });
      setSaid({ text: `Retried as #${fresh.id}; waking the device…`, bad: false });
      const report = await wake.mutateAsync({ id: task.deviceId });
      setSaid(
        report.outcome === 'reached'
          ? { text: `Retried as #${fresh.id}; the device was woken.`, bad: false }
          : {
              text: `Retried as #${fresh.id}; not woken now: ${sentence(report.message)}`,
              bad: false,
            },
      );
    } catch (err) {
      setSaid((s) =>
        s === null ? { text: `Retry failed: ${errorText(err)}`, bad: true } : { text: `${s.text} ${errorText(err)}`, bad: false },
      );
    }
  };
  const onCancel = async (): Promise<void> => {
    setSaid(null);
    try {
      await cancel.mutateAsync({ taskId: task.id });
      setSaid({ text: 'Cancelled.', bad: false });
    } catch (err) {
      setSaid({ text: `Not cancelled: ${errorText(err)}`, bad: true });
    }
  };

  return (
    <div className="task-actions">
      {taskRetryable(task) && (
        <button type="button" disabled={busy} aria-label={`Retry task ${task.id}`} onClick={() => void onRetry()}>
          {retry.isPending ? 'Retrying…' : 'Retry'}
        </button>
      )}
      {taskInFlight(task) && (
        <button type="button" disabled={busy} aria-label={`Cancel task ${task.id}`} onClick={() => void onCancel()}>
          {cancel.isPending ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
    </div>
  );
}
