// Counting what reached the database, read straight from the SQLite file (read-only) after the
// server has stopped: the proof that every acknowledged Inform was stored.
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

export interface StoredCounts {
  devices: number;
  sessions: number;
  okSessions: number;
  informEvents: number;
  bootstrapDevices: number;
  parameters: number;
}

export function countStored(dbPath: string): StoredCounts {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string): number => Number(db.prepare(sql).pluck().get() ?? 0);
    return {
      devices: one('SELECT count(*) FROM devices'),
      sessions: one('SELECT count(*) FROM sessions'),
      okSessions: one(`SELECT count(*) FROM sessions WHERE outcome = 'ok'`),
      informEvents: one('SELECT count(*) FROM sessions, json_each(sessions.events)'),
      bootstrapDevices: one(
        `SELECT count(DISTINCT device_id) FROM sessions, json_each(sessions.events) AS e WHERE e.value ->> 0 = '0 BOOTSTRAP'`,
      ),
      parameters: one('SELECT count(*) FROM parameters'),
    };
  } finally {
    db.close();
  }
}

/** The database file plus its WAL, in bytes. */
export function databaseBytes(dbPath: string): number {
  const size = (p: string): number => (existsSync(p) ? statSync(p).size : 0);
  return size(dbPath) + size(`${dbPath}-wal`);
}
