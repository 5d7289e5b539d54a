// Runs queued tasks inside CWMP sessions: picks a device's next task, steps its plan with each
// answer, and settles it: done, fault (with a plain-language explanation), retried later with
// backoff for transient faults, or left waiting for the CPE's confirmation (a reboot's boot,
// a transfer's TransferComplete). Called by the session backend inside its store transaction.
import type { InformRequest } from '../../cwmp/messages.ts';
import type { QueuedRequest } from '../../cwmp/session/types.ts';
import type { Logger } from '../../acs-types.ts';
import type { Store } from '../../store/index.ts';
import type { StoredTask } from '../../store/tasks.ts';
import type { AutonomousTransferCompleteRequest } from '../../cwmp/messages.ts';
import { uploadCompletion } from '../backups-tasks.ts';
import { explainFault, isTransientFault } from '../fault-explanations.ts';
import type { Quirks } from '../quirks.ts';
import { TaskFault, type CpeAnswer, type DiagnosticsOptions, type Plan, type PlanOutcome } from './plan-types.ts';
import { diagnosticsCompleted } from '../diagnostics/complete.ts';
import { createPlan } from './plans.ts';
import { learnFromUnanswered } from './discovery.ts';
import type { StoredTaskArgs } from './task-validate.ts';

export interface TaskRunnerDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  quirksFor: (deviceId: string) => Quirks;
  /** Called after a task's status changed (the backend emits it once the step commits). */
  changed: (task: { id: number; deviceId: string }) => void;
  maxAttempts?: number;
  /** The base URL of library files for this device (files/transfer-url.ts); absent: none served. */
  transferBaseUrl?: (deviceId: string) => string;
  /** The version a library file installs ('' or undefined: unknown; nothing to verify). */
  fileVersion?: (fileId: number) => string | undefined;
  /** How long a Download/Upload the CPE accepted may wait for its TransferComplete (default 1 h). */
  transferTimeoutMs?: number;
  /** Diagnostics: their timeout and the speed tests' sizes (services/diagnostics/plan.ts). */
  diagnostics?: DiagnosticsOptions;
}

/** ACS-side fault codes (ACS vendor range 8800-8899, see fault-explanations.ts). */
export const FIRMWARE_NOT_INSTALLED = 8801;

/** What a TransferComplete (or AutonomousTransferComplete) reported for a task. */
export interface TransferReport {
  fault: { code: number; string: string };
  detail: unknown;
  /** The session's Inform carried '1 BOOT': the device already rebooted after the transfer. */
  booted: boolean;
}

interface Active {
  task: StoredTask;
  plan: Plan;
  pending: QueuedRequest | null;
  /** The RPCs this run of the task sent, with what came back: kept with the task's outcome. */
  rpcs: RpcLogEntry[];
}

interface RpcLogEntry {
  rpc: string;
  at: string;
  answer: string | null;
}

/** Retry delays after transient faults: 1 min, 5 min, 15 min. */
const BACKOFF_MS = [60_000, 300_000, 900_000];

export class TaskRunner {
  private readonly active = new Map<string, Active>();
  private readonly maxAttempts: number;

  constructor(private readonly deps: TaskRunnerDeps) {
    this.maxAttempts = deps.maxAttempts ?? 3;
  }

  /** The request to send next in this device's session, starting its next task if needed. */
  nextRequest(deviceId: string): QueuedRequest | undefined {
    const { store } = this.deps;
    return store.transaction(() => {
      for (;;) {
        const current = this.active.get(deviceId);
        if (current?.pending != null) return current.pending;
        if (current !== undefined) this.active.delete(deviceId);
        const task = store.tasks.nextQueued(deviceId, this.deps.now());
        if (task === undefined) return undefined;
        store.tasks.markRunning(task.id, this.deps.now());
        const started = this.start({ ...task, attempts: task.attempts + 1 });
        if (started !== undefined) return started;
      }
    });
  }

  private start(task: StoredTask): QueuedRequest | undefined {
    const ctx = {
      store: this.deps.store,
      deviceId: task.deviceId,
      quirks: this.deps.quirksFor(task.deviceId),
      commandKey: task.commandKey ?? `dk-${task.id}`,
      now: this.deps.now,
      taskId: task.id,
      ...(this.deps.transferBaseUrl === undefined ? {} : { transferBaseUrl: this.deps.transferBaseUrl }),
      ...(this.deps.diagnostics === undefined ? {} : { diagnostics: this.deps.diagnostics }),
    };
    let plan: Plan;
    try {
      plan = createPlan(task.args as StoredTaskArgs, ctx);
    } catch (err) {
      this.settleError(task, err);
      return undefined;
    }
    // A task resumed after a noted wait (a diagnostic) keeps the RPCs of its earlier run.
    const active: Active = { task, plan, pending: null, rpcs: (rpcsOf(task.result).rpcs ?? []) as RpcLogEntry[] };
    this.active.set(task.deviceId, active);
    this.advance(active, undefined);
    return active.pending ?? undefined;
  }

  /** The CPE answered the task's request (a response or a fault). */
  onAnswer(deviceId: string, taskId: number, answer: CpeAnswer): void {
    const active = this.active.get(deviceId);
    if (active === undefined || active.task.id !== taskId) {
      this.deps.log.warn('answer for a task that is not running', { device: deviceId, task: taskId });
      return;
    }
    active.pending = null;
    const last = active.rpcs[active.rpcs.length - 1];
    if (last !== undefined) last.answer = answer.kind === 'response' ? answer.response.name : `Fault ${answer.fault.code}`;
    this.advance(active, answer);
  }

  /** The request went out but the session ended without an answer. */
  onInterrupted(deviceId: string, taskId: number, reason: string): void {
    const active = this.active.get(deviceId)?.task.id === taskId ? this.active.get(deviceId) : undefined;
    this.active.delete(deviceId);
    const task = this.deps.store.tasks.get(taskId);
    if (task === undefined || task.status !== 'running') return;
    // A CPE that drops the session on a request it cannot take (a partial-path
    // GetParameterValues) is remembered, so the next attempt asks differently (discovery.ts).
    const learned =
      active?.pending == null ? null : learnFromUnanswered(this.deps.store, deviceId, active.pending.request, reason, this.deps.now());
    if (learned !== null) this.deps.log.warn(learned, { device: deviceId, task: taskId });
    if (task.attempts >= this.maxAttempts) {
      const message = `no answer from the device after ${task.attempts} attempts (${reason})`;
      this.finishFault(task, new TaskFault(0, message), active?.rpcs);
    } else {
      this.deps.store.tasks.requeue(taskId);
      this.deps.changed(task);
    }
  }

  /** The CPE answered with something unusable (wrong response, empty POST, unbuildable). */
  onFailed(deviceId: string, taskId: number, message: string): void {
    const active = this.active.get(deviceId);
    this.active.delete(deviceId);
    const task = this.deps.store.tasks.get(taskId);
    if (task !== undefined) this.finishFault(task, new TaskFault(0, message), active?.task.id === taskId ? active.rpcs : []);
  }

  onSessionEnded(deviceId: string): void {
    const active = this.active.get(deviceId);
    if (active === undefined) return;
    this.active.delete(deviceId);
    if (this.deps.store.tasks.requeue(active.task.id)) this.deps.changed(active.task);
  }

  /** An Inform may confirm tasks that wait for the device: a reboot, a factory reset, a transfer. */
  onInform(deviceId: string, inform: InformRequest): void {
    const { store } = this.deps;
    const codes = new Map(inform.events.map((e) => [e.code.toUpperCase(), e.commandKey]));
    // A diagnostic the device finished: its task goes back in the queue to read the results.
    if (codes.has('8 DIAGNOSTICS COMPLETE')) for (const t of diagnosticsCompleted(store, deviceId, this.deps.now())) this.deps.changed(t);
    for (const task of store.tasks.listAwaiting(deviceId)) {
      if (task.awaiting === 'transfer' && asRecord(task.result).verifying === true) {
        // The transfer completed earlier; this Inform shows what the device runs now.
        this.verify(task, reportedVersion(inform) ?? store.devices.get(deviceId)?.softwareVersion ?? '');
        continue;
      }
      const confirmedBy = confirmation(task, codes, this.deps.quirksFor(deviceId));
      if (confirmedBy === null) continue;
      if (typeof asRecord(task.result).expectVersion === 'string') {
        this.verify(task, reportedVersion(inform) ?? store.devices.get(deviceId)?.softwareVersion ?? '');
        continue;
      }
      store.tasks.finish(task.id, 'done', { result: { ...asRecord(task.result), confirmedBy } }, this.deps.now());
      this.deps.changed(task);
      if (task.awaiting === 'bootstrap') {
        // TR-069 3.2.1: after a factory reset the device's tree is its defaults again.
        const refresh = store.tasks.enqueue(deviceId, 'refresh', { name: 'refresh', path: '' }, { at: this.deps.now() });
        this.deps.changed(refresh);
      }
    }
  }

  private advance(active: Active, answer: CpeAnswer | undefined): void {
    let step: IteratorResult<QueuedRequest['request'], PlanOutcome>;
    try {
      step = answer === undefined ? active.plan.next() : active.plan.next(answer);
    } catch (err) {
      this.active.delete(active.task.deviceId);
      this.settleError(active.task, err, active.rpcs);
      return;
    }
    if (!step.done) {
      active.pending = { taskId: active.task.id, request: step.value };
      active.rpcs.push({ rpc: step.value.name, at: this.deps.now().toISOString(), answer: null });
      return;
    }
    this.active.delete(active.task.deviceId);
    this.settle(active.task, step.value, active.rpcs);
  }

  private settle(task: StoredTask, outcome: PlanOutcome, rpcs: RpcLogEntry[]): void {
    const now = this.deps.now();
    const result = { ...asRecord(outcome.result), rpcs };
    if (outcome.kind === 'wait') this.deps.store.tasks.note(task.id, result);
    else if (outcome.kind === 'done') this.deps.store.tasks.finish(task.id, 'done', { result }, now);
    else {
      const transfer = outcome.awaiting === 'transfer';
      const timeoutMs = transfer ? (this.deps.transferTimeoutMs ?? outcome.timeoutMs) : outcome.timeoutMs;
      const awaited = transfer ? { ...result, ...this.expectation(task) } : result;
      this.deps.store.tasks.setAwaiting(task.id, outcome.awaiting, new Date(now.getTime() + timeoutMs), awaited);
    }
    this.deps.changed(task);
  }

  /**
   * A download of a library file with a known version is verified: the version it must bring,
   * and the one the device ran when it accepted the Download.
   */
  private expectation(task: StoredTask): { expectVersion?: string; fromVersion?: string } {
    const args = asRecord(task.args);
    if (args.name !== 'download' || typeof args.fileId !== 'number') return {};
    const version = this.deps.fileVersion?.(args.fileId) ?? '';
    if (version === '') return {};
    return { expectVersion: version, fromVersion: this.deps.store.devices.get(task.deviceId)?.softwareVersion ?? '' };
  }

  /**
   * A TransferComplete for `task`: a fault ends it with the device's fault (explained); a
   * success ends it, unless the download must be verified: then it is checked against the
   * version the device reports (now when the device already rebooted in this session, else at
   * its next Inform). False when the task had already ended.
   */
  onTransferComplete(task: StoredTask, report: TransferReport): boolean {
    const { store } = this.deps;
    const current = store.tasks.get(task.id);
    if (current === undefined || (current.status !== 'running' && current.status !== 'queued')) return false;
    const now = this.deps.now();
    const { fault, detail } = report;
    // The RPCs the task sent stay in its outcome, whatever it is (docs/api.md).
    const sent = rpcsOf(current.result);
    if (fault.code !== 0) {
      const explained = explainFault(fault.code, fault.string);
      const info = {
        explanation: explained.explanation,
        suggestedFix: explained.suggestedFix,
        title: explained.title,
        transferComplete: detail,
        ...sent,
      };
      store.tasks.finish(
        task.id,
        'fault',
        { fault: { code: fault.code, message: fault.string === '' ? explained.title : fault.string, detail: info } },
        now,
      );
      this.deps.changed(task);
      return true;
    }
    const upload = uploadCompletion(store, current);
    if (upload !== null) {
      // An upload to DeskACS is done only when its file arrived whole (files/upload-receive.ts).
      if ('missing' in upload) {
        this.finishFault(current, new TaskFault(0, upload.missing, { transferComplete: detail, ...sent }));
        return true;
      }
      store.tasks.finish(task.id, 'done', { result: { backupId: upload.backupId, transferComplete: detail, ...sent } }, now);
      this.deps.changed(task);
      return true;
    }
    // A task requeued before its DownloadResponse was stored (the ACS stopped mid-session) has
    // no expectation yet: the device took the Download all the same, so it is verified now.
    const stored = asRecord(current.result);
    const result = typeof stored.expectVersion === 'string' ? stored : { ...stored, ...this.expectation(current) };
    if (typeof result.expectVersion !== 'string') {
      store.tasks.finish(task.id, 'done', { result: { transferComplete: detail, ...sent } }, now);
      this.deps.changed(task);
      return true;
    }
    const withReport = { ...current, result: { ...result, transferComplete: detail } };
    if (report.booted) {
      this.verify(withReport, store.devices.get(task.deviceId)?.softwareVersion ?? '');
      return true;
    }
    const until = current.awaitingUntil === null ? new Date(now.getTime() + 3_600_000) : new Date(current.awaitingUntil);
    store.tasks.setAwaiting(task.id, 'transfer', until, { ...withReport.result, verifying: true });
    this.deps.changed(task);
    return true;
  }

  /** The download the device awaits that an AutonomousTransferComplete may report (same file type). */
  autonomousTransferTask(deviceId: string, request: AutonomousTransferCompleteRequest): StoredTask | undefined {
    if (!request.isDownload) return undefined;
    return this.deps.store.tasks
      .listAwaiting(deviceId)
      .find((t) => t.awaiting === 'transfer' && asRecord(t.args).name === 'download' && asRecord(t.args).fileType === request.fileType);
  }

  /** Ends a verified download: done when the device runs the file's version, else a fault. */
  private verify(task: StoredTask, version: string): void {
    const result = asRecord(task.result);
    const expected = String(result.expectVersion ?? '');
    const { verifying: _verifying, ...rest } = result;
    if (version === expected) {
      this.deps.store.tasks.finish(task.id, 'done', { result: { ...rest, verified: true, version } }, this.deps.now());
      this.deps.changed(task);
      return;
    }
    const from = String(result.fromVersion ?? '');
    const message =
      version === from || from === ''
        ? `the device came back on the old version ${version}, not ${expected}`
        : `the device reports version ${version}, not ${expected}`;
    this.finishFault(task, new TaskFault(FIRMWARE_NOT_INSTALLED, message, { ...rest, verified: false, version }));
  }

  private settleError(task: StoredTask, err: unknown, rpcs: RpcLogEntry[] = []): void {
    if (!(err instanceof TaskFault)) {
      this.deps.log.error('task plan failed', { task: task.id, error: err instanceof Error ? err.stack : String(err) });
      this.finishFault(task, new TaskFault(0, `internal error while running the task: ${String(err)}`), rpcs);
      return;
    }
    if (isTransientFault(err.code) && task.attempts < this.maxAttempts) {
      const delay = BACKOFF_MS[Math.min(task.attempts - 1, BACKOFF_MS.length - 1)] ?? 60_000;
      const explained = explainFault(err.code, err.message);
      this.deps.store.tasks.defer(task.id, new Date(this.deps.now().getTime() + delay), {
        code: err.code,
        message: `${explained.title}: ${err.message}; retrying`,
      });
      this.deps.changed(task);
      return;
    }
    this.finishFault(task, err, rpcs);
  }

  private finishFault(task: StoredTask, err: TaskFault, rpcs: RpcLogEntry[] = []): void {
    const now = this.deps.now();
    const explained = err.code === 0 ? null : explainFault(err.code, err.message);
    const detail = {
      ...(explained === null ? {} : { explanation: explained.explanation, suggestedFix: explained.suggestedFix, title: explained.title }),
      ...asRecord(err.detail),
      ...(rpcs.length > 0 ? { rpcs } : {}),
    };
    this.deps.store.tasks.finish(task.id, 'fault', { fault: { code: err.code, message: err.message, detail } }, now);
    this.deps.store.faults.record({ deviceId: task.deviceId, taskId: task.id, code: err.code, faultString: err.message, detail, at: now });
    this.deps.changed(task);
  }
}

function confirmation(task: StoredTask, codes: Map<string, string>, quirks: Quirks): string | null {
  const key = task.commandKey ?? '';
  switch (task.awaiting) {
    case 'boot':
      if (codes.get('M REBOOT') === key) return 'M Reboot';
      return codes.has('1 BOOT') ? '1 BOOT' : null;
    case 'bootstrap':
      return codes.has('0 BOOTSTRAP') ? '0 BOOTSTRAP' : null;
    case 'transfer':
      // Normally a TransferComplete settles the task; a CPE that never sends one (a quirk)
      // is taken at its word when it boots with the transfer's event.
      if (!quirks.noTransferComplete) return null;
      if (codes.get('M DOWNLOAD') === key) return 'M Download';
      if (codes.get('M UPLOAD') === key) return 'M Upload';
      return null;
    case null:
      return null;
  }
}

/** DeviceInfo.SoftwareVersion as the Inform carries it (TR-069 3.7.1.1 Forced Inform parameters). */
function reportedVersion(inform: InformRequest): string | undefined {
  return inform.parameterList.find((p) => p.name.endsWith('.DeviceInfo.SoftwareVersion'))?.value;
}

/** `{ rpcs }` of a stored result (the RPCs a task sent before it awaited), or nothing. */
function rpcsOf(result: unknown): { rpcs?: unknown[] } {
  const rpcs = asRecord(result).rpcs;
  return Array.isArray(rpcs) ? { rpcs } : {};
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
