// Health metrics (migration 018): series per device, raw samples, hourly aggregates, the last
// reading of byte counters, fleet samples. Times are whole seconds since the epoch (counter
// readings: milliseconds, for rates over short intervals).
import type { Db } from './db.ts';
import { packDay, unpackDay } from './metrics-daily.ts';

export interface SeriesRow {
  id: number;
  metric: string;
  part: string;
  lastT: number | null;
  lastV: number | null;
}

export interface RawPoint {
  t: number;
  v: number;
}

export interface HourlyPoint {
  hour: number;
  n: number;
  min: number;
  avg: number;
  max: number;
  last: number;
}

export interface MetricRepository {
  /** The series' id, created on first use. */
  seriesId(deviceId: string, metric: string, part: string): number;
  /** A device's series (all, or of one metric). */
  series(deviceId: string, metric?: string): SeriesRow[];
  /** Stores a sample (a second sample in the same second replaces the first). */
  add(seriesId: number, t: number, v: number): void;
  raw(seriesId: number, from: number, to: number): RawPoint[];
  hourly(seriesId: number, fromHour: number, toHour: number): HourlyPoint[];
  /** Hourly aggregates computed from raw samples (for hours not yet downsampled). */
  hourlyFromRaw(seriesId: number, from: number, to: number): HourlyPoint[];
  /**
   * Downsamples raw samples with from <= t < to into metric_daily (hourly aggregates packed per
   * day, metrics-daily.ts), for up to `limit` series
   * with ids above `afterId`; returns the last series id handled (null: no more).
   */
  aggregate(from: number, to: number, afterId: number, limit: number): { lastId: number | null; written: number };
  /**
   * Deletes raw samples older than `rawBefore` and hourly rows older than `hourlyBefore` of up
   * to `limit` series with ids above `afterId` (each series' range is one index walk); returns
   * the last series id handled (null: no more) and the rows deleted.
   */
  prune(rawBefore: number, hourlyBefore: number, afterId: number, limit: number): { lastId: number | null; deleted: number };
  counter(deviceId: string, path: string): { t: number; value: string } | undefined;
  setCounter(deviceId: string, path: string, t: number, value: string): void;
  /** Forgets a device's counter readings (it rebooted: its counters restarted). */
  resetCounters(deviceId: string): void;
  addFleet(metric: string, t: number, v: number): void;
  fleet(metric: string, from: number, to: number): RawPoint[];
  pruneFleet(before: number): number;
}

/**
 * Values are kept to a useful precision: whole numbers from 100 up (bit/s, seconds, KiB), two
 * decimals below (dBm, %). SQLite writes a REAL with no fraction as an integer of 1-6 bytes
 * instead of 8, which roughly halves a throughput sample.
 */
export function compactValue(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100;
}

/** The same rounding in SQL, for the hourly average. */
const COMPACT_AVG = 'CASE WHEN abs(avg(v)) >= 100 THEN round(avg(v)) ELSE round(avg(v), 2) END';

export function createMetricRepository(db: Db): MetricRepository {
  const findSeries = db.prepare<[string, string, string], number>(
    'SELECT id FROM metric_series WHERE device_id = ? AND metric = ? AND part = ?',
  );
  findSeries.pluck();
  const insertSeries = db.prepare<[string, string, string]>('INSERT INTO metric_series (device_id, metric, part) VALUES (?, ?, ?)');
  const listAll = db.prepare<[string], { id: number; metric: string; part: string; last_t: number | null; last_v: number | null }>(
    'SELECT id, metric, part, last_t, last_v FROM metric_series WHERE device_id = ? ORDER BY metric, part',
  );
  const listOne = db.prepare<[string, string], { id: number; metric: string; part: string; last_t: number | null; last_v: number | null }>(
    'SELECT id, metric, part, last_t, last_v FROM metric_series WHERE device_id = ? AND metric = ? ORDER BY part',
  );
  const insertRaw = db.prepare<[number, number, number]>('INSERT OR REPLACE INTO metric_raw (series_id, t, v) VALUES (?, ?, ?)');
  const setLast = db.prepare<[number, number, number, number]>(
    'UPDATE metric_series SET last_t = ?, last_v = ? WHERE id = ? AND (last_t IS NULL OR last_t <= ?)',
  );
  const rawRange = db.prepare<[number, number, number], RawPoint>(
    'SELECT t, v FROM metric_raw WHERE series_id = ? AND t >= ? AND t <= ? ORDER BY t',
  );
  const dayRange = db.prepare<[number, number, number], { day: number; hours: Uint8Array }>(
    'SELECT day, hours FROM metric_daily WHERE series_id = ? AND day >= ? AND day <= ? ORDER BY day',
  );
  const dayRow = db.prepare<[number, number], Uint8Array>('SELECT hours FROM metric_daily WHERE series_id = ? AND day = ?');
  dayRow.pluck();
  const putDay = db.prepare<[number, number, Uint8Array]>('INSERT OR REPLACE INTO metric_daily (series_id, day, hours) VALUES (?, ?, ?)');
  const hourlyOfRaw = db.prepare<[number, number, number], HourlyPoint>(
    `SELECT (t / 3600) * 3600 AS hour, count(*) AS n, min(v) AS min, ${COMPACT_AVG} AS avg, max(v) AS max,
       (SELECT r2.v FROM metric_raw r2 WHERE r2.series_id = r.series_id AND r2.t < ((r.t / 3600) + 1) * 3600
          ORDER BY r2.t DESC LIMIT 1) AS last
     FROM metric_raw r WHERE series_id = ? AND t >= ? AND t < ? GROUP BY t / 3600 ORDER BY hour`,
  );
  const seriesAfter = db.prepare<[number, number], number>('SELECT id FROM metric_series WHERE id > ? ORDER BY id LIMIT ?');
  seriesAfter.pluck();
  const pruneRaw = db.prepare<[number, number]>('DELETE FROM metric_raw WHERE series_id = ? AND t < ?');
  const pruneDaily = db.prepare<[number, number]>('DELETE FROM metric_daily WHERE series_id = ? AND day < ?');
  /** One series' hours in [from, to) merged into their days' packed rows; returns the days written. */
  const downsample = (seriesId: number, from: number, to: number): number => {
    const byDay = new Map<number, HourlyPoint[]>();
    for (const h of hourlyOfRaw.all(seriesId, from, to)) {
      const day = Math.floor(h.hour / 86_400);
      const list = byDay.get(day) ?? [];
      list.push(h);
      byDay.set(day, list);
    }
    for (const [day, hours] of byDay) putDay.run(seriesId, day, packDay(dayRow.get(seriesId, day), hours));
    return byDay.size;
  };
  const getCounter = db.prepare<[string, string], { t: number; value: string }>(
    'SELECT t, value FROM metric_counters WHERE device_id = ? AND path = ?',
  );
  const putCounter = db.prepare<[string, string, number, string]>(
    'INSERT OR REPLACE INTO metric_counters (device_id, path, t, value) VALUES (?, ?, ?, ?)',
  );
  const clearCounters = db.prepare<[string]>('DELETE FROM metric_counters WHERE device_id = ?');
  const addFleet = db.prepare<[string, number, number]>('INSERT OR REPLACE INTO fleet_samples (metric, t, v) VALUES (?, ?, ?)');
  const fleetRange = db.prepare<[string, number, number], RawPoint>(
    'SELECT t, v FROM fleet_samples WHERE metric = ? AND t >= ? AND t <= ? ORDER BY t',
  );
  const pruneFleet = db.prepare<[number]>('DELETE FROM fleet_samples WHERE t < ?');
  const toSeries = (r: { id: number; metric: string; part: string; last_t: number | null; last_v: number | null }): SeriesRow => ({
    id: r.id,
    metric: r.metric,
    part: r.part,
    lastT: r.last_t,
    lastV: r.last_v,
  });
  return {
    seriesId(deviceId, metric, part) {
      const found = findSeries.get(deviceId, metric, part);
      if (found !== undefined) return found;
      return Number(insertSeries.run(deviceId, metric, part).lastInsertRowid);
    },
    series: (deviceId, metric) => (metric === undefined ? listAll.all(deviceId) : listOne.all(deviceId, metric)).map(toSeries),
    add(seriesId, t, value) {
      const v = compactValue(value);
      insertRaw.run(seriesId, t, v);
      setLast.run(t, v, seriesId, t);
    },
    raw: (seriesId, from, to) => rawRange.all(seriesId, from, to),
    hourly: (seriesId, fromHour, toHour) =>
      dayRange
        .all(seriesId, Math.floor(fromHour / 86_400), Math.floor(toHour / 86_400))
        .flatMap((r) => unpackDay(r.day, r.hours, fromHour, toHour)),
    hourlyFromRaw: (seriesId, from, to) => hourlyOfRaw.all(seriesId, from, to),
    aggregate(from, to, afterId, limit) {
      const ids = seriesAfter.all(afterId, limit);
      let written = 0;
      for (const id of ids) written += downsample(id, from, to);
      return { lastId: ids.length < limit ? null : (ids[ids.length - 1] ?? null), written };
    },
    prune(rawBefore, hourlyBefore, afterId, limit) {
      const ids = seriesAfter.all(afterId, limit);
      let deleted = 0;
      for (const id of ids) deleted += pruneRaw.run(id, rawBefore).changes + pruneDaily.run(id, Math.floor(hourlyBefore / 86_400)).changes;
      return { lastId: ids.length < limit ? null : (ids[ids.length - 1] ?? null), deleted };
    },
    counter: (deviceId, path) => getCounter.get(deviceId, path),
    setCounter: (deviceId, path, t, value) => void putCounter.run(deviceId, path, t, value),
    resetCounters: (deviceId) => void clearCounters.run(deviceId),
    addFleet: (metric, t, v) => void addFleet.run(metric, t, v),
    fleet: (metric, from, to) => fleetRange.all(metric, from, to),
    pruneFleet: (before) => pruneFleet.run(before).changes,
  };
}
