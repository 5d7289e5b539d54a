// Diagnostics history (migration 017): one row per diagnostic run, the state the task's plan
// resumes from across sessions, and a speed test's per-test URL token.
import type { DiagnosticKind, DiagnosticState } from '../../../shared/models-diagnostics.ts';
import type { Db } from './db.ts';
import { fromJson, iso, toJson } from './json.ts';

export interface StoredDiagnostic {
  id: number;
  deviceId: string;
  taskId: number;
  kind: DiagnosticKind;
  args: Record<string, unknown>;
  object: string;
  state: DiagnosticState;
  error: { code: number; message: string; explanation: string } | null;
  result: unknown;
  raw: [string, string][];
  token: string | null;
  bytes: number;
  bytesMoved: number;
  requestedAt: string;
  completedAt: string | null;
  deadline: string | null;
}

export interface NewDiagnostic {
  deviceId: string;
  taskId: number;
  kind: DiagnosticKind;
  args: Record<string, unknown>;
  object: string;
  token: string | null;
  bytes: number;
  at: Date;
}

export interface DiagnosticRepository {
  /** Inserts the run of a task, or (the task runs again) starts its row over. */
  begin(d: NewDiagnostic): StoredDiagnostic;
  byTask(taskId: number): StoredDiagnostic | undefined;
  byToken(token: string): StoredDiagnostic | undefined;
  /** Newest first. */
  listForDevice(deviceId: string, limit: number): StoredDiagnostic[];
  /** The device's runs waiting for their '8 DIAGNOSTICS COMPLETE'. */
  listWaiting(deviceId: string): StoredDiagnostic[];
  /** Runs still waiting whose deadline is at or before `at`. */
  listOverdue(at: Date): StoredDiagnostic[];
  setState(id: number, state: DiagnosticState, fields?: { deadline?: Date | null; completedAt?: Date | null }): void;
  finish(id: number, outcome: { result: unknown; raw: [string, string][]; at: Date }): void;
  fail(id: number, error: { code: number; message: string; explanation: string }, at: Date): void;
  /** Adds bytes the listener sent or received for a speed test. */
  addBytes(id: number, bytes: number): void;
  /** Removes the device's ended runs beyond its newest `keep`; returns how many. */
  prune(deviceId: string, keep: number): number;
}

interface Row {
  id: number;
  device_id: string;
  task_id: number;
  kind: DiagnosticKind;
  args: string;
  object: string;
  state: DiagnosticState;
  error: string | null;
  result: string | null;
  raw: string | null;
  token: string | null;
  bytes: number;
  bytes_moved: number;
  requested_at: string;
  completed_at: string | null;
  deadline: string | null;
}

const COLS =
  'id, device_id, task_id, kind, args, object, state, error, result, raw, token, bytes, bytes_moved, requested_at, completed_at, deadline';

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function pairs(v: unknown): [string, string][] {
  if (!Array.isArray(v)) return [];
  return v.filter((p): p is [string, string] => Array.isArray(p) && typeof p[0] === 'string' && typeof p[1] === 'string');
}

function errorOf(v: unknown): StoredDiagnostic['error'] {
  const r = record(v);
  if (typeof r.message !== 'string') return null;
  return {
    code: typeof r.code === 'number' ? r.code : 0,
    message: r.message,
    explanation: typeof r.explanation === 'string' ? r.explanation : '',
  };
}

function toDiagnostic(r: Row): StoredDiagnostic {
  return {
    id: r.id,
    deviceId: r.device_id,
    taskId: r.task_id,
    kind: r.kind,
    args: record(fromJson(r.args)),
    object: r.object,
    state: r.state,
    error: errorOf(fromJson(r.error)),
    result: fromJson(r.result),
    raw: pairs(fromJson(r.raw)),
    token: r.token,
    bytes: r.bytes,
    bytesMoved: r.bytes_moved,
    requestedAt: r.requested_at,
    completedAt: r.completed_at,
    deadline: r.deadline,
  };
}

export function createDiagnosticRepository(db: Db): DiagnosticRepository {
  const insert = db.prepare<[Record<string, unknown>], Row>(
    `INSERT INTO diagnostics (device_id, task_id, kind, args, object, state, token, bytes, requested_at)
     VALUES (@deviceId, @taskId, @kind, @args, @object, 'requested', @token, @bytes, @at)
     ON CONFLICT (task_id) DO UPDATE SET state = 'requested', object = excluded.object, token = excluded.token,
       bytes = excluded.bytes, bytes_moved = 0, error = NULL, result = NULL, raw = NULL, completed_at = NULL, deadline = NULL
     RETURNING ${COLS}`,
  );
  const byTask = db.prepare<[number], Row>(`SELECT ${COLS} FROM diagnostics WHERE task_id = ?`);
  const byToken = db.prepare<[string], Row>(`SELECT ${COLS} FROM diagnostics WHERE token = ?`);
  const list = db.prepare<[string, number], Row>(`SELECT ${COLS} FROM diagnostics WHERE device_id = ? ORDER BY id DESC LIMIT ?`);
  const waiting = db.prepare<[string], Row>(`SELECT ${COLS} FROM diagnostics WHERE device_id = ? AND state = 'waiting' ORDER BY id`);
  const overdue = db.prepare<[string], Row>(`SELECT ${COLS} FROM diagnostics WHERE state = 'waiting' AND deadline <= ? ORDER BY id`);
  const setState = db.prepare<[string, string | null, number, string | null, number]>(
    `UPDATE diagnostics SET state = ?, deadline = ?, completed_at = CASE WHEN ? = 1 THEN ? ELSE completed_at END WHERE id = ?`,
  );
  const finish = db.prepare<[string, string, string, number]>(
    `UPDATE diagnostics SET state = 'done', result = ?, raw = ?, completed_at = coalesce(completed_at, ?), deadline = NULL WHERE id = ?`,
  );
  const fail = db.prepare<[string, string, number]>(
    `UPDATE diagnostics SET state = 'failed', error = ?, completed_at = ?, deadline = NULL WHERE id = ? AND state NOT IN ('done', 'failed')`,
  );
  const addBytes = db.prepare<[number, number]>('UPDATE diagnostics SET bytes_moved = bytes_moved + ? WHERE id = ?');
  const prune = db.prepare<[string, string, number]>(
    `DELETE FROM diagnostics WHERE device_id = ? AND state IN ('done', 'failed') AND id < coalesce(
       (SELECT id FROM diagnostics WHERE device_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?), 0)`,
  );

  return {
    begin: (d) => {
      const row = insert.get({
        deviceId: d.deviceId,
        taskId: d.taskId,
        kind: d.kind,
        args: toJson(d.args),
        object: d.object,
        token: d.token,
        bytes: d.bytes,
        at: iso(d.at),
      });
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      return toDiagnostic(row);
    },
    byTask: (taskId) => {
      const r = byTask.get(taskId);
      return r === undefined ? undefined : toDiagnostic(r);
    },
    byToken: (token) => {
      const r = byToken.get(token);
      return r === undefined ? undefined : toDiagnostic(r);
    },
    listForDevice: (deviceId, limit) => list.all(deviceId, limit).map(toDiagnostic),
    listWaiting: (deviceId) => waiting.all(deviceId).map(toDiagnostic),
    listOverdue: (at) => overdue.all(iso(at)).map(toDiagnostic),
    setState: (id, state, fields = {}) => {
      const deadline = fields.deadline === undefined || fields.deadline === null ? null : iso(fields.deadline);
      const completed = fields.completedAt === undefined ? 0 : 1;
      setState.run(state, deadline, completed, fields.completedAt == null ? null : iso(fields.completedAt), id);
    },
    finish: (id, o) => {
      finish.run(toJson(o.result), toJson(o.raw), iso(o.at), id);
    },
    fail: (id, error, at) => {
      fail.run(toJson(error), iso(at), id);
    },
    addBytes: (id, bytes) => {
      addBytes.run(bytes, id);
    },
    prune: (deviceId, keep) => prune.run(deviceId, deviceId, Math.max(1, keep) - 1).changes,
  };
}
