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
}

export type FinalTaskStatus = Extract<TaskStatus, 'done' | 'fault' | 'cancelled' | 'expired'>;

export interface EnqueueOptions {
  expiresAt?: Date;
  commandKey?: string;
  /** Creation time; defaults to now. */
  at?: Date;
}

export interface TaskRepository {
  enqueue(deviceId: string, name: string, args: unknown, opts?: EnqueueOptions): StoredTask;
  /** The oldest queued task of the device. */
  nextQueued(deviceId: string): StoredTask | undefined;
  hasQueued(deviceId: string): boolean;
  /** queued -> running, counting an attempt. False when the task is not queued. */
  markRunning(id: number, at: Date): boolean;
  /** running -> queued (the request went out but no answer came back). */
  requeue(id: number): boolean;
  /** queued|running -> a final status. False when the task already ended or is unknown. */
  finish(id: number, status: FinalTaskStatus, outcome: { result?: unknown; fault?: FaultInfo }, at: Date): boolean;
  get(id: number): StoredTask | undefined;
  /** Oldest first. */
  listForDevice(deviceId: string, limit?: number): StoredTask[];
  /** The newest task of the device with this CWMP CommandKey (TransferComplete, M Reboot ...). */
  findByCommandKey(deviceId: string, commandKey: string): StoredTask | undefined;
  /** Cancels a queued task; a running one is mid-session and is left to finish. */
  cancel(id: number, at?: Date): boolean;
  /** Expires queued tasks whose expiresAt is at or before `at`; returns how many. */
  expireOlderThan(at: Date): number;
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
}

const COLS = `id, device_id, name, args, status, created_at, started_at, ended_at, result, fault,
  attempts, command_key, expires_at`;

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
  };
}

function one(row: TaskDbRow | undefined): StoredTask | undefined {
  return row === undefined ? undefined : toTask(row);
}

export function createTaskRepository(db: Db): TaskRepository {
  const insert = db.prepare<[string, string, string, string, string | null, string | null], TaskDbRow>(
    `INSERT INTO tasks (device_id, name, args, created_at, command_key, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${COLS}`,
  );
  const next = db.prepare<[string], TaskDbRow>(
    `SELECT ${COLS} FROM tasks WHERE device_id = ? AND status = 'queued' ORDER BY id LIMIT 1`,
  );
  const has = db.prepare<[string], number>(`SELECT 1 FROM tasks WHERE device_id = ? AND status = 'queued' LIMIT 1`).pluck();
  const running = db.prepare<[string, number]>(
    `UPDATE tasks SET status = 'running', started_at = ?, attempts = attempts + 1 WHERE id = ? AND status = 'queued'`,
  );
  const requeue = db.prepare<[number]>(`UPDATE tasks SET status = 'queued' WHERE id = ? AND status = 'running'`);
  const finish = db.prepare<[string, string, string | null, string | null, number]>(
    `UPDATE tasks SET status = ?, ended_at = ?, result = ?, fault = ? WHERE id = ? AND status IN ('queued', 'running')`,
  );
  const get = db.prepare<[number], TaskDbRow>(`SELECT ${COLS} FROM tasks WHERE id = ?`);
  const list = db.prepare<[string, number], TaskDbRow>(`SELECT ${COLS} FROM tasks WHERE device_id = ? ORDER BY id LIMIT ?`);
  const byKey = db.prepare<[string, string], TaskDbRow>(
    `SELECT ${COLS} FROM tasks WHERE device_id = ? AND command_key = ? ORDER BY id DESC LIMIT 1`,
  );
  const cancel = db.prepare<[string, number]>(
    `UPDATE tasks SET status = 'cancelled', ended_at = ? WHERE id = ? AND status = 'queued'`,
  );
  const expire = db.prepare<[string, string]>(
    `UPDATE tasks SET status = 'expired', ended_at = ? WHERE status = 'queued' AND expires_at IS NOT NULL AND expires_at <= ?`,
  );
  const requeueAll = db.prepare<[]>(`UPDATE tasks SET status = 'queued' WHERE status = 'running'`);

  return {
    enqueue: (deviceId, name, args, opts = {}) => {
      const created = iso(opts.at ?? new Date());
      const expires = opts.expiresAt === undefined ? null : iso(opts.expiresAt);
      const row = insert.get(deviceId, name, toJson(args), created, opts.commandKey ?? null, expires);
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      return toTask(row);
    },
    nextQueued: (deviceId) => one(next.get(deviceId)),
    hasQueued: (deviceId) => has.get(deviceId) !== undefined,
    markRunning: (id, at) => running.run(iso(at), id).changes > 0,
    requeue: (id) => requeue.run(id).changes > 0,
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
      return expire.run(when, when).changes;
    },
    requeueRunning: () => requeueAll.run().changes,
  };
}
