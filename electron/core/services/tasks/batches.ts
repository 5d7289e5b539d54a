// Bulk tasks: one task per selected device, queued together under a batch id whose progress
// (tasks by status, connection requests sent) can be followed. Each device's task is parsed and
// validated as createTask does; a device whose stored tree refuses it (unknown parameter, wrong
// type, read-only ...) is reported and the others are queued. A device that already has the
// identical task queued or running is not given a second one: it counts as queued (its task
// stays where it is, outside this batch) and is woken like the others.
//
// Connection requests go out in the background (WakeQueue, a few at a time), after the call has
// answered. Their counts are kept in task_batches: requested when queued, reached or failed as
// each ends (a light commit: losing one in a power cut loses a counter, not a task). Requests
// still queued when the ACS stopped were never sent; they read as failed afterwards.
import { randomBytes } from 'node:crypto';
import type { ApiArgs } from '../../../../shared/contract.ts';
import { AcsError } from '../../../../shared/errors.ts';
import type { CreateTasksResult, TaskBatch } from '../../../../shared/models-fleet.ts';
import { taskStatuses, type TaskStatus } from '../../../../shared/models.ts';
import type { EventHub } from '../../events.ts';
import type { Store } from '../../store/index.ts';
import type { StoredTask } from '../../store/tasks.ts';
import type { Quirks } from '../quirks.ts';
import type { SelectionWalker } from '../selection.ts';
import type { WakeQueue } from '../wake.ts';
import { DEFAULT_EXPIRY_SECONDS, findIdenticalLive, newCommandKey } from './service.ts';
import { parseTaskSpec } from './task-spec.ts';
import { validateTask } from './task-validate.ts';

/** Devices per transaction: validating a task reads the device's parameters; ~500 take a few ms. */
const TASK_BATCH = 500;
/** Refusals listed in the answer (all are counted). */
const MAX_REFUSALS_LISTED = 100;

export interface TaskBatchDeps {
  store: Store;
  events: EventHub;
  walker: SelectionWalker;
  wake: WakeQueue;
  quirksFor: (deviceId: string) => Quirks;
  now: () => Date;
}

export interface TaskBatchService {
  create(args: ApiArgs<'createTasks'>): Promise<CreateTasksResult>;
  get(batchId: string): TaskBatch;
  /** A connection request of the batch ended (the WakeQueue's report). */
  connectionRequestSettled(batchId: string, reached: boolean): void;
}

export function createTaskBatchService(deps: TaskBatchDeps): TaskBatchService {
  const { store, events, walker, wake } = deps;
  return {
    async create({ selection, task, connectionRequest, expiresInSeconds }) {
      const spec = parseTaskSpec(task);
      const at = deps.now();
      const expiresAt = new Date(at.getTime() + (expiresInSeconds ?? DEFAULT_EXPIRY_SECONDS) * 1000);
      const batchId = `batch-${randomBytes(8).toString('hex')}`;
      store.taskBatches.create(batchId, spec.name, at);
      const result: CreateTasksResult = { batchId, selected: 0, queued: 0, refused: [], refusedCount: 0 };
      result.selected = await walker.walk(selection, at, TASK_BATCH, (ids) => {
        const queued: StoredTask[] = [];
        const alreadyQueued: string[] = [];
        for (const deviceId of ids) {
          let args: unknown;
          try {
            args = validateTask(store, deviceId, spec, deps.quirksFor(deviceId));
          } catch (err) {
            if (!(err instanceof AcsError)) throw err;
            result.refusedCount += 1;
            if (result.refused.length < MAX_REFUSALS_LISTED) result.refused.push({ deviceId, message: err.message });
            continue;
          }
          if (findIdenticalLive(store, deviceId, spec.name, args) !== undefined) {
            alreadyQueued.push(deviceId);
            continue;
          }
          queued.push(store.tasks.enqueue(deviceId, spec.name, args, { at, commandKey: newCommandKey(), expiresAt, batchId }));
        }
        const toWake = [...queued.map((t) => t.deviceId), ...alreadyQueued];
        result.queued += toWake.length;
        if (connectionRequest === true && toWake.length > 0)
          store.taskBatches.countConnectionRequests(batchId, { requested: toWake.length });
        return () => {
          for (const t of queued) events.emit('taskUpdated', { taskId: t.id, deviceId: t.deviceId, status: t.status, batchId });
          if (connectionRequest === true) wake.add(batchId, toWake);
        };
      });
      return result;
    },
    get(batchId) {
      const batch = store.taskBatches.get(batchId);
      if (batch === undefined) throw new AcsError('not_found', `no task batch '${batchId}'`);
      const counts = store.tasks.countByBatch(batchId);
      const byStatus = Object.fromEntries(taskStatuses.map((s) => [s, counts[s] ?? 0])) as Record<TaskStatus, number>;
      const pending = wake.pending(batchId);
      const neverSent = Math.max(0, batch.crRequested - batch.crReached - batch.crFailed - pending);
      return {
        batchId,
        name: batch.name,
        createdAt: batch.createdAt,
        total: taskStatuses.reduce((n, s) => n + byStatus[s], 0),
        byStatus,
        connectionRequests: { pending, reached: batch.crReached, failed: batch.crFailed + neverSent },
      };
    },
    connectionRequestSettled(batchId, reached) {
      store.lightTransaction(() => store.taskBatches.countConnectionRequests(batchId, reached ? { reached: 1 } : { failed: 1 }));
    },
  };
}
