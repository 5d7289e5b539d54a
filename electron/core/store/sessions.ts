// CWMP sessions (one row per session, opened by the Inform that starts it) and the Inform
// events they delivered.
import type { DeviceEvent, SessionOutcome, SessionRecord } from '../../../shared/models.ts';
import { atomic, type Db } from './db.ts';
import { iso, stringsFromJson, toJson } from './json.ts';

export interface SessionOpenInput {
  deviceId: string;
  remoteAddress: string;
  cwmpVersion: string;
  at: Date;
  warnings: readonly string[];
}

export interface SessionEndInput {
  messages: number;
  /** The session's complete warning list (it replaces the one recorded at open). */
  warnings: readonly string[];
}

export interface SessionRepository {
  /** Records a new session with outcome 'open'; returns its id. */
  open(input: SessionOpenInput): number;
  /** Closes an open session; false when it is unknown or already ended. */
  end(sessionId: number, outcome: Exclude<SessionOutcome, 'open'>, info: SessionEndInput, at: Date): boolean;
  get(sessionId: number): SessionRecord | undefined;
  /** Newest first. */
  listForDevice(deviceId: string, limit: number): SessionRecord[];
  /** Marks sessions still 'open' (the process died mid-session) as 'aborted'; returns how many. */
  abortOpen(at: Date): number;
}

export interface EventInput {
  code: string;
  commandKey: string;
}

export interface EventRepository {
  insert(deviceId: string, sessionId: number | null, events: readonly EventInput[], at: Date): void;
  /** Newest first. */
  listForDevice(deviceId: string, limit: number): DeviceEvent[];
}

interface SessionDbRow {
  id: number;
  device_id: string;
  started_at: string;
  ended_at: string | null;
  outcome: SessionOutcome;
  remote_address: string;
  cwmp_version: string;
  messages: number;
  warnings: string;
}

interface EventDbRow {
  code: string;
  command_key: string;
  at: string;
  session_id: number | null;
}

function toSessionRecord(r: SessionDbRow): SessionRecord {
  return {
    id: r.id,
    deviceId: r.device_id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
    remoteAddress: r.remote_address,
    cwmpVersion: r.cwmp_version,
    messages: r.messages,
    warnings: stringsFromJson(r.warnings),
  };
}

function limitOf(limit: number): number {
  return Number.isFinite(limit) && limit > 0 ? Math.floor(limit) : 0;
}

export function createSessionRepository(db: Db): SessionRepository {
  const COLS = 'id, device_id, started_at, ended_at, outcome, remote_address, cwmp_version, messages, warnings';
  const open = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO sessions (device_id, started_at, remote_address, cwmp_version, messages, warnings) VALUES (?, ?, ?, ?, 1, ?)`,
  );
  const end = db.prepare<[string, string, number, string, number]>(
    `UPDATE sessions SET outcome = ?, ended_at = ?, messages = ?, warnings = ? WHERE id = ? AND outcome = 'open'`,
  );
  const get = db.prepare<[number], SessionDbRow>(`SELECT ${COLS} FROM sessions WHERE id = ?`);
  const list = db.prepare<[string, number], SessionDbRow>(
    `SELECT ${COLS} FROM sessions WHERE device_id = ? ORDER BY id DESC LIMIT ?`,
  );
  const abortOpen = db.prepare<[string]>(`UPDATE sessions SET outcome = 'aborted', ended_at = ? WHERE outcome = 'open'`);
  return {
    open: (i) => {
      // An INTEGER PRIMARY KEY: the rowid is the id.
      return Number(open.run(i.deviceId, iso(i.at), i.remoteAddress, i.cwmpVersion, toJson(i.warnings)).lastInsertRowid);
    },
    end: (sessionId, outcome, info, at) => end.run(outcome, iso(at), info.messages, toJson(info.warnings), sessionId).changes > 0,
    get: (sessionId) => {
      const row = get.get(sessionId);
      return row === undefined ? undefined : toSessionRecord(row);
    },
    listForDevice: (deviceId, limit) => list.all(deviceId, limitOf(limit)).map(toSessionRecord),
    abortOpen: (at) => abortOpen.run(iso(at)).changes,
  };
}

export function createEventRepository(db: Db): EventRepository {
  const insert = db.prepare<[string, number | null, string, string, string]>(
    'INSERT INTO inform_events (device_id, session_id, code, command_key, at) VALUES (?, ?, ?, ?, ?)',
  );
  const list = db.prepare<[string, number], EventDbRow>(
    'SELECT code, command_key, at, session_id FROM inform_events WHERE device_id = ? ORDER BY id DESC LIMIT ?',
  );
  const insertAll = atomic(db, (deviceId: string, sessionId: number | null, events: readonly EventInput[], at: Date) => {
    const when = iso(at);
    for (const e of events) insert.run(deviceId, sessionId, e.code, e.commandKey, when);
  });
  return {
    insert: (deviceId, sessionId, events, at) => insertAll(deviceId, sessionId, events, at),
    listForDevice: (deviceId, limit) =>
      list.all(deviceId, limitOf(limit)).map((r) => ({ code: r.code, commandKey: r.command_key, at: r.at, sessionId: r.session_id })),
  };
}
