// Quirks learned from a device's own behaviour (migration 019), one JSON object per device. The
// store keeps them as plain settings; services/quirks.ts checks them (learnedQuirks) before use.
import type { Db } from './db.ts';
import { fromJson, iso, toJson } from './json.ts';

export type LearnedQuirkValue = boolean | number | string;

export interface LearnedQuirkRepository {
  /** The settings learned for the device ({} when none). */
  get(deviceId: string): Record<string, unknown>;
  /** Merges `quirks` into the device's learned settings; false when the device is unknown. */
  learn(deviceId: string, quirks: Record<string, LearnedQuirkValue>, at: Date): boolean;
  /** Forgets what was learned about the device. */
  forget(deviceId: string): boolean;
}

export function createLearnedQuirkRepository(db: Db): LearnedQuirkRepository {
  const select = db.prepare<[string], string>('SELECT quirks FROM learned_quirks WHERE device_id = ?').pluck();
  const upsert = db.prepare<[string, string, string, string]>(
    `INSERT INTO learned_quirks (device_id, quirks, updated_at)
     SELECT id, ?, ? FROM devices WHERE id = ?
     ON CONFLICT (device_id) DO UPDATE SET quirks = json_patch(quirks, ?), updated_at = excluded.updated_at`,
  );
  const del = db.prepare<[string]>('DELETE FROM learned_quirks WHERE device_id = ?');
  const get = (deviceId: string): Record<string, unknown> => {
    const raw = select.get(deviceId);
    const value = raw === undefined ? undefined : fromJson(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  };
  return {
    get,
    learn: (deviceId, quirks, at) => {
      const json = toJson(quirks);
      return upsert.run(json, iso(at), deviceId, json).changes > 0;
    },
    forget: (deviceId) => del.run(deviceId).changes > 0,
  };
}
