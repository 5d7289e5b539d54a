// The values an Inform carries. A periodic Inform mostly repeats itself, and on a device whose
// whole tree is stored its parameters sit on pages all over that tree: rewriting them all each
// time (even just a timestamp) was most of the pages an Inform wrote. So:
// - a digest of the reported list is kept per device; the same list again writes nothing;
// - otherwise one statement writes only the values that changed;
// - the set of paths is kept, and readers see those parameters as current as of the device's
//   last Inform (freshen), which is what they were, changed or not.
// Any other write to a device's parameters drops its digest, so the next Inform is compared
// value by value against what is stored.
import { createHash } from 'node:crypto';
import type { ParameterRow } from '../../../shared/models.ts';
import { atomic, type Db } from './db.ts';
import { iso } from './json.ts';

export interface ReportedValue {
  name: string;
  value: string;
  type: string;
}

export interface ReportedValues {
  record(deviceId: string, values: readonly ReportedValue[], at: Date, previousInform: string | null): void;
  /** The device's parameters were written by something else: compare the next Inform in full. */
  invalidate(deviceId: string): void;
  /** Rows (of one device) the last Inform carried get its time as updatedAt, if later. */
  freshen(deviceId: string, rows: ParameterRow[]): ParameterRow[];
}

function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

export function createReportedValues(db: Db): ReportedValues {
  // json_each feeds the upsert; its WHERE leaves a row that already holds the value untouched
  // (no page written, no parameters_by_path_value entry rewritten).
  const upsertChanged = db.prepare<[string, string, string]>(
    `INSERT INTO parameters (device_id, path, value, type, object, updated_at)
     SELECT ?, j.value ->> 0, j.value ->> 1, j.value ->> 2, 0, ? FROM json_each(?) AS j WHERE true
     ON CONFLICT (device_id, path) DO UPDATE SET
       value = excluded.value, type = excluded.type, object = 0, updated_at = excluded.updated_at
     WHERE parameters.value IS NOT excluded.value OR parameters.type IS NOT excluded.type OR parameters.object <> 0`,
  );
  const state = db.prepare<[string], { pathSet: string; digest: string | null }>(
    'SELECT path_set AS pathSet, digest FROM device_inform_paths WHERE device_id = ?',
  );
  const putState = db.prepare<[string, string, string, string]>(
    `INSERT INTO device_inform_paths (device_id, path_set, digest, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (device_id) DO UPDATE SET path_set = excluded.path_set, digest = excluded.digest, updated_at = excluded.updated_at`,
  );
  const pathsOf = db.prepare<[string], string>('SELECT paths FROM inform_path_sets WHERE id = ?').pluck();
  const putPathSet = db.prepare<[string, string]>('INSERT OR IGNORE INTO inform_path_sets (id, paths) VALUES (?, ?)');
  const dropDigest = db.prepare<[string]>('UPDATE device_inform_paths SET digest = NULL WHERE device_id = ? AND digest IS NOT NULL');
  // A path the Informs stop carrying keeps the time it was last reported as its own.
  const settleDropped = db.prepare<[string, string, string, string]>(
    `UPDATE parameters SET updated_at = ? WHERE device_id = ? AND updated_at < ? AND path IN (SELECT value FROM json_each(?))`,
  );
  const freshness = db.prepare<[string], { lastInform: string | null; paths: string }>(
    `SELECT d.last_inform AS lastInform, s.paths AS paths FROM devices d
     JOIN device_inform_paths p ON p.device_id = d.id JOIN inform_path_sets s ON s.id = p.path_set WHERE d.id = ?`,
  );

  const record = atomic(db, (deviceId: string, values: readonly ReportedValue[], at: Date, previousInform: string | null): void => {
    const list = JSON.stringify(values.map((v) => [v.name, v.value, v.type]));
    const digest = digestOf(list);
    const before = state.get(deviceId);
    if (before?.digest === digest) return;
    const when = iso(at);
    if (values.length > 0) upsertChanged.run(deviceId, when, list);
    const names = values.map((v) => v.name);
    const paths = JSON.stringify(names);
    const pathSet = digestOf(paths);
    if (before === undefined || before.pathSet !== pathSet) {
      putPathSet.run(pathSet, paths);
      const old = before === undefined ? undefined : pathsOf.get(before.pathSet);
      if (old !== undefined && previousInform !== null) {
        const kept = new Set(names);
        const dropped = (JSON.parse(old) as string[]).filter((path) => !kept.has(path));
        if (dropped.length > 0) settleDropped.run(previousInform, deviceId, previousInform, JSON.stringify(dropped));
      }
    }
    putState.run(deviceId, pathSet, digest, when);
  });

  return {
    record,
    invalidate: (deviceId) => {
      dropDigest.run(deviceId);
    },
    freshen: (deviceId, rows) => {
      const info = rows.length === 0 ? undefined : freshness.get(deviceId);
      if (info === undefined || info.lastInform === null) return rows;
      const reported = new Set(JSON.parse(info.paths) as string[]);
      for (const row of rows) if (reported.has(row.path) && row.updatedAt < info.lastInform) row.updatedAt = info.lastInform;
      return rows;
    },
  };
}
