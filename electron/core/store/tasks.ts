// The per-device task queue. Tasks run oldest first (by id); a task is 'queued' until a session
// picks it ('running'), then ends 'done', 'fault', 'cancelled' or 'expired'.
import type { FaultInfo, TaskRecord, TaskStatus } from '../../../shared/models.ts';
import type { Db } from './db.ts';
import { faultFromJson, fromJson, iso, toJson } from './json.ts';

/** TaskRecord plus the bookkeeping the task service needs (not shown in the UI DTO). */
export interface StoredTask extends TaskRecord {
  /** How many times the task was sent to the device (markRunning calls). */
  attempts: number;
  commandKey: string | null;
  expiresAt: string | null;
  /** Not run before this time (a retry after a transient fault). */
  notBefore: string | null;
  /** Set while the task waits, across sessions, for the CPE to confirm it (see migration 005). */
  awaiting: TaskAwaiting | null;
  awaitingUntil: string | null;
}

export type TaskAwaiting = 'boot' | 'bootstrap' | 'transfer';

export interface TaskQuery {
  deviceId?: string | undefined;
  status?: TaskStatus | undefined;
  batchId?: string | undefined;
  name?: string | undefined;
  limit: number;
}

export type FinalTaskStatus = Extract<TaskStatus, 'done' | 'fault' | 'cancelled' | 'expired'>;

export interface EnqueueOptions {
  expiresAt?: Date;
  commandKey?: string;
  /** Creation time; defaults to now. */
  at?: Date;
  /** The bulk action (task_batches) the task belongs to. */
  batchId?: string;
}

export interface TaskRepository {
  enqueue(deviceId: string, name: string, args: unknown, opts?: EnqueueOptions): StoredTask;
  /** The oldest queued task of the device that may run at `now` (default: any). */
  nextQueued(deviceId: string, now?: Date): StoredTask | undefined;
  hasQueued(deviceId: string): boolean;
  /** running -> queued, not to run before `notBefore` (retry with backoff). */
  defer(id: number, notBefore: Date, fault: FaultInfo): boolean;
  /** The task stays running, waiting until `until` for the CPE to confirm it. */
  setAwaiting(id: number, awaiting: TaskAwaiting, until: Date, result: unknown): boolean;
  /** Running tasks of the device that wait for a confirmation. */
  listAwaiting(deviceId: string): StoredTask[];
  /** Newest first, filtered by device, status, batch and name. */
  list(query: TaskQuery): StoredTask[];
  /**
   * The device's oldest queued or running task with this name whose stored arguments are these
   * exact JSON text (toJson of the validated arguments): the task a new identical one would repeat.
   */
  findLive(deviceId: string, name: string, argsJson: string): StoredTask | undefined;
  /** How many tasks of the batch are in each status (statuses with none are absent). */
  countByBatch(batchId: string): Partial<Record<TaskStatus, number>>;
  /** queued -> running, counting an attempt. False when the task is not queued. */
  markRunning(id: number, at: Date): boolean;
  /** running -> queued (the request went out but no answer came back). */
  requeue(id: number): boolean;
  /** A running task's progress note (its result while it runs: a diagnostic waiting for the device). */
  note(id: number, result: unknown): boolean;
  /** queued|running -> a final status. False when the task already ended or is unknown. */
  finish(id: number, status: FinalTaskStatus, outcome: { result?: unknown; fault?: FaultInfo }, at: Date): boolean;
  get(id: number): StoredTask | undefined;
  /** Oldest first. */
  listForDevice(deviceId: string, limit?: number): StoredTask[];
  /** The newest task of the device with this CWMP CommandKey (TransferComplete, M Reboot ...). */
  findByCommandKey(deviceId: string, commandKey: string): StoredTask | undefined;
  /** Cancels a queued task; a running one is mid-session and is left to finish. */
  cancel(id: number, at?: Date): boolean;
  /**
   * Expires queued tasks whose expiresAt is at or before `at`, and awaiting tasks whose
   * confirmation did not come by their deadline; returns the ids expired.
   */
  expireOlderThan(at: Date): number[];
  /**
   * Puts tasks left 'running' by a process that died back in the queue; returns how many.
   * Their attempts count shows they may already have reached the device.
   */
  requeueRunning(): number;
}

interface TaskDbRow {
  id: number;
  device_id: string;
  name: string;
  args: string;
  status: TaskStatus;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  result: string | null;
  fault: string | null;
  attempts: number;
  command_key: string | null;
  expires_at: string | null;
  not_before: string | null;
  awaiting: TaskAwaiting | null;
  awaiting_until: string | null;
  batch_id: string | null;
}

const COLS = `id, device_id, name, args, status, created_at, started_at, ended_at, result, fault,
  attempts, command_key, expires_at, not_before, awaiting, awaiting_until, batch_id`;

function toTask(r: TaskDbRow): StoredTask {
  return {
    id: r.id,
    deviceId: r.device_id,
    name: r.name,
    args: fromJson(r.args),
    status: r.status,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    result: fromJson(r.result),
    fault: faultFromJson(r.fault),
    attempts: r.attempts,
    commandKey: r.command_key,
    expiresAt: r.expires_at,
    notBefore: r.not_before,
    awaiting: r.awaiting,
    awaitingUntil: r.awaiting_until,
    batchId: r.batch_id,
  };
}

function one(row: TaskDbRow | undefined): StoredTask | undefined {
  return row === undefined ? undefined : toTask(row);
}

export function createTaskRepository(db: Db): TaskRepository {
  const insert = db.prepare<[string, string, string, string, string | null, string | null, string | null], TaskDbRow>(
    `INSERT INTO tasks (device_id, name, args, created_at, command_key, expires_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${COLS}`,
  );
  const next = db.prepare<[string, string], TaskDbRow>(
    `SELECT ${COLS} FROM tasks WHERE device_id = ? AND status = 'queued' AND (not_before IS NULL OR not_before <= ?) ORDER BY id LIMIT 1`,
  );
  const defer = db.prepare<[string, string, number]>(
    `UPDATE tasks SET status = 'queued', not_before = ?, fault = ? WHERE id = ? AND status = 'running'`,
  );
  const awaiting = db.prepare<[TaskAwaiting, string, string, number]>(
    `UPDATE tasks SET awaiting = ?, awaiting_until = ?, result = ? WHERE id = ? AND status = 'running'`,
  );
  const listAwaiting = db.prepare<[string], TaskDbRow>(
    `SELECT ${COLS} FROM tasks WHERE device_id = ? AND status = 'running' AND awaiting IS NOT NULL ORDER BY id`,
  );
  type ListArgs = { device: string | null; status: string | null; name: string | null; limit: number };
  const FILTERS = '(@device IS NULL OR device_id = @device) AND (@status IS NULL OR status = @status) AND (@name IS NULL OR name = @name)';
  const listAll = db.prepare<[ListArgs], TaskDbRow>(`SELECT ${COLS} FROM tasks WHERE ${FILTERS} ORDER BY id DESC LIMIT @limit`);
  // A batch's tasks through tasks_by_batch (the general query above would walk every task).
  const listBatch = db.prepare<[ListArgs & { batch: string }], TaskDbRow>(
    `SELECT ${COLS} FROM tasks WHERE batch_id = @batch AND ${FILTERS} ORDER BY id DESC LIMIT @limit`,
  );
  // The device's tasks through tasks_by_device: a handful of rows, most of them finished.
  const live = db.prepare<[string, string, string], TaskDbRow>(
    `SELECT ${COLS} FROM tasks WHERE device_id = ? AND name = ? AND args = ? AND status IN ('queued', 'running') ORDER BY id LIMIT 1`,
  );
  const countBatch = db.prepare<[string], { status: TaskStatus; n: number }>(
    'SELECT status, count(*) AS n FROM tasks WHERE batch_id = ? GROUP BY status',
  );
  const has = db.prepare<[string], number>(`SELECT 1 FROM tasks WHERE device_id = ? AND status = 'queued' LIMIT 1`).pluck();
  const running = db.prepare<[string, number]>(
    `UPDATE tasks SET status = 'running', started_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'queued'`,
  );
  const requeue = db.prepare<[number]>(`UPDATE tasks SET status = 'queued' WHERE id = ? AND status = 'running'`);
  const note = db.prepare<[string, number]>(`UPDATE tasks SET result = ? WHERE id = ? AND status = 'running'`);
  const finish = db.prepare<[string, string, string | null, string | null, number]>(
    `UPDATE tasks SET status = ?, ended_at = ?, result = ?, fault = ? WHERE id = ? AND status IN ('queued', 'running')`,
  );
  const get = db.prepare<[number], TaskDbRow>(`SELECT ${COLS} FROM tasks WHERE id = ?`);
  const list = db.prepare<[string, number], TaskDbRow>(`SELECT ${COLS} FROM tasks WHERE device_id = ? ORDER BY id LIMIT ?`);
  const byKey = db.prepare<[string, string], TaskDbRow>(
    `SELECT ${COLS} FROM tasks WHERE device_id = ? AND command_key = ? ORDER BY id DESC LIMIT 1`,
  );
  const cancel = db.prepare<[string, number]>(`UPDATE tasks SET status = 'cancelled', ended_at = ? WHERE id = ? AND status = 'queued'`);
  const expire = db
    .prepare<[string, string, string], number>(
      `UPDATE tasks SET status = 'expired', ended_at = ?
      WHERE (status = 'queued' AND expires_at IS NOT NULL AND expires_at <= ?)
         OR (status = 'running' AND awaiting IS NOT NULL AND awaiting_until <= ?)
      RETURNING id`,
    )
    .pluck();
  // A task that waits for a confirmation already reached the device: sending it again (a
  // second reboot, a second firmware download) would be wrong, so it stays as it is.
  const requeueAll = db.prepare<[]>(`UPDATE tasks SET status = 'queued' WHERE status = 'running' AND awaiting IS NULL`);

  return {
    enqueue: (deviceId, name, args, opts = {}) => {
      const created = iso(opts.at ?? new Date());
      const expires = opts.expiresAt === undefined ? null : iso(opts.expiresAt);
      const row = insert.get(deviceId, name, toJson(args), created, opts.commandKey ?? null, expires, opts.batchId ?? null);
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      return toTask(row);
    },
    nextQueued: (deviceId, now) => one(next.get(deviceId, now === undefined ? '9999-12-31T23:59:59.999Z' : iso(now))),
    defer: (id, notBefore, fault) => defer.run(iso(notBefore), toJson(fault), id).changes > 0,
    setAwaiting: (id, what, until, result) => awaiting.run(what, iso(until), toJson(result), id).changes > 0,
    listAwaiting: (deviceId) => listAwaiting.all(deviceId).map(toTask),
    list: (q) => {
      const args = { device: q.deviceId ?? null, status: q.status ?? null, name: q.name ?? null, limit: q.limit };
      return (q.batchId === undefined ? listAll.all(args) : listBatch.all({ ...args, batch: q.batchId })).map(toTask);
    },
    findLive: (deviceId, name, argsJson) => one(live.get(deviceId, name, argsJson)),
    countByBatch: (batchId) => Object.fromEntries(countBatch.all(batchId).map((r) => [r.status, r.n])),
    hasQueued: (deviceId) => has.get(deviceId) !== undefined,
    markRunning: (id, at) => running.run(iso(at), id).changes > 0,
    requeue: (id) => requeue.run(id).changes > 0,
    note: (id, result) => note.run(toJson(result), id).changes > 0,
    finish: (id, status, outcome, at) =>
      finish.run(
        status,
        iso(at),
        outcome.result === undefined ? null : toJson(outcome.result),
        outcome.fault === undefined ? null : toJson(outcome.fault),
        id,
      ).changes > 0,
    get: (id) => one(get.get(id)),
    listForDevice: (deviceId, limit = -1) => list.all(deviceId, limit).map(toTask),
    findByCommandKey: (deviceId, commandKey) => one(byKey.get(deviceId, commandKey)),
    cancel: (id, at = new Date()) => cancel.run(iso(at), id).changes > 0,
    expireOlderThan: (at) => {
      const when = iso(at);
      return expire.all(when, when, when);
    },
    requeueRunning: () => requeueAll.run().changes,
  };
}
