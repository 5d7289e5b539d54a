// A failed task's fault as the operator needs it: the code and its name, what it means, what to
// do, and the parameters the device refused (a SetParameterValues fault lists them one by one).
// The explanation comes from the core (listFaults); the task's own code and message are shown
// while it loads or when the fault was not recorded for the device.
import type { TaskRecord } from '../../../../../shared/models.ts';
import { useApiQuery } from '../../../api/queries.ts';
import { BreakAtDots } from './BreakAtDots.tsx';

export function FaultDetails({ deviceId, task }: { deviceId: string; task: TaskRecord }) {
  const faults = useApiQuery('listFaults', { id: deviceId, limit: 50 }, { staleTime: 0 });
  const fault = faults.data?.find((f) => f.taskId === task.id);
  const code = fault?.code ?? task.fault?.code ?? null;
  const message = fault?.faultString ?? task.fault?.message ?? '';
  return (
    <div className="ptree-fault">
      <p className="ptree-fault-head">
        {code !== null && code !== 0 && <span className="mono">Fault {code}</span>}
        {fault !== undefined && <strong>{fault.title}</strong>}
        {message !== '' && <span className="muted">“{message}”</span>}
      </p>
      {fault !== undefined ? (
        <dl className="ptree-fault-why">
          <dt>What happened</dt>
          <dd>
            <BreakAtDots text={fault.explanation} />
          </dd>
          <dt>Suggested fix</dt>
          <dd>{fault.suggestedFix}</dd>
          {fault.parameters.length > 0 && (
            <>
              <dt>Refused</dt>
              <dd>
                <ul>
                  {fault.parameters.map((p) => (
                    <li key={p.name}>
                      <span className="mono">
                        <BreakAtDots text={p.name} />
                      </span>
                      : {p.code} {p.message}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      ) : (
        faults.isPending && <p className="muted">Reading the fault's explanation…</p>
      )}
    </div>
  );
}
