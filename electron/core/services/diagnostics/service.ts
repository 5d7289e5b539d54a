// Diagnostics use cases behind the contract: a device's diagnostics history (listDiagnostics),
// its DeviceInfo.DeviceLog (getDeviceLog), and the timer that fails runs whose device never
// reported '8 DIAGNOSTICS COMPLETE' within the timeout.
import { AcsError } from '../../../../shared/errors.ts';
import type { DeviceLog, DiagnosticResult, DiagnosticRun } from '../../../../shared/models-diagnostics.ts';
import type { Logger } from '../../acs-types.ts';
import type { EventHub } from '../../events.ts';
import type { StoredDiagnostic } from '../../store/diagnostics.ts';
import type { Store } from '../../store/index.ts';
import type { StoredTask } from '../../store/tasks.ts';
import { diagnosticLabel } from './objects.ts';
import { DEFAULT_DIAGNOSTIC_TIMEOUT_MS } from './plan.ts';

export interface DiagnosticsServiceDeps {
  store: Store;
  events: EventHub;
  log: Logger;
  now: () => Date;
  /** The timeout the plans use (for the message of a run that timed out). */
  timeoutMs?: number;
  /** How often overdue runs are looked for (default 5 s). */
  checkMs?: number;
}

export interface DiagnosticsService {
  list(deviceId: string, limit?: number): DiagnosticRun[];
  deviceLog(deviceId: string): DeviceLog;
  /** Fails the runs past their deadline; returns how many. */
  sweep(): number;
  close(): void;
}

export function createDiagnosticsService(deps: DiagnosticsServiceDeps): DiagnosticsService {
  const { store } = deps;
  const mustExist = (id: string): void => {
    if (!store.devices.exists(id)) throw new AcsError('not_found', `no device with id '${id}'`);
  };
  const sweep = (): number => {
    const now = deps.now();
    const failed = store.transaction(() => store.diagnostics.listOverdue(now).flatMap((run) => timeOut(store, run, deps, now)));
    for (const t of failed) deps.events.emit('taskUpdated', { taskId: t.id, deviceId: t.deviceId, status: 'fault', batchId: t.batchId });
    return failed.length;
  };
  const timer = setInterval(() => {
    try {
      sweep();
    } catch (err) {
      deps.log.error('diagnostics timeout check failed', { error: String(err) });
    }
  }, deps.checkMs ?? 5_000);
  timer.unref();
  return {
    list: (deviceId, limit = 50) => {
      mustExist(deviceId);
      return store.diagnostics.listForDevice(deviceId, Math.min(Math.max(limit, 1), 500)).map((r) => toRun(r, store.tasks.get(r.taskId)));
    },
    deviceLog: (deviceId) => {
      mustExist(deviceId);
      return deviceLog(store, deviceId);
    },
    sweep,
    close: () => clearInterval(timer),
  };
}

function timeOut(store: Store, run: StoredDiagnostic, deps: DiagnosticsServiceDeps, now: Date): StoredTask[] {
  const seconds = Math.round((deps.timeoutMs ?? DEFAULT_DIAGNOSTIC_TIMEOUT_MS) / 1000);
  const label = diagnosticLabel({ name: run.kind, direction: run.args.direction === 'upload' ? 'upload' : 'download' });
  const message = `the device did not complete the ${label} within ${seconds} s`;
  const explanation =
    'DeskACS set the diagnostic going and the device accepted it, but no Inform with 8 DIAGNOSTICS COMPLETE came back in time. The device may be busy, may have rebooted, or may not report the end of diagnostics.';
  store.diagnostics.fail(run.id, { code: 0, message, explanation }, now);
  const task = store.tasks.get(run.taskId);
  if (task === undefined || task.status !== 'running') return [];
  const detail = {
    title: 'Diagnostic timed out',
    explanation,
    suggestedFix: 'Run it again; if it keeps timing out, check the device is online and reboot it.',
  };
  store.tasks.finish(task.id, 'fault', { fault: { code: 0, message, detail } }, now);
  store.faults.record({ deviceId: task.deviceId, taskId: task.id, code: 0, faultString: message, detail, at: now });
  return [task];
}

const OVER = new Set(['fault', 'expired', 'cancelled']);

function toRun(r: StoredDiagnostic, task: StoredTask | undefined): DiagnosticRun {
  let state = r.state;
  let error = r.error;
  // The task ended some other way (no answer, expired while queued): the run ended with it.
  if (state !== 'done' && state !== 'failed' && task !== undefined && OVER.has(task.status)) {
    state = 'failed';
    error = { code: task.fault?.code ?? 0, message: task.fault?.message ?? `the task ${task.status}`, explanation: '' };
  }
  return {
    id: r.id,
    deviceId: r.deviceId,
    taskId: r.taskId,
    kind: r.kind,
    args: r.args,
    object: r.object,
    state,
    reason: reasonOf(state, r, task, error),
    error,
    requestedAt: r.requestedAt,
    completedAt: r.completedAt,
    deadline: state === 'waiting' ? r.deadline : null,
    result: (r.result as DiagnosticResult | null) ?? null,
    raw: r.raw,
  };
}

function reasonOf(state: DiagnosticRun['state'], r: StoredDiagnostic, task: StoredTask | undefined, error: DiagnosticRun['error']): string {
  switch (state) {
    case 'requested':
      return task?.status === 'queued' ? 'waiting for the device to open a session' : 'setting the diagnostic going on the device';
    case 'waiting': {
      const note = task?.result;
      const reason = typeof note === 'object' && note !== null ? (note as Record<string, unknown>).reason : undefined;
      return typeof reason === 'string' ? reason : 'the device is running the diagnostic; waiting for 8 DIAGNOSTICS COMPLETE';
    }
    case 'reading':
      return 'the device finished; reading the results';
    case 'done':
      return `completed ${r.completedAt ?? ''}`.trim();
    case 'failed':
      return error?.message ?? 'failed';
  }
}

/** DeviceInfo.DeviceLog as stored: the value the device last reported and when. */
function deviceLog(store: Store, deviceId: string): DeviceLog {
  const root = store.devices.get(deviceId)?.rootObject ?? '';
  const path = root === '' ? null : `${root}.DeviceInfo.DeviceLog`;
  const row = path === null ? undefined : store.parameters.get(deviceId, path);
  if (path === null || row === undefined) return { path: null, text: null, readAt: null };
  return { path, text: row.value, readAt: row.value === null ? null : row.updatedAt };
}
