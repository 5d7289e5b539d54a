// A device's parameter tree as last reported: values (Inform, GetParameterValues) and names
// with writability (GetParameterNames). Paths ending in '.' are objects.
import type { ParameterRow } from '../../../shared/models.ts';
import type { Db } from './db.ts';
import { iso } from './json.ts';
import { createReportedValues } from './reported-values.ts';

export interface ParameterValueInput {
  name: string;
  value: string;
  type: string;
}

export interface ParameterNameInput {
  name: string;
  writable: boolean;
}

export interface ParameterRepository {
  /** Inserts or updates values; writability already known is kept. One transaction. */
  upsertValues(deviceId: string, values: readonly ParameterValueInput[], at: Date): void;
  /**
   * The values an Inform carries: only those that changed are written (a periodic Inform mostly
   * repeats itself, and its parameters sit on pages all over the device's tree). The set of
   * paths is remembered, and list/get report those parameters as current as of the device's
   * last Inform. One transaction.
   */
  recordReported(deviceId: string, values: readonly ParameterValueInput[], at: Date, previousInform?: string | null): void;
  /** Inserts or updates names and writability; values already known are kept. One transaction. */
  upsertNames(deviceId: string, infos: readonly ParameterNameInput[], at: Date): void;
  /** Ordered by path; with a prefix, only paths starting with it (e.g. 'Device.WiFi.'). */
  list(deviceId: string, prefix?: string): ParameterRow[];
  get(deviceId: string, path: string): ParameterRow | undefined;
  count(deviceId: string): number;
  /** Deletes `path` and everything below it ('X.Y' and 'X.Y.' both mean the object X.Y.). Returns rows deleted. */
  deleteSubtree(deviceId: string, path: string): number;
  /** Deletes every parameter of the device (e.g. after 0 BOOTSTRAP). Returns rows deleted. */
  deleteAll(deviceId: string): number;
  /** Ids of devices whose `path` currently has exactly `value` (index parameters_by_path_value). */
  findDeviceIds(path: string, value: string, limit: number): string[];
}

interface ParameterDbRow {
  path: string;
  value: string | null;
  type: string | null;
  writable: number | null;
  object: number;
  updated_at: string;
}

// Upper bound for a prefix range: U+10FFFF sorts after every valid UTF-8 sequence that can
// follow the prefix (SQLite compares TEXT bytewise), so [prefix, prefix+MAX) is "starts with".
const MAX_CHAR = '\u{10FFFF}';

function toParameterRow(r: ParameterDbRow): ParameterRow {
  return {
    path: r.path,
    value: r.value,
    type: r.type,
    writable: r.writable === null ? null : r.writable === 1,
    object: r.object === 1,
    updatedAt: r.updated_at,
  };
}

export function createParameterRepository(db: Db): ParameterRepository {
  const COLS = 'path, value, type, writable, object, updated_at';
  const upsertValue = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO parameters (device_id, path, value, type, object, updated_at) VALUES (?, ?, ?, ?, 0, ?)
     ON CONFLICT (device_id, path) DO UPDATE SET
       value = excluded.value, type = excluded.type, object = 0, updated_at = excluded.updated_at`,
  );
  const upsertName = db.prepare<[string, string, number, number, string]>(
    `INSERT INTO parameters (device_id, path, writable, object, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (device_id, path) DO UPDATE SET
       writable = excluded.writable, object = excluded.object, updated_at = excluded.updated_at`,
  );
  const listAll = db.prepare<[string], ParameterDbRow>(`SELECT ${COLS} FROM parameters WHERE device_id = ? ORDER BY path`);
  const listRange = db.prepare<[string, string, string], ParameterDbRow>(
    `SELECT ${COLS} FROM parameters WHERE device_id = ? AND path >= ? AND path < ? ORDER BY path`,
  );
  const getOne = db.prepare<[string, string], ParameterDbRow>(`SELECT ${COLS} FROM parameters WHERE device_id = ? AND path = ?`);
  const count = db.prepare<[string], number>('SELECT count(*) FROM parameters WHERE device_id = ?').pluck();
  const deleteRange = db.prepare<[string, string, string, string]>(
    'DELETE FROM parameters WHERE device_id = ? AND (path = ? OR (path >= ? AND path < ?))',
  );
  const deleteAll = db.prepare<[string]>('DELETE FROM parameters WHERE device_id = ?');
  const findDevices = db
    .prepare<[string, string, number], string>('SELECT device_id FROM parameters WHERE path = ? AND value = ? ORDER BY device_id LIMIT ?')
    .pluck();

  // An unchanged value (the common case: a periodic Inform) only gets its timestamp. Writing
  // `value` again would rewrite its parameters_by_path_value entry too, one index page per
  // path: most of a periodic Inform's WAL pages (docs/performance.md, finding 2).
  const touchValue = db.prepare<[string, string, string, string, string]>(
    `UPDATE parameters SET updated_at = ? WHERE device_id = ? AND path = ? AND value IS ? AND type IS ? AND object = 0`,
  );
  const reported = createReportedValues(db);
  const upsertValues = db.transaction((deviceId: string, values: readonly ParameterValueInput[], at: Date) => {
    reported.invalidate(deviceId);
    const when = iso(at);
    for (const v of values) {
      if (touchValue.run(when, deviceId, v.name, v.value, v.type).changes === 0) upsertValue.run(deviceId, v.name, v.value, v.type, when);
    }
  });
  const upsertNames = db.transaction((deviceId: string, infos: readonly ParameterNameInput[], at: Date) => {
    reported.invalidate(deviceId);
    const when = iso(at);
    for (const p of infos) upsertName.run(deviceId, p.name, p.writable ? 1 : 0, p.name.endsWith('.') ? 1 : 0, when);
  });

  return {
    upsertValues: (deviceId, values, at) => upsertValues(deviceId, values, at),
    recordReported: (deviceId, values, at, previousInform) => reported.record(deviceId, values, at, previousInform ?? null),
    upsertNames: (deviceId, infos, at) => upsertNames(deviceId, infos, at),
    list: (deviceId, prefix) =>
      reported.freshen(
        deviceId,
        (prefix === undefined || prefix === '' ? listAll.all(deviceId) : listRange.all(deviceId, prefix, prefix + MAX_CHAR)).map(
          toParameterRow,
        ),
      ),
    get: (deviceId, path) => {
      const row = getOne.get(deviceId, path);
      return row === undefined ? undefined : reported.freshen(deviceId, [toParameterRow(row)])[0];
    },
    count: (deviceId) => count.get(deviceId) ?? 0,
    deleteSubtree: (deviceId, path) => {
      reported.invalidate(deviceId);
      const object = path.endsWith('.') ? path : `${path}.`;
      return deleteRange.run(deviceId, path, object, object + MAX_CHAR).changes;
    },
    deleteAll: (deviceId) => {
      reported.invalidate(deviceId);
      return deleteAll.run(deviceId).changes;
    },
    findDeviceIds: (path, value, limit) => findDevices.all(path, value, limit),
  };
}
