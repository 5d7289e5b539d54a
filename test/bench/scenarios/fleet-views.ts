// Part of scenario 'fleet': the device list sorted server-side (first page, the keyset page after
// it, and a keyset page from the middle of the list), with and without a status filter, and the
// overview, through the HTTP API of `serve` with the fleet's 100k devices.
//
// The cached fleet informed over one day before it was built, so by now every device would be
// offline. Before serve starts, last contacts are set relative to now, as a live fleet's are:
// 90 % online, 1 % late (the narrow plan: matches found through the filter and sorted), the
// rest left as built (offline).
import Database from 'better-sqlite3';
import { type ApiClient, field } from '../lib/api-client.ts';
import type { BenchOptions } from '../lib/options.ts';
import { summarise } from '../lib/stats.ts';
import type { QueryFigure } from './fleet.ts';

const WARMUP = 3;

/** Sets last_inform relative to now: seq % 100 = 0 late (2 h ago), other seq % 10 <> 0 online. */
export function refreshLastContacts(dbPath: string): { online: number; late: number } {
  const db = new Database(dbPath);
  try {
    const now = Date.now();
    const iso = (ms: number): string => new Date(ms).toISOString();
    return db.transaction(() => {
      const late = db.prepare('UPDATE devices SET last_inform = ? WHERE seq % 100 = 0').run(iso(now - 2 * 3_600_000)).changes;
      const online = db
        .prepare(`UPDATE devices SET last_inform = strftime('%Y-%m-%dT%H:%M:%fZ', ? - (seq % 1800), 'unixepoch') WHERE seq % 10 <> 0`)
        .run(Math.floor(now / 1000)).changes;
      return { online, late };
    })();
  } finally {
    db.close();
  }
}

export async function timeFleetViews(api: ApiClient, o: BenchOptions): Promise<Record<string, QueryFigure>> {
  const calls = Math.min(o.fleetQueries, 40);
  const queries: Record<string, QueryFigure> = {};
  const time = async (label: string, path: () => string, check: (json: unknown) => boolean): Promise<void> => {
    const samples: number[] = [];
    let matches = 0;
    for (let k = 0; k < calls + WARMUP; k++) {
      const p = path();
      const reply = await api.get(p);
      if (reply.status !== 200 || !check(reply.json))
        throw new Error(`${label}: unexpected answer to ${p}: HTTP ${reply.status} ${JSON.stringify(reply.json).slice(0, 300)}`);
      if (k >= WARMUP) samples.push(reply.ms);
      matches = Number(field(reply.json, 'total') ?? field(reply.json, 'devices') ?? 0);
    }
    queries[label] = { ...summarise(samples), matches, via: 'HTTP API' };
  };
  const page = (json: unknown): boolean => Array.isArray(field(json, 'items')) && (field(json, 'items') as unknown[]).length > 0;
  /** The cursor after the page at `path`, or null when it is the last page. */
  const cursorOf = async (path: string): Promise<string | null> => {
    const next = field((await api.get(path)).json, 'next');
    return typeof next === 'string' ? encodeURIComponent(next) : null;
  };
  const mid = Math.floor(o.fleetDevices / 2);
  for (const [sortLabel, sort] of [
    ['serial', 'sort=serialNumber&order=asc'],
    ['last contact', 'sort=lastInform&order=desc'],
  ] as const) {
    for (const [statusLabel, status] of [
      ['', ''],
      [', online', '&status=online'],
      [', late', '&status=late'],
    ] as const) {
      const base = `/api/devices?${sort}${status}&limit=50`;
      await time(`sorted by ${sortLabel}${statusLabel}: first page`, () => base, page);
      const second = await cursorOf(base);
      if (second !== null) await time(`sorted by ${sortLabel}${statusLabel}: next page (cursor)`, () => `${base}&after=${second}`, page);
      const deep = status === '&status=late' ? null : await cursorOf(`${base}&offset=${mid}`);
      if (deep !== null) await time(`sorted by ${sortLabel}${statusLabel}: page at ${mid} (cursor)`, () => `${base}&after=${deep}`, page);
    }
  }
  await time(
    'overview',
    () => '/api/overview',
    (json) => Number(field(json, 'devices')) > 0,
  );
  return queries;
}
