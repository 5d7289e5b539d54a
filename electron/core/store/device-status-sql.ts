// The online/late/offline rule of shared/device-status.ts as SQL over last_inform and
// periodic_interval, for the list's status filter and the overview's counts.
//
// deviceStatus() asks whether (now - lastInform) / 1000 <= window(interval). Every window is a
// whole number of milliseconds (interval + max(120, interval / 4) seconds, or 3 intervals), so
// that is exactly lastInform >= now - window, and because last_inform is always written by
// toISOString() (fixed width, UTC) it is a plain string comparison with one threshold per
// interval in use. Parsing each row's date in SQL instead (julianday) made a count of 100k
// devices 4x slower. The intervals in use are read from devices_by_interval (a few seeks); a
// fleet with very many distinct intervals falls back to that per-row arithmetic.
import {
  defaultInformIntervalSeconds,
  offlineAfterSeconds,
  onlineWindowSeconds,
  type DeviceStatus,
} from '../../../shared/device-status.ts';
import type { Db } from './db.ts';

/** Above this many distinct intervals the thresholds are computed per row instead. */
const MAX_THRESHOLDS = 64;

export interface SqlCondition {
  sql: string;
  params: Record<string, string | number>;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The effective intervals in use, as deviceStatus() sees them: each distinct positive
 * periodic_interval, and the default one if a device reports none (or 0). A loose scan of
 * devices_by_interval: one seek per distinct value.
 */
export function createIntervalReader(db: Db): () => number[] {
  const usesDefault = db
    .prepare<[], number>(
      `SELECT EXISTS (SELECT 1 FROM devices WHERE periodic_interval IS NULL) OR EXISTS (SELECT 1 FROM devices WHERE periodic_interval <= 0)`,
    )
    .pluck();
  const distinct = db
    .prepare<[], number>(
      `WITH RECURSIVE iv(x, n) AS (
       SELECT min(periodic_interval), 1 FROM devices WHERE periodic_interval > 0
       UNION ALL
       SELECT (SELECT min(periodic_interval) FROM devices WHERE periodic_interval > iv.x), n + 1 FROM iv
        WHERE iv.x IS NOT NULL AND n <= ${MAX_THRESHOLDS}
     ) SELECT x FROM iv WHERE x IS NOT NULL`,
    )
    .pluck();
  return () => {
    const positive = distinct.all();
    return usesDefault.get() === 1 && !positive.includes(defaultInformIntervalSeconds)
      ? [...positive, defaultInformIntervalSeconds]
      : positive;
  };
}

/**
 * A threshold per row: CASE over the effective interval (periodic_interval when > 0, else the
 * default), each branch a bound parameter `${prefix}${k}`.
 */
function thresholdCase(
  prefix: string,
  intervals: readonly number[],
  at: (interval: number) => string,
  params: Record<string, string | number>,
): string {
  const branches = intervals
    .filter((i) => i !== defaultInformIntervalSeconds)
    .map((interval, k) => {
      params[`${prefix}${k}`] = at(interval);
      return `WHEN ${interval} THEN @${prefix}${k}`;
    });
  // Also what a device that reports no interval (or 0) is judged by.
  params[`${prefix}d`] = at(defaultInformIntervalSeconds);
  return `(CASE WHEN periodic_interval > 0 THEN (CASE periodic_interval ${branches.join(' ')} ELSE @${prefix}d END) ELSE @${prefix}d END)`;
}

/**
 * WHERE condition for devices in `status` at `now`. `intervals`: the effective intervals in use
 * (createIntervalReader), read in the same synchronous call as the query runs. With one
 * interval the thresholds are constants: a range of devices_by_last_inform, nothing read per
 * row. With several, the bounds on last_inform alone (oldest / newest threshold) still give
 * SQLite a range, and the CASE decides within it.
 */
export function statusCondition(status: DeviceStatus, now: Date, intervals: readonly number[], prefix = 'st'): SqlCondition {
  if (intervals.length >= MAX_THRESHOLDS) return arithmeticCondition(status, now, prefix);
  const used = intervals.length === 0 ? [defaultInformIntervalSeconds] : [...new Set(intervals)];
  const t = now.getTime();
  const onlineAt = (interval: number): string => iso(t - onlineWindowSeconds(interval) * 1000);
  const aliveAt = (interval: number): string => iso(t - offlineAfterSeconds(interval) * 1000);
  const params: Record<string, string | number> = {};
  const p = (name: string): string => `@${prefix}${name}`;
  const [only] = used;
  if (used.length === 1 && only !== undefined) {
    params[`${prefix}on`] = onlineAt(only);
    params[`${prefix}al`] = aliveAt(only);
    switch (status) {
      case 'online':
        return { sql: `last_inform >= ${p('on')}`, params };
      case 'late':
        return { sql: `(last_inform >= ${p('al')} AND last_inform < ${p('on')})`, params };
      case 'offline':
        return { sql: `(last_inform IS NULL OR last_inform < ${p('al')})`, params };
    }
  }
  const onlineCase = thresholdCase(`${prefix}on`, used, onlineAt, params);
  const aliveCase = thresholdCase(`${prefix}al`, used, aliveAt, params);
  // Larger intervals have older thresholds.
  const sorted = [...used].sort((a, b) => a - b);
  const smallest = sorted[0] ?? defaultInformIntervalSeconds;
  const largest = sorted.at(-1) ?? defaultInformIntervalSeconds;
  params[`${prefix}onMin`] = onlineAt(largest);
  params[`${prefix}onMax`] = onlineAt(smallest);
  params[`${prefix}alMin`] = aliveAt(largest);
  params[`${prefix}alMax`] = aliveAt(smallest);
  switch (status) {
    case 'online':
      return { sql: `(last_inform >= ${p('onMin')} AND last_inform >= ${onlineCase})`, params };
    case 'late':
      return {
        sql: `(last_inform >= ${p('alMin')} AND last_inform < ${p('onMax')} AND last_inform >= ${aliveCase} AND last_inform < ${onlineCase})`,
        params,
      };
    case 'offline':
      return { sql: `(last_inform IS NULL OR (last_inform < ${p('alMax')} AND last_inform < ${aliveCase}))`, params };
  }
}

/** The same rule with each row's age computed in SQL: slower, for fleets of many intervals. */
function arithmeticCondition(status: DeviceStatus, now: Date, prefix: string): SqlCondition {
  const eff = `(CASE WHEN periodic_interval > 0 THEN periodic_interval ELSE ${defaultInformIntervalSeconds} END)`;
  // julianday keeps SQLite's millisecond clock; rounding removes the double's last-bit noise.
  const age = `(@${prefix}now - CAST(round((julianday(last_inform) - 2440587.5) * 86400000.0) AS INTEGER))`;
  // onlineWindowSeconds and offlineAfterSeconds of shared/device-status.ts, in milliseconds.
  const online = `(${eff} * 1000 + max(120000, ${eff} * 250))`;
  const alive = `max(${online}, ${eff} * 3000)`;
  const params = { [`${prefix}now`]: now.getTime() };
  switch (status) {
    case 'online':
      return { sql: `(last_inform IS NOT NULL AND ${age} <= ${online})`, params };
    case 'late':
      return { sql: `(last_inform IS NOT NULL AND ${age} > ${online} AND ${age} <= ${alive})`, params };
    case 'offline':
      return { sql: `(last_inform IS NULL OR julianday(last_inform) IS NULL OR ${age} > ${alive})`, params };
  }
}
