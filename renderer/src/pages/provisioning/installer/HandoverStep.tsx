// The optional handover: when the laptop is only the staging ACS, point the router at the
// operator's production ACS (ManagementServer.URL) as the last step; followed to its end.
import { useState } from 'react';
import type { CreateTaskResult } from '../../../../../shared/models.ts';
import { useApiMutation } from '../../../api/queries.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useNow } from '../../../lib/use-now.ts';
import { TaskChip } from '../../tasks/TaskChip.tsx';
import { sentence, taskOutcome } from '../../tasks/task-words.ts';
import { useFollowedTask } from '../../tasks/use-followed-task.ts';

export function HandoverStep({ deviceId }: { deviceId: string }) {
  const [url, setUrl] = useState('');
  const handover = useApiMutation('handoverDevice', ['getProvisioning']);
  const [sent, setSent] = useState<CreateTaskResult | null>(null);
  return (
    <section className="panel installer-step" aria-labelledby="handover-title">
      <h2 id="handover-title">
        <span className="step-no">3</span> Handover <span className="muted small">(optional)</span>
      </h2>
      <form
        className="handover-form"
        onSubmit={(e) => {
          e.preventDefault();
          handover.mutate({ id: deviceId, url: url.trim(), connectionRequest: true }, { onSuccess: setSent });
        }}
      >
        <label className="pfield grow">
          <span>Production ACS URL</span>
          <input
            type="text"
            className="mono"
            value={url}
            placeholder="https://acs.example.net:7547/"
            spellCheck={false}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <button type="submit" disabled={url.trim() === '' || handover.isPending}>
          Hand over
        </button>
      </form>
      {handover.isError && <ErrorAlert error={handover.error} />}
      {sent !== null && <HandoverTask result={sent} />}
    </section>
  );
}

function HandoverTask({ result }: { result: CreateTaskResult }) {
  const now = useNow(1_000);
  const task = useFollowedTask(result.task.id, result.task).data ?? result.task;
  return (
    <p className="small handover-task" role="status">
      <TaskChip task={task} /> {sentence(taskOutcome(task, { now, wake: result.connectionRequest, nextContact: null }))}
    </p>
  );
}
