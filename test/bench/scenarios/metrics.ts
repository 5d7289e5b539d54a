// Scenario 'metrics': what health metrics cost on disk, measured. N devices with 10 series each
// (WAN rx/tx, Wi-Fi clients on two bands, uptime, CPU, free memory, optical RX/TX, signal),
// sampled every 5 minutes for 30 days through the real repository, then the real downsampling
// and pruning pass (MetricsService.maintain: hourly min/avg/max/last, raw kept 7 days). Sizes
// come from SQLite's dbstat (pages used by each table and index, as on disk):
//   hourly bytes per device per year = hourly bytes for the 30 days x 365/30
//   raw window per device = raw bytes after pruning to 7 days
//   steady state per device = 13 months of hourly + the 7-day raw window
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { silentLogger } from '../../../electron/core/log.ts';
import { MetricsService } from '../../../electron/core/services/metrics/service.ts';
import { openStore } from '../../../electron/core/store/index.ts';
import { fleetInform, fleetIp } from '../lib/fleet-data.ts';
import type { BenchOptions } from '../lib/options.ts';
import { round } from '../lib/stats.ts';

const SERIES = [
  'wan.rx',
  'wan.tx',
  'wifi.clients:2.4 GHz',
  'wifi.clients:5 GHz',
  'uptime',
  'cpu',
  'memory.free',
  'optical.rxPower',
  'optical.txPower',
  'radio.signal',
];
const DAYS = 30;
const STEP_SECONDS = 300;

export interface MetricsResult {
  devices: number;
  seriesPerDevice: number;
  samplesPerSeriesPerDay: number;
  rawRowsWritten: number;
  writeRowsPerSec: number;
  downsampleSeconds: number;
  /** Bytes per raw sample and per hourly row (table pages / rows). */
  bytesPerRawSample: number;
  bytesPerHourlyRow: number;
  rawWindowBytesPerDevice: number;
  hourlyBytesPerDevicePerYear: number;
  steadyStateBytesPerDevice: number;
}

function tableBytes(dbPath: string): Map<string, number> {
  // dbstat reads the file's pages; a separate read-only connection sees the committed state.
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db
      .prepare<[], { name: string; bytes: number }>(
        "SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'metric%' OR name LIKE 'sqlite_autoindex_metric%' GROUP BY name",
      )
      .all();
    return new Map(rows.map((r) => [r.name, r.bytes]));
  } finally {
    db.close();
  }
}

export async function runMetrics(o: BenchOptions, log: (line: string) => void): Promise<MetricsResult> {
  const devices = o.quick ? 3 : o.metricsDevices;
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-bench-metrics-'));
  const dbPath = join(dir, 'acs.sqlite');
  const end = Date.parse('2026-06-01T00:00:00Z');
  let nowMs = end;
  const store = openStore({ path: dbPath });
  try {
    const ids: string[] = [];
    store.transaction(() => {
      for (let i = 0; i < devices; i++) {
        const at = new Date(end - DAYS * 86_400_000);
        ids.push(
          store.informs.record({ inform: fleetInform(i, at), remoteAddress: fleetIp(i), cwmpVersion: '1.0', at, warnings: [] }).deviceId,
        );
      }
    });
    const perDay = 86_400 / STEP_SECONDS;
    const t0 = performance.now();
    let rows = 0;
    for (const [d, id] of ids.entries()) {
      const series = SERIES.map((s) => {
        const [metric = s, part = ''] = s.split(':');
        return store.metrics.seriesId(id, metric, part);
      });
      store.transaction(() => {
        for (let step = 0; step < DAYS * perDay; step++) {
          const t = Math.floor((end - DAYS * 86_400_000) / 1000) + step * STEP_SECONDS;
          series.forEach((sid, k) => {
            // Plausible values: rates in bit/s with decimals, small counts, dBm with one decimal.
            const v =
              k < 2
                ? 1e6 * (5 + 3 * Math.sin((step + d) / 40) + k)
                : k < 4
                  ? (step + k) % 7
                  : k === 4
                    ? step * STEP_SECONDS
                    : -20 - ((step * 7 + k) % 50) / 10;
            store.metrics.add(sid, t, v);
          });
          rows += series.length;
        }
      });
    }
    const writeSeconds = (performance.now() - t0) / 1000;
    const service = new MetricsService({ store, log: silentLogger, now: () => new Date(nowMs) });
    const d0 = performance.now();
    nowMs = end;
    await service.maintain(async () => {});
    const downsampleSeconds = (performance.now() - d0) / 1000;
    const sizes = tableBytes(dbPath);
    const rawBytes = sizes.get('metric_raw') ?? 0;
    const hourlyBytes = sizes.get('metric_daily') ?? 0;
    const seriesBytes = (sizes.get('metric_series') ?? 0) + (sizes.get('sqlite_autoindex_metric_series_1') ?? 0);
    const rawRowsLeft = devices * SERIES.length * 7 * perDay;
    const hourlyRowsStored = devices * SERIES.length * DAYS * 24;
    const rawWindowBytesPerDevice = rawBytes / devices;
    const hourlyBytesPerDevicePerYear = (hourlyBytes / devices) * (365 / DAYS);
    const result: MetricsResult = {
      devices,
      seriesPerDevice: SERIES.length,
      samplesPerSeriesPerDay: perDay,
      rawRowsWritten: rows,
      writeRowsPerSec: Math.round(rows / writeSeconds),
      downsampleSeconds: round(downsampleSeconds, 2),
      bytesPerRawSample: round(rawBytes / rawRowsLeft, 1),
      bytesPerHourlyRow: round(hourlyBytes / hourlyRowsStored, 1),
      rawWindowBytesPerDevice: Math.round(rawWindowBytesPerDevice),
      hourlyBytesPerDevicePerYear: Math.round(hourlyBytesPerDevicePerYear),
      steadyStateBytesPerDevice: Math.round(rawWindowBytesPerDevice + hourlyBytesPerDevicePerYear * (13 / 12) + seriesBytes / devices),
    };
    log(
      `   ${devices} devices x ${SERIES.length} series, ${DAYS} days at ${STEP_SECONDS} s: ${rows} samples ` +
        `(${result.writeRowsPerSec}/s), downsampled and pruned in ${result.downsampleSeconds} s`,
    );
    log(
      `   bytes/device/year (hourly): ${result.hourlyBytesPerDevicePerYear}; raw 7-day window: ${result.rawWindowBytesPerDevice}; ` +
        `steady state (13 months hourly + 7 days raw): ${result.steadyStateBytesPerDevice}`,
    );
    return result;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
