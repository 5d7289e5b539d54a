// A task's state in words, the same on the device page and the Tasks page: the chip (Queued /
// Running / Waiting for device / Done / Failed ...) and one sentence of what happened or what it
// waits for and why. Pure: the clock and what the caller knows (the wake-up report, the device's
// next contact) are passed in.
import type { ConnectionRequestReport, FaultInfo, TaskRecord } from '../../../../shared/models.ts';
import { formatDuration } from '../../lib/format.ts';
import { isDiagnosticResult, resultLine } from '../device/diagnostics/diagnostic-words.ts';

export type TaskChipKind = 'queued' | 'running' | 'waiting' | 'done' | 'fault' | 'cancelled' | 'expired';

export function taskChipKind(task: Pick<TaskRecord, 'status' | 'awaiting'>): TaskChipKind {
  if (task.status === 'running' && task.awaiting !== null) return 'waiting';
  return task.status;
}

export const taskChipLabels: Record<TaskChipKind, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting for device',
  done: 'Done',
  fault: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/** Still to end: queued, or running (in a session or waiting for the device's confirmation). */
export function taskInFlight(task: Pick<TaskRecord, 'status'>): boolean {
  return task.status === 'queued' || task.status === 'running';
}

/** Ended in a way a retry may change: failed, expired or cancelled. */
export function taskRetryable(task: Pick<TaskRecord, 'status'>): boolean {
  return task.status === 'fault' || task.status === 'expired' || task.status === 'cancelled';
}

/** What operators call the task ("Refresh", "Set parameter values"). */
const taskTitles: Record<string, string> = {
  getParameterValues: 'Read values',
  refresh: 'Refresh',
  setParameterValues: 'Set values',
  addObject: 'Add object',
  deleteObject: 'Delete object',
  getParameterAttributes: 'Read attributes',
  setParameterAttributes: 'Set attributes',
  reboot: 'Reboot',
  factoryReset: 'Factory reset',
  download: 'Download',
  upload: 'Upload',
  scheduleInform: 'Schedule inform',
  getRPCMethods: 'Read RPC methods',
  setConnectionRequestCredentials: 'Set connection-request credentials',
  ping: 'Ping',
  traceroute: 'Traceroute',
  speedTest: 'Speed test',
  nslookup: 'DNS lookup',
};

export function taskTitle(name: string): string {
  return taskTitles[name] ?? name;
}

export interface FaultWords {
  code: number;
  title: string;
  message: string;
  explanation: string | null;
  suggestedFix: string | null;
}

const textOf = (o: Record<string, unknown>, key: string): string | null => {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : null;
};

/** A task's fault with the explanation the core stored beside it (fault.detail), when it did. */
export function faultWords(fault: FaultInfo): FaultWords {
  const detail = typeof fault.detail === 'object' && fault.detail !== null ? (fault.detail as Record<string, unknown>) : {};
  return {
    code: fault.code,
    title: textOf(detail, 'title') ?? (fault.code === 0 ? 'Failed' : `Fault ${fault.code}`),
    message: fault.message,
    explanation: textOf(detail, 'explanation'),
    suggestedFix: textOf(detail, 'suggestedFix'),
  };
}

/** "9003 Invalid arguments: <the device's words>. <explanation>" */
export function faultSentence(fault: FaultInfo): string {
  const f = faultWords(fault);
  const head = f.code === 0 ? f.message : f.message === f.title ? `${f.code} ${f.title}` : `${f.code} ${f.title}: ${f.message}`;
  return f.explanation === null ? head : `${head}. ${f.explanation}`;
}

/** The core's messages are clauses ('Reached the device in 9 ms: ...'); shown as sentences. */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** "expected in 12 min" / "overdue by 5 min" / "" (never informed). */
export function nextContactText(nextIso: string | null, now: number): string {
  if (nextIso === null) return '';
  const at = Date.parse(nextIso);
  if (Number.isNaN(at)) return '';
  return at >= now ? `expected in ${formatDuration((at - now) / 1000)}` : `overdue by ${formatDuration((now - at) / 1000)}`;
}

export interface TaskContext {
  now: number;
  /** What waking the device achieved when this task was queued from here (null: not tried). */
  wake?: ConnectionRequestReport | null;
  /** The device's next expected contact (ISO), for "runs at its next contact (expected in 12 min)". */
  nextContact?: string | null;
  /** The device's uptime now, in words, once it is back from a reboot. */
  uptime?: string | null;
}

/** Minutes a reboot or factory reset usually takes before the device informs again. */
const usualBootMinutes = { boot: 2, bootstrap: 3 } as const;

function waitingText(task: TaskRecord, ctx: TaskContext): string {
  const started = task.startedAt === null ? ctx.now : Date.parse(task.startedAt);
  const waited = Math.max(0, (ctx.now - started) / 1000);
  if (task.awaiting === 'transfer') return 'the device is transferring the file; waiting for it to report the transfer complete';
  if (task.awaiting === 'diagnostics') {
    const reason = typeof task.result === 'object' && task.result !== null ? (task.result as { reason?: unknown }).reason : undefined;
    return typeof reason === 'string' ? reason : 'the device is running the diagnostic; waiting for it to report 8 DIAGNOSTICS COMPLETE';
  }
  const usual = usualBootMinutes[task.awaiting ?? 'boot'];
  const what = task.awaiting === 'bootstrap' ? 'to come back with its factory settings' : 'to come back';
  if (waited <= usual * 60 + 30) return `sent; waiting for the device ${what} (expected within ~${usual} min)`;
  return `sent ${formatDuration(waited)} ago; still waiting for the device ${what} (longer than usual: is it powered and connected?)`;
}

function queuedText(task: TaskRecord, ctx: TaskContext): string {
  const next = nextContactText(ctx.nextContact ?? null, ctx.now);
  const atNext = `it runs at the device's next contact${next === '' ? '' : ` (${next})`}`;
  if (task.notBefore !== null && Date.parse(task.notBefore) > ctx.now) {
    const last = task.fault !== null ? ` after ${faultWords(task.fault).title.toLowerCase()}` : '';
    return `will try again in ${formatDuration((Date.parse(task.notBefore) - ctx.now) / 1000)}${last}`;
  }
  const wake = ctx.wake ?? null;
  if (wake === null) return `queued; ${atNext}`;
  if (wake.outcome === 'reached') return 'the device was woken; waiting for it to connect…';
  return `queued; not woken now: ${sentence(wake.message)} ${atNext.charAt(0).toUpperCase()}${atNext.slice(1)}`;
}

function doneText(task: TaskRecord, ctx: TaskContext): string {
  const result = typeof task.result === 'object' && task.result !== null ? (task.result as Record<string, unknown>) : {};
  const args = typeof task.args === 'object' && task.args !== null ? (task.args as Record<string, unknown>) : {};
  const uptime = ctx.uptime ? ` (uptime ${ctx.uptime})` : '';
  switch (task.name) {
    case 'reboot':
      return `done, the device is back${uptime}`;
    case 'factoryReset':
      return 'done, the device is back with its factory settings; its parameters are read again';
    case 'refresh':
      if (typeof result.parameters !== 'number') return 'done';
      // A broken CPE may leave some without a value (the task's result names them).
      return typeof result.valueless === 'number' && result.valueless > 0
        ? `done. ${result.parameters.toLocaleString()} parameters read; ${result.valueless.toLocaleString()} of them without a value`
        : `done. ${result.parameters.toLocaleString()} parameters read`;
    case 'setParameterValues':
      return result.rebootNeeded === true ? 'done; the device says it applies the change after a reboot' : 'done, the device applied it';
    case 'setConnectionRequestCredentials':
      return typeof result.username === 'string' ? `done, the device now uses DeskACS's credentials (user ${result.username})` : 'done';
    case 'upload':
      return args.url === undefined
        ? 'done, the configuration the device sent is stored as a backup'
        : 'done, the device uploaded the file';
    case 'download':
      return args.backupId !== undefined ? 'done, the device took the configuration back' : 'done';
    case 'ping':
    case 'traceroute':
    case 'speedTest':
    case 'nslookup':
      // The readable result (the Diagnostics tab shows it whole).
      return isDiagnosticResult(result.diagnostic) ? `done: ${resultLine(result.diagnostic)}` : 'done';
    default:
      return 'done';
  }
}

/** One sentence of where the task is, in words; ends when the task ends. */
export function taskOutcome(task: TaskRecord, ctx: TaskContext): string {
  switch (task.status) {
    case 'queued':
      return queuedText(task, ctx);
    case 'running':
      return task.awaiting === null ? 'running in a session with the device…' : waitingText(task, ctx);
    case 'done':
      return doneText(task, ctx);
    case 'fault':
      return task.fault === null ? 'failed' : `failed: ${faultSentence(task.fault)}`;
    case 'expired':
      return "expired: the device did not connect (or confirm) before the task's deadline";
    case 'cancelled':
      return 'cancelled';
  }
}
