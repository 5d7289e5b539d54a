// Connection-request credentials, one pair per device (migration 004). The password is returned
// to callers because the operator needs to see it and the Digest answer needs it; no caller may
// log a StoredCrCredentials as a whole.
import type { Db } from './db.ts';
import { StoreError } from './errors.ts';
import { iso } from './json.ts';

/** Who chose the pair: typed in by the operator, imported from a file, or set on the device by DeskACS. */
export type CrCredentialSource = 'operator' | 'import' | 'acs';

export interface CrCredentialInput {
  username: string;
  password: string;
  source: CrCredentialSource;
}

export interface StoredCrCredentials {
  deviceId: string;
  username: string;
  password: string;
  source: CrCredentialSource;
  updatedAt: string;
}

export interface CrCredentialImportRow {
  deviceId: string;
  username: string;
  password: string;
}

export interface CrCredentialImportResult {
  /** Devices that had no credentials before. */
  inserted: number;
  /** Devices whose credentials were replaced (whatever their source). */
  updated: number;
  /** Rows naming a device this ACS has never seen; skipped, in input order. */
  unknownDevices: string[];
  /** Rows skipped for their content, with their index in the input. */
  invalid: { index: number; deviceId: string; reason: string }[];
}

export interface CrCredentialRepository {
  get(deviceId: string): StoredCrCredentials | undefined;
  /** Inserts or replaces the device's pair. Throws StoreError for an unknown device or an empty username. */
  set(deviceId: string, input: CrCredentialInput): StoredCrCredentials;
  remove(deviceId: string): boolean;
  /** All rows in one transaction, with source 'import'. Bad rows are reported, never thrown. */
  importMany(rows: readonly CrCredentialImportRow[]): CrCredentialImportResult;
}

interface Row {
  device_id: string;
  username: string;
  password: string;
  source: string;
  updated_at: string;
}

const SOURCES: readonly string[] = ['operator', 'import', 'acs'] satisfies CrCredentialSource[];

function isSource(value: string): value is CrCredentialSource {
  return SOURCES.includes(value);
}

function toStored(r: Row): StoredCrCredentials {
  // The CHECK constraint keeps other values out; 'operator' is the safe reading of a hand-edited file.
  return {
    deviceId: r.device_id,
    username: r.username,
    password: r.password,
    source: isSource(r.source) ? r.source : 'operator',
    updatedAt: r.updated_at,
  };
}

/** Why a pair cannot be stored, or undefined. The message never contains the password. */
function invalidReason(username: string, source: string): string | undefined {
  if (username === '') return 'the username is empty';
  if (!isSource(source)) return `unknown source "${source}"`;
  return undefined;
}

export function createCrCredentialRepository(db: Db, now: () => Date): CrCredentialRepository {
  const select = db.prepare<[string], Row>(
    'SELECT device_id, username, password, source, updated_at FROM cr_credentials WHERE device_id = ?',
  );
  const deviceExists = db.prepare<[string], number>('SELECT 1 FROM devices WHERE id = ?').pluck();
  const upsert = db.prepare<[string, string, string, string, string], Row>(
    `INSERT INTO cr_credentials (device_id, username, password, source, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET username = excluded.username, password = excluded.password,
       source = excluded.source, updated_at = excluded.updated_at
     RETURNING device_id, username, password, source, updated_at`,
  );
  const exists = db.prepare<[string], number>('SELECT 1 FROM cr_credentials WHERE device_id = ?').pluck();
  const remove = db.prepare<[string]>('DELETE FROM cr_credentials WHERE device_id = ?');

  const importAll = db.transaction((rows: readonly CrCredentialImportRow[]): CrCredentialImportResult => {
    const result: CrCredentialImportResult = { inserted: 0, updated: 0, unknownDevices: [], invalid: [] };
    const at = iso(now());
    rows.forEach((row, index) => {
      const reason = invalidReason(row.username, 'import');
      if (reason !== undefined) {
        result.invalid.push({ index, deviceId: row.deviceId, reason });
      } else if (deviceExists.get(row.deviceId) === undefined) {
        result.unknownDevices.push(row.deviceId);
      } else {
        if (exists.get(row.deviceId) === undefined) result.inserted += 1;
        else result.updated += 1;
        upsert.run(row.deviceId, row.username, row.password, 'import', at);
      }
    });
    return result;
  });

  return {
    get: (deviceId) => {
      const row = select.get(deviceId);
      return row === undefined ? undefined : toStored(row);
    },
    set: (deviceId, input) => {
      const reason = invalidReason(input.username, input.source);
      if (reason !== undefined) throw new StoreError(`Cannot store connection-request credentials for device ${deviceId}: ${reason}`);
      if (deviceExists.get(deviceId) === undefined) {
        throw new StoreError(`Cannot store connection-request credentials for device ${deviceId}: no such device`);
      }
      const row = upsert.get(deviceId, input.username, input.password, input.source, iso(now()));
      if (row === undefined) throw new StoreError(`Storing connection-request credentials for device ${deviceId} returned no row`);
      return toStored(row);
    },
    remove: (deviceId) => remove.run(deviceId).changes > 0,
    importMany: (rows) => importAll(rows),
  };
}
