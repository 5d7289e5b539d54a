// CWMP sessions (one row per session, opened by the Inform that starts it) and the Inform
// events they delivered, which are stored in the session's row (migration 008).
import type { DeviceEvent, SessionOutcome, SessionRecord } from '../../../shared/models.ts';
import type { Db } from './db.ts';
import { iso, stringsFromJson, toJson } from './json.ts';

export interface SessionOpenInput {
  deviceId: string;
  remoteAddress: string;
  cwmpVersion: string;
  at: Date;
  warnings: readonly string[];
  /** The events of the Inform that opened the session. */
  events: readonly EventInput[];
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
  /** Marks every session still 'open' except these (the live ones) as 'aborted'; returns how many. */
  abortOpenExcept(liveIds: readonly number[], at: Date): number;
}

export interface EventInput {
  code: string;
  commandKey: string;
}

export interface EventRepository {
  /** Newest first (the events of one Inform in reverse order of the list). */
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

interface SessionEventsRow {
  id: number;
  started_at: string;
  events: string;
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
  const open = db.prepare<[string, string, string, string, string, string]>(
    `INSERT INTO sessions (device_id, started_at, remote_address, cwmp_version, messages, warnings, events) VALUES (?, ?, ?, ?, 1, ?, ?)`,
  );
  const end = db.prepare<[string, string, number, string, number]>(
    `UPDATE sessions SET outcome = ?, ended_at = ?, messages = ?, warnings = ? WHERE id = ? AND outcome = 'open'`,
  );
  const get = db.prepare<[number], SessionDbRow>(`SELECT ${COLS} FROM sessions WHERE id = ?`);
  const list = db.prepare<[string, number], SessionDbRow>(`SELECT ${COLS} FROM sessions WHERE device_id = ? ORDER BY id DESC LIMIT ?`);
  const abortOpen = db.prepare<[string]>(`UPDATE sessions SET outcome = 'aborted', ended_at = ? WHERE outcome = 'open'`);
  // Read through the partial index sessions_open: cheap however long the history.
  const abortOpenExcept = db.prepare<[string, string]>(
    `UPDATE sessions SET outcome = 'aborted', ended_at = ? WHERE outcome = 'open' AND id NOT IN (SELECT value FROM json_each(?))`,
  );
  return {
    open: (i) => {
      // An INTEGER PRIMARY KEY: the rowid is the id.
      const id = open.run(i.deviceId, iso(i.at), i.remoteAddress, i.cwmpVersion, toJson(i.warnings), eventsJson(i.events)).lastInsertRowid;
      return Number(id);
    },
    end: (sessionId, outcome, info, at) => end.run(outcome, iso(at), info.messages, toJson(info.warnings), sessionId).changes > 0,
    get: (sessionId) => {
      const row = get.get(sessionId);
      return row === undefined ? undefined : toSessionRecord(row);
    },
    listForDevice: (deviceId, limit) => list.all(deviceId, limitOf(limit)).map(toSessionRecord),
    abortOpen: (at) => abortOpen.run(iso(at)).changes,
    abortOpenExcept: (liveIds, at) => abortOpenExcept.run(iso(at), JSON.stringify(liveIds)).changes,
  };
}

const PERIODIC_ONLY = '[["2 PERIODIC",""]]';

/** [[code, commandKey], ...]: the common periodic-only list is a constant. */
function eventsJson(events: readonly EventInput[]): string {
  const only = events.length === 1 ? events[0] : undefined;
  if (only !== undefined && only.code === '2 PERIODIC' && only.commandKey === '') return PERIODIC_ONLY;
  return JSON.stringify(events.map((e) => [e.code, e.commandKey]));
}

function parseEvents(json: string): [string, string][] {
  try {
    const list: unknown = JSON.parse(json);
    if (!Array.isArray(list)) return [];
    return list.filter((e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string');
  } catch {
    return [];
  }
}

export function createEventRepository(db: Db): EventRepository {
  // Newest sessions first, read until enough events: a device's sessions are one index range.
  const sessionsWithEvents = db.prepare<[string], SessionEventsRow>(
    `SELECT id, started_at, events FROM sessions WHERE device_id = ? AND events <> '[]' ORDER BY id DESC`,
  );
  const listForDevice = (deviceId: string, limit: number): DeviceEvent[] => {
    const want = limitOf(limit);
    const out: DeviceEvent[] = [];
    if (want === 0) return out;
    for (const row of sessionsWithEvents.iterate(deviceId)) {
      const events = parseEvents(row.events);
      for (let i = events.length - 1; i >= 0 && out.length < want; i--) {
        const [code, commandKey] = events[i] ?? ['', ''];
        out.push({ code, commandKey, at: row.started_at, sessionId: row.id });
      }
      if (out.length >= want) break;
    }
    return out;
  };
  return { listForDevice };
}
