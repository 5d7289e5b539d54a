// Scenario 'fleet': a store with many devices (100k by default, ~30 parameters each), served by
// `serve` as a child process; the latency of real API requests (search by serial, IP, model;
// list pages; one device; its parameters; a parameter's exact value), the database size and
// the server's memory. The value search is also timed on the store alone
// (store.parameters.findDeviceIds, index parameters_by_path_value), to separate its cost from HTTP.
import { openStore } from '../../../electron/core/store/index.ts';
import { ApiClient, field } from '../lib/api-client.ts';
import {
  fleetDatabase,
  fleetDeviceId,
  fleetIp,
  fleetModel,
  fleetSerial,
  fleetSsid,
  fleetSsidPath,
  SOFTWARE_VERSIONS,
} from '../lib/fleet-data.ts';
import type { BenchOptions } from '../lib/options.ts';
import { cpeAuthArgs, procSample, startServe } from '../lib/processes.ts';
import { mib, round, summarise, type LatencySummary } from '../lib/stats.ts';
import { countStored, databaseBytes } from '../lib/stored.ts';
import { refreshLastContacts, timeFleetViews } from './fleet-views.ts';

const WARMUP = 5;

export interface QueryFigure extends LatencySummary {
  /** Median of the answers' total matches (1 for a search that finds one device). */
  matches: number;
  via: 'HTTP API' | 'store directly';
}

export interface FleetResult {
  devices: number;
  parametersPerDevice: number;
  parameterRows: number;
  cached: boolean;
  populateSeconds: number;
  databaseMiB: number;
  queries: Record<string, QueryFigure>;
  serveRssMiB: { afterStart: number; afterQueries: number; peak: number };
  /** Slowest p99 of the search queries (serial, IP, value), against the 50 ms target. */
  searchP99Ms: number;
}

/** Search by parameter value on the store alone (same SQLite file), without the HTTP cost. */
function searchByValue(dbPath: string, o: BenchOptions): Record<string, QueryFigure> {
  const queries: Record<string, QueryFigure> = {};
  const store = openStore({ path: dbPath });
  try {
    const byValue = (label: string, run: (i: number) => string[], ok: (found: string[], i: number) => boolean): void => {
      const samples: number[] = [];
      const totals: number[] = [];
      for (const [k, i] of picks(o.fleetQueries + WARMUP, o.fleetDevices).entries()) {
        const t0 = performance.now();
        const found = run(i);
        const ms = performance.now() - t0;
        if (!ok(found, i)) throw new Error(`${label}: device ${i} not found`);
        if (k >= WARMUP) samples.push(ms);
        totals.push(found.length);
      }
      queries[label] = { ...summarise(samples), matches: summarise(totals).p50Ms, via: 'store directly' };
    };
    byValue(
      'search: parameter value (SSID, unique)',
      (i) => store.parameters.findDeviceIds(fleetSsidPath(i), fleetSsid(i), 50),
      (f, i) => f.includes(fleetDeviceId(i)),
    );
    byValue(
      'search: parameter value (SoftwareVersion, 1/4 of devices, 50)',
      (i) =>
        store.parameters.findDeviceIds(
          `${fleetModel(i).root}DeviceInfo.SoftwareVersion`,
          SOFTWARE_VERSIONS[i % SOFTWARE_VERSIONS.length] ?? '',
          50,
        ),
      (f) => f.length > 0,
    );
  } finally {
    store.close();
  }
  return queries;
}

/** Spread-out device numbers, the same on every run. */
function picks(n: number, devices: number): number[] {
  return Array.from({ length: n }, (_, k) => (k * 7919 + 13) % devices);
}

export async function runFleet(o: BenchOptions, log: (line: string) => void): Promise<FleetResult> {
  const db = fleetDatabase(o.fleetDevices, log);
  const stored = countStored(db.dbPath);
  log(
    `  ${stored.devices} devices, ${stored.parameters} parameter rows; ${db.cached ? 'cached database' : 'populated'} (${round(db.populateSeconds, 1)} s to populate)`,
  );
  const contacts = refreshLastContacts(db.dbPath);
  log(`  last contacts set relative to now: ${contacts.online} online, ${contacts.late} late, the rest offline`);
  const serve = await startServe(db.dataDir, cpeAuthArgs('none'));
  const api = new ApiClient(serve.apiUrl, serve.token);
  const queries: Record<string, QueryFigure> = {};
  try {
    const afterStart = procSample(serve.pid).rssBytes;
    const time = async (label: string, pathFor: (i: number) => string, check: (json: unknown, i: number) => boolean): Promise<void> => {
      const samples: number[] = [];
      const totals: number[] = [];
      const ids = picks(o.fleetQueries + WARMUP, o.fleetDevices);
      for (const [k, i] of ids.entries()) {
        const reply = await api.get(pathFor(i));
        if (reply.status !== 200 || !check(reply.json, i))
          throw new Error(`${label}: unexpected answer to ${pathFor(i)}: HTTP ${reply.status} ${JSON.stringify(reply.json).slice(0, 300)}`);
        if (k >= WARMUP) samples.push(reply.ms);
        totals.push(Number(field(reply.json, 'total') ?? (Array.isArray(reply.json) ? reply.json.length : 1)));
      }
      queries[label] = { ...summarise(samples), matches: summarise(totals).p50Ms, via: 'HTTP API' };
    };
    const items = (json: unknown): unknown[] => {
      const list = field(json, 'items');
      return Array.isArray(list) ? list : [];
    };
    const has = (json: unknown, i: number): boolean => items(json).some((d) => field(d, 'serialNumber') === fleetSerial(i));
    const q = (text: string, extra = ''): string => `/api/devices?q=${encodeURIComponent(text)}${extra}`;
    await time('search: serial (exact)', (i) => q(fleetSerial(i)), has);
    await time(
      'search: serial (substring, 6 chars)',
      (i) => q(fleetSerial(i).slice(-6)),
      (j) => items(j).length > 0,
    );
    // An IP is a substring search too: 10.0.54.2 also finds 10.0.54.20-29 and 200-255.
    await time(
      'search: IP address',
      (i) => q(fleetIp(i)),
      (j) => items(j).length > 0,
    );
    await time(
      'search: model, broad (1/3 of devices), first page',
      (i) => q(fleetModel(i).productClass),
      (j) => items(j).length === 50,
    );
    // 1-2 characters match the start of serial, IP or product class (indexed); 'FL' starts every
    // serial here: the worst case, every device matches.
    await time(
      'search: 2-character prefix (every device matches)',
      () => q('FL'),
      (j) => items(j).length === 50,
    );
    await time(
      'search: parameter value via API (SSID, unique)',
      (i) => `/api/devices?param=${encodeURIComponent(fleetSsidPath(i))}&value=${encodeURIComponent(fleetSsid(i))}`,
      has,
    );
    await time(
      'list: first page (50, newest first)',
      () => '/api/devices?limit=50',
      (j) => items(j).length === 50,
    );
    const mid = Math.floor(o.fleetDevices / 2);
    await time(
      `list: deep page (offset ${mid})`,
      () => `/api/devices?offset=${mid}&limit=50`,
      (j) => items(j).length === 50,
    );
    const last = Math.max(0, o.fleetDevices - 50);
    await time(
      `list: last page (offset ${last})`,
      () => `/api/devices?offset=${last}&limit=50`,
      (j) => items(j).length > 0,
    );
    await time(
      'device: detail',
      (i) => `/api/devices/${encodeURIComponent(fleetDeviceId(i))}`,
      (j, i) => field(j, 'serialNumber') === fleetSerial(i),
    );
    await time(
      'device: all parameters',
      (i) => `/api/devices/${encodeURIComponent(fleetDeviceId(i))}/parameters`,
      (j) => Array.isArray(j) && j.length > 0,
    );
    Object.assign(queries, await timeFleetViews(api, o));
    const afterQueries = procSample(serve.pid);

    Object.assign(queries, searchByValue(db.dbPath, o));
    const searchP99Ms = Math.max(
      ...Object.entries(queries)
        .filter(([k]) => /^search: (serial \(exact\)|IP|parameter value|2-character)/.test(k))
        .map(([, v]) => v.p99Ms),
    );
    const result: FleetResult = {
      devices: stored.devices,
      parametersPerDevice: db.parametersPerDevice,
      parameterRows: stored.parameters,
      cached: db.cached,
      populateSeconds: round(db.populateSeconds, 1),
      databaseMiB: mib(databaseBytes(db.dbPath)),
      queries,
      serveRssMiB: { afterStart: mib(afterStart), afterQueries: mib(afterQueries.rssBytes), peak: mib(afterQueries.peakRssBytes) },
      searchP99Ms,
    };
    for (const [k, v] of Object.entries(queries))
      log(`    ${k}: p50 ${v.p50Ms} ms, p99 ${v.p99Ms} ms (${v.matches} matches${v.via === 'HTTP API' ? '' : ', store'})`);
    log(
      `  database ${result.databaseMiB} MiB; serve RSS ${result.serveRssMiB.afterQueries} MiB after queries (peak ${result.serveRssMiB.peak} MiB)`,
    );
    return result;
  } finally {
    api.close();
    await serve.stop();
  }
}
