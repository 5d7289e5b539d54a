// Pre-registered devices: ids the operator allowed before their first Inform. Consulted when
// the unknown-device policy is 'refuse' (a device not in `devices` must be listed here).
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import { iso } from './json.ts';

export interface DeviceRegistration {
  deviceId: string;
  note: string;
  createdAt: string;
}

export interface RegistrationRepository {
  /** Registers the device (idempotent: an existing registration keeps its date, gets the new note). */
  add(deviceId: string, note?: string): DeviceRegistration;
  /** False when the device was not registered. */
  remove(deviceId: string): boolean;
  has(deviceId: string): boolean;
  /** Oldest first. */
  list(): DeviceRegistration[];
}

interface Row {
  device_id: string;
  note: string;
  created_at: string;
}

function toRegistration(r: Row): DeviceRegistration {
  return { deviceId: r.device_id, note: r.note, createdAt: r.created_at };
}

export function createRegistrationRepository(db: Db, now: () => Date = () => new Date()): RegistrationRepository {
  const upsert = db.prepare<[string, string, string], Row>(
    `INSERT INTO device_registrations (device_id, note, created_at) VALUES (?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET note = excluded.note
     RETURNING device_id, note, created_at`,
  );
  const del = db.prepare<[string]>('DELETE FROM device_registrations WHERE device_id = ?');
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM device_registrations WHERE device_id = ?');
  const all = db.prepare<[], Row>('SELECT device_id, note, created_at FROM device_registrations ORDER BY created_at, device_id');
  return {
    add: (deviceId, note = '') => {
      if (deviceId === '') throw new StoreError('A device registration needs a device id');
      const row = upsert.get(deviceId, note, iso(now()));
      if (row === undefined) throw new StoreError('INSERT ... RETURNING returned no row');
      return toRegistration(row);
    },
    remove: (deviceId) => del.run(deviceId).changes > 0,
    has: (deviceId) => exists.get(deviceId) !== undefined,
    list: () => all.all().map(toRegistration),
  };
}
