// The device page's Diagnostics tab: run a ping, traceroute, speed test (download or upload,
// against DeskACS itself) or DNS lookup from the customer's router in two clicks (pick, Run; the
// host is prefilled and editable), the run followed live to its end (starting, running on the
// device and why, done with its result, failed with the explanation), the device's history of
// runs newest first, and its log (DeviceLogPanel). Lists refresh on this device's task events.
import { useId, useState } from 'react';
import type { DiagnosticRun } from '../../../../../shared/models-diagnostics.ts';
import type { CreateTaskResult, DeviceDetail } from '../../../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../../../api/queries.ts';
import { QueryView } from '../../../components/QueryView.tsx';
import { errorText, formatTime } from '../../../lib/format.ts';
import { TaskChip } from '../../tasks/TaskChip.tsx';
import { faultWords, taskOutcome } from '../../tasks/task-words.ts';
import { DeviceLogPanel } from './DeviceLogPanel.tsx';
import { DiagnosticResultView } from './DiagnosticResultView.tsx';
import {
  type DiagnosticChoice,
  diagnosticChoices,
  diagnosticTask,
  inFlight,
  resultLine,
  runTitle,
  stateClass,
  stateLabels,
} from './diagnostic-words.ts';
import '../../../styles/diagnostics.css';

export function DiagnosticsTab({ device }: { device: DeviceDetail }) {
  const runs = useApiQuery(
    'listDiagnostics',
    { id: device.id },
    // Polled while a run is in flight, should a push event be missed.
    { refetchInterval: (q) => (q.state.data?.some((r) => inFlight(r.state)) === true ? 3_000 : false) },
  );
  const [started, setStarted] = useState<CreateTaskResult | null>(null);
  const list = runs.data ?? [];
  const current = started === null ? undefined : list.find((r) => r.taskId === started.task.id);
  return (
    <div className="diag-tab">
      <RunForm deviceId={device.id} onStarted={setStarted} />
      {started !== null && <CurrentRun started={started} run={current} onDismiss={() => setStarted(null)} />}
      <section className="diag-section" aria-labelledby="diag-history-title">
        <h3 id="diag-history-title" className="diag-heading">
          History
        </h3>
        <QueryView query={runs} loading="Loading the diagnostics…">
          {(rows) =>
            rows.length === 0 ? (
              <p className="empty-state">No diagnostics run on this device yet.</p>
            ) : (
              <History runs={rows.filter((r) => r.taskId !== current?.taskId)} />
            )
          }
        </QueryView>
      </section>
      <DeviceLogPanel device={device} />
    </div>
  );
}

function RunForm({ deviceId, onStarted }: { deviceId: string; onStarted(r: CreateTaskResult): void }) {
  const create = useApiMutation('createTask', ['listTasks', 'listDiagnostics']);
  const [choice, setChoice] = useState<DiagnosticChoice>('ping');
  const [hosts, setHosts] = useState<Record<string, string>>(() => Object.fromEntries(diagnosticChoices.map((c) => [c.id, c.defaultHost])));
  const [error, setError] = useState<string | null>(null);
  const hostId = useId();
  const spec = diagnosticChoices.find((c) => c.id === choice) ?? diagnosticChoices[0];
  const host = (hosts[choice] ?? '').trim();
  const run = (e: React.FormEvent): void => {
    e.preventDefault();
    setError(null);
    create.mutate(
      { id: deviceId, task: diagnosticTask(choice, host), connectionRequest: true },
      { onSuccess: onStarted, onError: (err) => setError(errorText(err)) },
    );
  };
  return (
    <form className="diag-form" onSubmit={run} aria-label="Run a diagnostic">
      <fieldset className="diag-choices">
        <legend className="sr-only">Diagnostic</legend>
        {diagnosticChoices.map((c) => (
          <label key={c.id} className={`diag-choice${c.id === choice ? ' selected' : ''}`}>
            <input type="radio" name="diagnostic" value={c.id} checked={c.id === choice} onChange={() => setChoice(c.id)} />
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="diag-run-line">
        {spec.needsHost ? (
          <label htmlFor={hostId} className="diag-host">
            <span>{choice === 'nslookup' ? 'Host name' : 'Host'}</span>
            <input
              id={hostId}
              type="text"
              value={hosts[choice] ?? ''}
              onChange={(e) => setHosts({ ...hosts, [choice]: e.target.value })}
              spellCheck={false}
              autoComplete="off"
              required
            />
          </label>
        ) : (
          <span className="muted small diag-speed-note">
            The device {choice === 'download' ? 'downloads a test file from' : 'uploads a test file to'} DeskACS over its CWMP address.
          </span>
        )}
        <button type="submit" className="primary" disabled={create.isPending || (spec.needsHost && host === '')}>
          {create.isPending ? 'Starting…' : `Run ${spec.label.toLowerCase()}`}
        </button>
      </div>
      {error !== null && (
        <p className="action-line bad" role="alert">
          <span className="action-text">{error}</span>
        </p>
      )}
    </form>
  );
}

/** The run just started, followed to its end: the task's state until the device took it, then the run's. */
function CurrentRun({ started, run, onDismiss }: { started: CreateTaskResult; run: DiagnosticRun | undefined; onDismiss(): void }) {
  const task = useApiQuery('getTask', { taskId: started.task.id }, { refetchInterval: run === undefined ? 3_000 : false });
  const t = task.data ?? started.task;
  const wake = started.connectionRequest;
  return (
    <section className="diag-current" aria-live="polite" aria-label="Current diagnostic">
      <div className="diag-current-head">
        {run === undefined ? <TaskChip task={t} /> : <span className={`chip ${stateClass(run.state)}`}>{stateLabels[run.state]}</span>}
        <strong>{run === undefined ? taskLabel(started) : runTitle(run)}</strong>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      </div>
      {run === undefined ? (
        <p className="small">
          {t.status === 'fault' && t.fault !== null ? <FaultText fault={t.fault} /> : sentenceOf(taskOutcome(t, { now: Date.now(), wake }))}
        </p>
      ) : (
        <RunBody run={run} />
      )}
    </section>
  );
}

function taskLabel(r: CreateTaskResult): string {
  const args = r.task.args as Record<string, unknown>;
  return runTitle({ kind: r.task.name as DiagnosticRun['kind'], args });
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sentenceOf(text: string): string {
  const s = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.…!?)]$/.test(s) ? s : `${s}.`;
}

function RunBody({ run }: { run: DiagnosticRun }) {
  if (run.state === 'done') return <DiagnosticResultView run={run} />;
  if (run.state === 'failed') {
    return (
      <p className="small diag-failed" role="alert">
        <strong>{sentenceOf(run.error?.message ?? run.reason)}</strong>
        {run.error?.explanation ? ` ${run.error.explanation}` : ''}
      </p>
    );
  }
  // The core's reason names its deadline in ISO; shown here in local time.
  const reason = run.reason.replace(/ \(at most until [^)]*\)$/, '');
  const until = run.deadline === null ? '' : ` It gives up at ${formatTime(run.deadline)}.`;
  return (
    <p className="small">
      {sentenceOf(reason)}
      {until}
    </p>
  );
}

function FaultText({ fault }: { fault: NonNullable<CreateTaskResult['task']['fault']> }) {
  const f = faultWords(fault);
  return (
    <span role="alert">
      <strong>{sentenceOf(f.message)}</strong>
      {f.explanation === null ? '' : ` ${f.explanation}`}
      {f.suggestedFix === null ? '' : ` ${f.suggestedFix}`}
    </span>
  );
}

function History({ runs }: { runs: DiagnosticRun[] }) {
  const [open, setOpen] = useState<number | null>(null);
  if (runs.length === 0) return <p className="muted small">No earlier runs.</p>;
  return (
    <ul className="diag-history">
      {runs.map((run) => {
        const expanded = open === run.id;
        const panelId = `diag-run-${run.id}`;
        return (
          <li key={run.id} className="diag-run">
            <button
              type="button"
              className="diag-run-head"
              aria-expanded={expanded}
              aria-controls={panelId}
              onClick={() => setOpen(expanded ? null : run.id)}
            >
              <span className="diag-run-time muted small">{formatTime(run.requestedAt)}</span>
              <span className="diag-run-title">{runTitle(run)}</span>
              <span className={`chip ${stateClass(run.state)}`}>{stateLabels[run.state]}</span>
              <span className="diag-run-line small">
                {capital(
                  run.result !== null ? resultLine(run.result) : run.state === 'failed' ? (run.error?.message ?? run.reason) : run.reason,
                )}
              </span>
            </button>
            {expanded && (
              <div id={panelId} className="diag-run-body">
                <RunBody run={run} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
