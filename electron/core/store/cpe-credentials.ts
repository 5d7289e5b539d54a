// Per-device CPE -> ACS credentials (the username/password a CPE answers the ACS's HTTP
// authentication challenge with, TR-069 3.4.4). Keyed by device id, which need not exist yet.
// Passwords are kept in clear: HTTP Digest needs the password (or HA1, which is equally
// sufficient to authenticate), and the UI shows what to configure on the device.
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import { iso } from './json.ts';

export interface CpeCredential {
  deviceId: string;
  username: string;
  password: string;
  createdAt: string;
  updatedAt: string;
}

export interface CpeCredentialInput {
  username: string;
  password: string;
}

export interface CpeCredentialRepository {
  get(deviceId: string): CpeCredential | undefined;
  findByUsername(username: string): CpeCredential | undefined;
  /**
   * Creates or replaces the device's credentials. Throws StoreError when the username belongs
   * to another device (the username alone identifies the device during authentication).
   */
  set(deviceId: string, credentials: CpeCredentialInput): CpeCredential;
  /** False when the device had no credentials. */
  remove(deviceId: string): boolean;
  /** Ordered by device id. */
  list(): CpeCredential[];
}

interface Row {
  device_id: string;
  username: string;
  password: string;
  created_at: string;
  updated_at: string;
}

const COLS = 'device_id, username, password, created_at, updated_at';

function toCredential(r: Row): CpeCredential {
  return { deviceId: r.device_id, username: r.username, password: r.password, createdAt: r.created_at, updatedAt: r.updated_at };
}

export function createCpeCredentialRepository(db: Db, now: () => Date = () => new Date()): CpeCredentialRepository {
  const byDevice = db.prepare<[string], Row>(`SELECT ${COLS} FROM cpe_credentials WHERE device_id = ?`);
  const byUsername = db.prepare<[string], Row>(`SELECT ${COLS} FROM cpe_credentials WHERE username = ?`);
  const upsert = db.prepare<[string, string, string, string, string], Row>(
    `INSERT INTO cpe_credentials (device_id, username, password, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET username = excluded.username, password = excluded.password, updated_at = excluded.updated_at
     RETURNING ${COLS}`,
  );
  const del = db.prepare<[string]>('DELETE FROM cpe_credentials WHERE device_id = ?');
  const all = db.prepare<[], Row>(`SELECT ${COLS} FROM cpe_credentials ORDER BY device_id`);

  const set = db.transaction((deviceId: string, c: CpeCredentialInput): CpeCredential => {
    if (deviceId === '') throw new StoreError('CPE credentials need a device id');
    if (c.username === '') throw new StoreError(`CPE credentials for device ${deviceId} need a username`);
    const owner = byUsername.get(c.username);
    if (owner !== undefined && owner.device_id !== deviceId) {
      throw new StoreError(`CPE username '${c.username}' is already used by device ${owner.device_id}; usernames must be unique`);
    }
    const at = iso(now());
    const row = upsert.get(deviceId, c.username, c.password, at, at);
    if (row === undefined) throw new StoreError('INSERT ... RETURNING returned no row');
    return toCredential(row);
  });

  return {
    get: (deviceId) => {
      const row = byDevice.get(deviceId);
      return row === undefined ? undefined : toCredential(row);
    },
    findByUsername: (username) => {
      const row = byUsername.get(username);
      return row === undefined ? undefined : toCredential(row);
    },
    set: (deviceId, credentials) => set(deviceId, credentials),
    remove: (deviceId) => del.run(deviceId).changes > 0,
    list: () => all.all().map(toCredential),
  };
}
