// The shape of a task plan: a generator that yields the RPCs a task sends and receives each
// answer, so a multi-step task (GetParameterNames, then GetParameterValues in batches, ...)
// reads top to bottom. Plans run inside the session's store transaction.
import type { AcsRequest, CpeFault, CpeResponse } from '../../cwmp/messages.ts';
import type { Store } from '../../store/index.ts';
import type { Quirks } from '../quirks.ts';

export type CpeAnswer = { kind: 'response'; response: CpeResponse } | { kind: 'fault'; fault: CpeFault };

/** What a task waits for after its last RPC, across sessions (TR-069 3.7.1.5 / A.3.2.7). */
export type Awaiting = 'boot' | 'bootstrap' | 'transfer';

export type PlanOutcome =
  | { kind: 'done'; result: unknown }
  | { kind: 'await'; awaiting: Awaiting; result: unknown; timeoutMs: number }
  /**
   * The task stays running with `result` as its progress note, and no RPC pending: a diagnostic
   * waiting for its '8 DIAGNOSTICS COMPLETE' (services/diagnostics/), which requeues it.
   */
  | { kind: 'wait'; result: Record<string, unknown> };

export type Plan = Generator<AcsRequest, PlanOutcome, CpeAnswer>;

export interface PlanContext {
  store: Store;
  deviceId: string;
  quirks: Quirks;
  /** CommandKey/ParameterKey for this task: lets the CPE's later messages name the task. */
  commandKey: string;
  now: () => Date;
  /** The task the plan runs (a file transfer's URL names it). */
  taskId?: number;
  /** http://<host>/ at which this device reaches DeskACS's file URLs (a download of a library file). */
  transferBaseUrl?: (deviceId: string) => string;
  /** Diagnostics: how long to wait for the device, and the speed tests' sizes (defaults in services/diagnostics/plan.ts). */
  diagnostics?: DiagnosticsOptions;
}

export interface DiagnosticsOptions {
  /** How long a diagnostic may run on the device before its task fails (default 5 min). */
  timeoutMs?: number;
  /** Bytes DeskACS serves to a download speed test (default 10 MB) and asks of an upload one (5 MB). */
  downloadBytes?: number;
  uploadBytes?: number;
}

/** Ends a task with a fault: the CPE's own, or one DeskACS found (code 0). */
export class TaskFault extends Error {
  readonly code: number;
  readonly detail: unknown;
  constructor(code: number, message: string, detail?: unknown) {
    super(message);
    this.name = 'TaskFault';
    this.code = code;
    this.detail = detail;
  }
}

/** The response of the expected kind, or a TaskFault carrying the CPE's fault. */
export function expectResponse<N extends CpeResponse['name']>(answer: CpeAnswer, name: N): Extract<CpeResponse, { name: N }> {
  if (answer.kind === 'fault') {
    const f = answer.fault;
    const detail = f.setParameterValuesFaults.length > 0 ? { setParameterValuesFaults: f.setParameterValuesFaults } : undefined;
    throw new TaskFault(f.code, f.string === '' ? f.faultString : f.string, detail);
  }
  if (answer.response.name !== name) throw new TaskFault(0, `expected ${name}, got ${answer.response.name}`);
  return answer.response as Extract<CpeResponse, { name: N }>;
}
