// Task use cases of the API: queue a validated task (optionally waking the device with a
// connection request and waiting for the result), list, read, cancel and retry tasks. A task
// identical to one the device already has queued or running (same name, same validated
// arguments) is not queued twice: that one is returned (`reused`), so a double click is one task.
import { randomBytes } from 'node:crypto';
import { AcsError } from '../../../../shared/errors.ts';
import type { ConnectionRequestReport, CreateTaskResult, TaskRecord, TaskStatus } from '../../../../shared/models.ts';
import type { TaskOptions, TaskSpec } from '../../../../shared/tasks.ts';
import type { EventHub } from '../../events.ts';
import type { Store } from '../../store/index.ts';
import { toJson } from '../../store/json.ts';
import type { StoredTask } from '../../store/tasks.ts';
import type { Quirks } from '../quirks.ts';
import { wakeDevice, type UdpWake, type WakeOutcomes } from '../wake.ts';
import { parseTaskSpec } from './task-spec.ts';
import { specFromStoredArgs } from './task-retry.ts';
import { maskTask } from './task-view.ts';
import { validateTask } from './task-validate.ts';

export const DEFAULT_EXPIRY_SECONDS = 86_400;
const MAX_WAIT_SECONDS = 120;

export interface TaskServiceDeps {
  store: Store;
  events: EventHub;
  quirksFor: (deviceId: string) => Quirks;
  connectionRequestTimeoutMs: number;
  /** Where each connection request's outcome is remembered (the device page shows the last). */
  wakeOutcomes?: WakeOutcomes;
  /** UDP connection requests for devices behind NAT (absent: HTTP only). */
  udp?: UdpWake | undefined;
  now: () => Date;
}

export interface TaskService {
  create(deviceId: string, body: unknown, options: TaskOptions): Promise<CreateTaskResult>;
  list(query: {
    deviceId?: string | undefined;
    status?: TaskStatus | undefined;
    batchId?: string | undefined;
    name?: string | undefined;
    limit?: number | undefined;
  }): TaskRecord[];
  get(taskId: number): TaskRecord;
  cancel(taskId: number): TaskRecord;
  /** Queues a task like a finished one (fault, expired, cancelled), checked again against the stored tree. */
  retry(taskId: number): TaskRecord;
  connectionRequest(deviceId: string): Promise<ConnectionRequestReport>;
}

export function createTaskService(deps: TaskServiceDeps): TaskService {
  const { store, events } = deps;

  const mustGetDevice = (id: string): void => {
    if (!store.devices.exists(id)) throw new AcsError('not_found', `no device with id '${id}'`);
  };

  const connectionRequest = async (deviceId: string): Promise<ConnectionRequestReport> => {
    mustGetDevice(deviceId);
    const opts = deps.wakeOutcomes === undefined ? {} : { outcomes: deps.wakeOutcomes };
    return wakeDevice(store, deviceId, { timeoutMs: deps.connectionRequestTimeoutMs, udp: deps.udp, ...opts });
  };

  /** Validates and queues, unless an identical task is live: then that one, reused. */
  const queue = (deviceId: string, spec: TaskSpec, expiresInSeconds: number | undefined): { task: StoredTask; reused: boolean } => {
    const args = validateTask(store, deviceId, spec, deps.quirksFor(deviceId));
    const existing = findIdenticalLive(store, deviceId, spec.name, args);
    if (existing !== undefined) return { task: existing, reused: true };
    const now = deps.now();
    const task = store.tasks.enqueue(deviceId, spec.name, args, {
      at: now,
      commandKey: newCommandKey(),
      expiresAt: new Date(now.getTime() + (expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS) * 1000),
    });
    events.emit('taskUpdated', { taskId: task.id, deviceId, status: task.status, batchId: null });
    return { task, reused: false };
  };

  return {
    async create(deviceId, body, options) {
      mustGetDevice(deviceId);
      const { task, reused } = queue(deviceId, parseTaskSpec(body), options.expiresInSeconds);
      if (options.connectionRequest !== true) return { task: toRecord(task), reused, ran: hasRun(task), connectionRequest: null };
      const waitMs = Math.min(options.waitSeconds ?? 0, MAX_WAIT_SECONDS) * 1000;
      const settled = waitMs > 0 ? waitForTask(store, events, task.id, waitMs) : Promise.resolve(null);
      const report = await connectionRequest(deviceId);
      const final = report.outcome === 'reached' ? await settled : null;
      const latest = final ?? store.tasks.get(task.id) ?? task;
      return { task: toRecord(latest), reused, ran: hasRun(latest), connectionRequest: report };
    },
    list: (q) => store.tasks.list({ ...q, limit: Math.min(q.limit ?? 100, 1000) }).map(toRecord),
    get(taskId) {
      const task = store.tasks.get(taskId);
      if (task === undefined) throw new AcsError('not_found', `no task ${taskId}`);
      return toRecord(task);
    },
    cancel(taskId) {
      const task = store.tasks.get(taskId);
      if (task === undefined) throw new AcsError('not_found', `no task ${taskId}`);
      if (task.status !== 'queued') {
        throw new AcsError(
          'conflict',
          `task ${taskId} is ${task.status}${task.status === 'running' ? ': it is in a session with the device and cannot be cancelled now' : ''}`,
        );
      }
      store.tasks.cancel(taskId, deps.now());
      events.emit('taskUpdated', { taskId, deviceId: task.deviceId, status: 'cancelled', batchId: task.batchId });
      return toRecord(store.tasks.get(taskId) ?? task);
    },
    retry(taskId) {
      const task = store.tasks.get(taskId);
      if (task === undefined) throw new AcsError('not_found', `no task ${taskId}`);
      if (task.status === 'queued' || task.status === 'running' || task.status === 'done') {
        throw new AcsError(
          'conflict',
          `task ${taskId} is ${task.status}: only a task that failed, expired or was cancelled can be retried`,
        );
      }
      mustGetDevice(task.deviceId);
      return toRecord(queue(task.deviceId, specFromStoredArgs(task.args), undefined).task);
    },
    connectionRequest,
  };
}

/**
 * CommandKey/ParameterKey: at most 32 characters (TR-069 A.3.2.1); names the task in the CPE's
 * TransferComplete and M Reboot events.
 */
export function newCommandKey(): string {
  return `dk-${randomBytes(6).toString('hex')}`;
}

/** The device's queued or running task with this name and these validated arguments. */
export function findIdenticalLive(store: Store, deviceId: string, name: string, args: unknown): StoredTask | undefined {
  return store.tasks.findLive(deviceId, name, toJson(args));
}

/** A task has run when it ended, or when it reached the device and waits for its confirmation. */
function hasRun(task: StoredTask): boolean {
  return (
    task.status === 'done' || task.status === 'fault' || (task.status === 'running' && (task.awaiting !== null || waitsForDiagnostic(task)))
  );
}

/** A diagnostic the device is running: the task is running with its wait noted (diagnostics/plan.ts). */
function waitsForDiagnostic(t: StoredTask): boolean {
  const r = t.result;
  return t.status === 'running' && typeof r === 'object' && r !== null && (r as Record<string, unknown>).waiting === 'diagnostics';
}

function waitForTask(store: Store, events: EventHub, taskId: number, ms: number): Promise<StoredTask | null> {
  return new Promise((resolve) => {
    let off = (): void => {};
    const timer = setTimeout(() => {
      off();
      resolve(null);
    }, ms);
    off = events.on('taskUpdated', (e) => {
      if (e.taskId !== taskId) return;
      const task = store.tasks.get(taskId);
      if (task === undefined || !(hasRun(task) || task.status === 'cancelled' || task.status === 'expired')) return;
      clearTimeout(timer);
      off();
      resolve(task);
    });
  });
}

/** The task as it leaves the core: secrets in its arguments, result and fault masked (task-view.ts). */
export function toRecord(t: StoredTask): TaskRecord {
  const shown = maskTask(t.args, t.result, t.fault);
  return {
    id: t.id,
    deviceId: t.deviceId,
    name: t.name,
    args: shown.args,
    status: t.status,
    createdAt: t.createdAt,
    startedAt: t.startedAt,
    endedAt: t.endedAt,
    result: shown.result,
    fault: shown.fault,
    attempts: t.attempts,
    awaiting: t.awaiting ?? (waitsForDiagnostic(t) ? 'diagnostics' : null),
    notBefore: t.notBefore,
    batchId: t.batchId,
  };
}
