// Application settings: one JSON value per key. Values are read back as `unknown`; a caller
// that wants a type passes a guard, so a hand-edited or older cell never masquerades as T.
import type { Db } from './db.ts';
import { fromJson, iso, toJson } from './json.ts';

export interface SettingsRepository {
  /** The stored value (null is a stored value), or undefined when the key was never set. */
  get(key: string): unknown;
  /** The stored value when it passes `guard`; undefined when absent or of another shape. */
  get<T>(key: string, guard: (value: unknown) => value is T): T | undefined;
  /** Stores value as JSON, replacing any previous value. */
  set(key: string, value: unknown): void;
  /** False when the key was not set. */
  remove(key: string): boolean;
}

interface Row {
  value: string;
}

export function createSettingsRepository(db: Db, now: () => Date = () => new Date()): SettingsRepository {
  const select = db.prepare<[string], Row>('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const del = db.prepare<[string]>('DELETE FROM settings WHERE key = ?');

  function get(key: string): unknown;
  function get<T>(key: string, guard: (value: unknown) => value is T): T | undefined;
  function get<T>(key: string, guard?: (value: unknown) => value is T): unknown {
    const row = select.get(key);
    if (row === undefined) return undefined;
    const value = fromJson(row.value);
    if (guard === undefined) return value;
    return guard(value) ? value : undefined;
  }

  return {
    get,
    set: (key, value) => {
      upsert.run(key, toJson(value), iso(now()));
    },
    remove: (key) => del.run(key).changes > 0,
  };
}
