// The numbers behind the overview, each read from an index alone (migration 009), so the whole
// overview of 100k devices takes milliseconds: status counts from devices_by_last_inform, models
// and firmware from devices_by_model_firmware, first contacts from devices_by_first_seen, live
// tasks from tasks_by_status, Informs per hour from the inform_counts counter.
import type { Db } from './db.ts';
import { createIntervalReader, statusCondition } from './device-status-sql.ts';

export interface ModelFirmwareCount {
  manufacturer: string;
  modelName: string;
  softwareVersion: string;
  count: number;
}

export interface FleetStatsRepository {
  /** Devices online, late and offline at `now` (shared/device-status.ts). */
  statusCounts(now: Date): { devices: number; online: number; late: number; offline: number };
  /** Devices per (manufacturer, model, firmware). */
  modelFirmwareCounts(): ModelFirmwareCount[];
  /** Devices with a task that ended in a fault. */
  failingDevices(): number;
  liveTasks(): { queued: number; running: number };
  /** Devices first seen in [from, to) (ISO times). */
  firstSeenBetween(from: string, to: string): number;
  /** Informs per UTC hour (ISO of the hour's start), from `since` on; hours with none absent. */
  informsPerHour(since: string): Map<string, number>;
  /** Adds Informs to an hour's count (hour: ISO of its start). */
  addInforms(hour: string, count: number): void;
  /** Drops hour counts before `hour`; returns how many. */
  pruneInformCounts(before: string): number;
}

export function createFleetStatsRepository(db: Db): FleetStatsRepository {
  const intervals = createIntervalReader(db);
  const countAll = db.prepare<[], number>('SELECT count(*) FROM devices').pluck();
  const counts = new Map<string, ReturnType<Db['prepare']>>();
  const countWhere = (sql: string, params: Record<string, string | number>): number => {
    const text = `SELECT count(*) FROM devices INDEXED BY devices_by_last_inform WHERE ${sql}`;
    let st = counts.get(text);
    if (st === undefined) {
      if (counts.size > 50) counts.clear();
      st = db.prepare(text).pluck();
      counts.set(text, st);
    }
    return (st.get(params) as number | undefined) ?? 0;
  };
  const modelFirmware = db.prepare<[], ModelFirmwareCount>(
    `SELECT manufacturer, model_name AS modelName, software_version AS softwareVersion, count(*) AS count
       FROM devices INDEXED BY devices_by_model_firmware GROUP BY manufacturer, model_name, software_version`,
  );
  const failing = db.prepare<[], number>(`SELECT count(DISTINCT device_id) FROM tasks WHERE status = 'fault'`).pluck();
  const live = db.prepare<[], { status: string; n: number }>(
    `SELECT status, count(*) AS n FROM tasks WHERE status IN ('queued', 'running') GROUP BY status`,
  );
  // One range of devices_by_first_seen per day: grouping by substr(first_seen) instead sorted
  // every row of the month (40 ms when 100k devices were new).
  const firstSeen = db.prepare<[string, string], number>('SELECT count(*) FROM devices WHERE first_seen >= ? AND first_seen < ?').pluck();
  const perHour = db.prepare<[string], { hour: string; count: number }>('SELECT hour, count FROM inform_counts WHERE hour >= ?');
  const add = db.prepare<[string, number]>(
    'INSERT INTO inform_counts (hour, count) VALUES (?, ?) ON CONFLICT (hour) DO UPDATE SET count = count + excluded.count',
  );
  const prune = db.prepare<[string]>('DELETE FROM inform_counts WHERE hour < ?');

  return {
    statusCounts(now) {
      // Online and late are ranges of the index near its newest end; offline is the rest.
      const known = intervals();
      const online = statusCondition('online', now, known);
      const late = statusCondition('late', now, known);
      const devices = countAll.get() ?? 0;
      const on = countWhere(online.sql, online.params);
      const lt = countWhere(late.sql, late.params);
      return { devices, online: on, late: lt, offline: devices - on - lt };
    },
    modelFirmwareCounts: () => modelFirmware.all(),
    failingDevices: () => failing.get() ?? 0,
    liveTasks: () => {
      const out = { queued: 0, running: 0 };
      for (const r of live.all()) if (r.status === 'queued' || r.status === 'running') out[r.status] = r.n;
      return out;
    },
    firstSeenBetween: (from, to) => firstSeen.get(from, to) ?? 0,
    informsPerHour: (since) => new Map(perHour.all(since).map((r) => [r.hour, r.count])),
    addInforms: (hour, count) => {
      add.run(hour, count);
    },
    pruneInformCounts: (before) => prune.run(before).changes,
  };
}
