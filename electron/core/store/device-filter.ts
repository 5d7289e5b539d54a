// A device filter (shared/contract-args.ts) as one SQL condition over `devices`: every field
// given must hold. Each part is written so SQLite can answer it from an index: the trigram
// search table, the NOCASE prefix indexes (migration 006), parameters_by_path_value, the tags
// and task-status indexes, devices_by_last_inform for the status rule.
import type { DeviceFilter } from '../../../shared/contract-args.ts';
import { statusCondition } from './device-status-sql.ts';

export interface FilterSql {
  /** A condition over `devices` (never empty: '1' when nothing narrows). */
  where: string;
  params: Record<string, string | number>;
  /** True when the filter narrows nothing. */
  all: boolean;
  /** The trigram phrase when `q` is the only field (its count comes from the search table alone). */
  ftsOnly: string | null;
  /** The status condition bounds last_inform: a range of devices_by_last_inform holds every match. */
  lastInformRange: boolean;
}

export interface FilterContext {
  now: Date;
  /** The positive periodic intervals stored (read only when a status is asked for). */
  intervals: () => number[];
}

// Trigram matching needs 3+ characters. A shorter query matches the START of the serial
// number, IP address or product class (indexed, migration 006) rather than scanning every
// device for a substring.
const SHORT_MATCH = `(${['serial_number', 'ip_address', 'product_class'].map((c) => `${c} LIKE @fPattern ESCAPE '\\'`).join(' OR ')})`;
const FTS_MATCH = 'seq IN (SELECT rowid FROM devices_search WHERE devices_search MATCH @fQ)';

function prefixPattern(q: string): string {
  return `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** An FTS5 phrase: the whole query as one quoted string (quotes doubled), i.e. a substring. */
export function ftsPhrase(q: string): string {
  return `"${q.replaceAll('"', '""')}"`;
}

/** Whether the filter narrows anything (an empty q does not). */
export function isEmptyFilter(filter: DeviceFilter): boolean {
  return (
    (filter.q ?? '').trim() === '' &&
    filter.param === undefined &&
    filter.status === undefined &&
    filter.model === undefined &&
    filter.firmware === undefined &&
    filter.tag === undefined &&
    filter.failing !== true &&
    filter.ids === undefined
  );
}

export function filterSql(filter: DeviceFilter, ctx: FilterContext): FilterSql {
  const parts: string[] = [];
  const params: Record<string, string | number> = {};
  const q = (filter.q ?? '').trim();
  let fts: string | null = null;
  if ([...q].length >= 3) {
    fts = ftsPhrase(q);
    params.fQ = fts;
    parts.push(FTS_MATCH);
  } else if (q !== '') {
    params.fPattern = prefixPattern(q);
    parts.push(SHORT_MATCH);
  }
  if (filter.param !== undefined && filter.value !== undefined) {
    // Exact value of one parameter, e.g. the device whose PPPoE username is 'bob'.
    params.fParam = filter.param;
    params.fValue = filter.value;
    parts.push('id IN (SELECT device_id FROM parameters WHERE path = @fParam AND value = @fValue)');
  }
  if (filter.status !== undefined) {
    const status = statusCondition(filter.status, ctx.now, ctx.intervals(), 'fSt');
    Object.assign(params, status.params);
    parts.push(status.sql);
  }
  // Exact text; the NOCASE comparison first lets the NOCASE sort index find the candidates.
  if (filter.model !== undefined) {
    params.fModel = filter.model;
    parts.push('(model_name COLLATE NOCASE = @fModel AND model_name = @fModel)');
  }
  if (filter.firmware !== undefined) {
    params.fFirmware = filter.firmware;
    parts.push('(software_version COLLATE NOCASE = @fFirmware AND software_version = @fFirmware)');
  }
  if (filter.tag !== undefined) {
    params.fTag = filter.tag;
    parts.push('id IN (SELECT device_id FROM device_tags WHERE tag = @fTag)');
  }
  if (filter.failing === true) {
    parts.push(`id IN (SELECT device_id FROM tasks WHERE status = 'fault')`);
  }
  if (filter.ids !== undefined) {
    params.fIds = JSON.stringify(filter.ids);
    parts.push('id IN (SELECT value FROM json_each(@fIds))');
  }
  return {
    where: parts.length === 0 ? '1' : parts.join(' AND '),
    params,
    all: parts.length === 0,
    ftsOnly: parts.length === 1 ? fts : null,
    lastInformRange: filter.status !== undefined,
  };
}
