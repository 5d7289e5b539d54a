// STUN credentials and public UDP bindings of devices behind NAT (migration 014). The password
// is returned because MESSAGE-INTEGRITY needs it; no caller may log a StunBinding as a whole.
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import { iso } from './json.ts';

export interface StunBinding {
  deviceId: string;
  username: string;
  password: string;
  /** The public address and port the last Binding Request came from; null before the first. */
  address: string | null;
  port: number | null;
  /** Whether that request carried a MESSAGE-INTEGRITY that verified with the password. */
  authenticated: boolean;
  /** Binding Requests with BINDING-CHANGE seen (the CPE noticed its NAT mapping moved). */
  bindingChanges: number;
  firstSeenAt: string | null;
  seenAt: string | null;
  createdAt: string;
}

export interface StunSighting {
  address: string;
  port: number;
  authenticated: boolean;
  bindingChange: boolean;
}

export interface StunBindingRepository {
  get(deviceId: string): StunBinding | undefined;
  byUsername(username: string): StunBinding | undefined;
  /** Sets the device's STUN credentials (keeping a known binding). Throws StoreError for an unknown device. */
  setCredentials(deviceId: string, username: string, password: string): StunBinding;
  /** Records a Binding Request from the device; false when the device has no row. */
  record(deviceId: string, seen: StunSighting): boolean;
}

interface Row {
  device_id: string;
  username: string;
  password: string;
  address: string | null;
  port: number | null;
  authenticated: number;
  binding_changes: number;
  first_seen_at: string | null;
  seen_at: string | null;
  created_at: string;
}

const COLUMNS = 'device_id, username, password, address, port, authenticated, binding_changes, first_seen_at, seen_at, created_at';

function toBinding(r: Row): StunBinding {
  return {
    deviceId: r.device_id,
    username: r.username,
    password: r.password,
    address: r.address,
    port: r.port,
    authenticated: r.authenticated === 1,
    bindingChanges: r.binding_changes,
    firstSeenAt: r.first_seen_at,
    seenAt: r.seen_at,
    createdAt: r.created_at,
  };
}

export function createStunBindingRepository(db: Db, now: () => Date): StunBindingRepository {
  const byDevice = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM stun_bindings WHERE device_id = ?`);
  const byUsername = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM stun_bindings WHERE username = ?`);
  const deviceExists = db.prepare<[string], number>('SELECT 1 FROM devices WHERE id = ?').pluck();
  const upsert = db.prepare<[string, string, string, string], Row>(
    `INSERT INTO stun_bindings (device_id, username, password, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET username = excluded.username, password = excluded.password
     RETURNING ${COLUMNS}`,
  );
  const record = db.prepare<[string, number, number, number, string, string, string]>(
    `UPDATE stun_bindings SET address = ?, port = ?, authenticated = ?, binding_changes = binding_changes + ?,
       first_seen_at = COALESCE(first_seen_at, ?), seen_at = ? WHERE device_id = ?`,
  );
  return {
    get: (deviceId) => {
      const row = byDevice.get(deviceId);
      return row === undefined ? undefined : toBinding(row);
    },
    byUsername: (username) => {
      const row = byUsername.get(username);
      return row === undefined ? undefined : toBinding(row);
    },
    setCredentials: (deviceId, username, password) => {
      if (deviceExists.get(deviceId) === undefined)
        throw new StoreError(`Cannot set STUN credentials for device ${deviceId}: no such device`);
      const row = upsert.get(deviceId, username, password, iso(now()));
      if (row === undefined) throw new StoreError(`Storing STUN credentials for device ${deviceId} returned no row`);
      return toBinding(row);
    },
    record: (deviceId, seen) => {
      const at = iso(now());
      const info = record.run(seen.address, seen.port, seen.authenticated ? 1 : 0, seen.bindingChange ? 1 : 0, at, at, deviceId);
      return info.changes > 0;
    },
  };
}
