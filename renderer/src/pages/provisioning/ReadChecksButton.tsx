// "Read from the device": a manual re-read while a check is pending. The profile engine reads
// what the checks lack by itself (check-reads.ts); this asks for one refresh of the whole tree,
// followed to its end; the checklist is read again when it ends.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { CreateTaskResult } from '../../../../shared/models.ts';
import { useApiMutation } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useNow } from '../../lib/use-now.ts';
import { sentence, taskInFlight, taskOutcome } from '../tasks/task-words.ts';
import { useFollowedTask } from '../tasks/use-followed-task.ts';

export function ReadChecksButton({ deviceId, pending }: { deviceId: string; pending: number }) {
  const create = useApiMutation('createTask', ['listTasks']);
  const [sent, setSent] = useState<CreateTaskResult | null>(null);
  const task = useFollowedTask(sent?.task.id ?? null, sent?.task).data ?? null;
  const queryClient = useQueryClient();
  const now = useNow(1_000);
  const running = create.isPending || (task !== null && taskInFlight(task));
  useEffect(() => {
    if (task !== null && !taskInFlight(task)) {
      void queryClient.invalidateQueries({ queryKey: ['getProvisioning', { id: deviceId }] });
      void queryClient.invalidateQueries({ queryKey: ['getDeviceSettings', { id: deviceId }] });
    }
  }, [task, deviceId, queryClient]);
  // Once every check has its values, the trace has said all it had to.
  if (pending === 0 && (task === null || !taskInFlight(task))) return null;
  return (
    <div className="read-checks">
      {pending > 0 && (
        <button
          type="button"
          disabled={running}
          onClick={() =>
            create.mutate(
              { id: deviceId, task: { name: 'refresh', path: '' }, connectionRequest: true, waitSeconds: 0 },
              { onSuccess: setSent },
            )
          }
        >
          {running ? 'Reading…' : 'Read from the device'}
        </button>
      )}
      {task !== null && (
        <span className="small muted" role="status">
          Reading the device: {sentence(taskOutcome(task, { now, wake: sent?.connectionRequest ?? null }))}
        </span>
      )}
      {create.isError && <ErrorAlert error={create.error} />}
    </div>
  );
}
