// Scenario 'storm': N distinct devices bootstrap at once ('0 BOOTSTRAP' + '1 BOOT'), many more
// at a time than serve's --max-sessions, so the listener's bound answers 503 + Retry-After. A
// refused device waits exactly as long as Retry-After says and tries again, as TR-069 3.2.3
// asks of a CPE. Each attempt is a new TCP connection, as each device is its own host, and
// authenticates with Digest (serve's default) after the 401 challenge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderInform } from '../lib/cpe-bodies.ts';
import { cpeSession, sleep } from '../lib/load.ts';
import type { BenchOptions } from '../lib/options.ts';
import { BENCH_CPE_CREDENTIALS, cpeAuthArgs, procSample, startServe } from '../lib/processes.ts';
import { RawConnection } from '../lib/raw-client.ts';
import { bump, mib, round, summarise, type LatencySummary } from '../lib/stats.ts';
import { countStored, databaseBytes, type StoredCounts } from '../lib/stored.ts';

const MAX_ATTEMPTS = 50;

export interface StormResult {
  devices: number;
  concurrency: number;
  maxSessions: number;
  /** HTTP statuses of the Informs: '401 (Digest challenge)', '200', '503', anything else. */
  informStatuses: Record<string, number>;
  /** HTTP statuses of the empty POSTs that followed an accepted Inform. */
  endStatuses: Record<string, number>;
  /** Failures that were not an HTTP status (connection reset ...), by message. */
  errors: Record<string, number>;
  retryAfterSeconds: number[];
  /** Devices that never got in (MAX_ATTEMPTS). */
  gaveUp: number;
  drainSeconds: number;
  devicesPerSec: number;
  /** Accepted sessions, Inform to 204. */
  sessionLatency: LatencySummary;
  stored: StoredCounts;
  allRegistered: boolean;
  /** No 5xx other than 503, and every 503 carried Retry-After. */
  onlyDeliberate5xx: boolean;
  serveRssMiB: number;
  databaseMiB: number;
}

export async function runStorm(o: BenchOptions, log: (line: string) => void): Promise<StormResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-bench-storm-'));
  const serve = await startServe(dataDir, ['--max-sessions', String(o.stormMaxSessions), ...cpeAuthArgs('digest')]);
  const port = Number(new URL(serve.cwmpUrl).port);
  const informStatuses: Record<string, number> = {};
  const endStatuses: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const retryAfter = new Set<number>();
  const latencies: number[] = [];
  let missingRetryAfter = 0;
  let gaveUp = 0;
  let next = 0;
  const bootstrap = async (serial: string): Promise<void> => {
    const inform = renderInform('127.0.0.1', serial, ['0 BOOTSTRAP', '1 BOOT']);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const conn = new RawConnection('127.0.0.1', port);
      const started = performance.now();
      try {
        const out = await cpeSession(conn, inform, '127.0.0.1', BENCH_CPE_CREDENTIALS);
        if (out.challenged) bump(informStatuses, '401 (Digest challenge)');
        bump(informStatuses, String(out.informStatus));
        if (out.endStatus !== undefined) {
          bump(endStatuses, String(out.endStatus));
          latencies.push(performance.now() - started);
          return;
        }
        const seconds = out.retryAfter === null ? NaN : Number(out.retryAfter);
        if (!Number.isFinite(seconds)) missingRetryAfter++;
        else retryAfter.add(seconds);
        await sleep((Number.isFinite(seconds) ? seconds : 10) * 1000);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const status = /HTTP (\d+)/.exec(message)?.[1];
        if (status !== undefined) bump(message.startsWith('Inform') ? informStatuses : endStatuses, status);
        else bump(errors, message);
        await sleep(1000);
      } finally {
        conn.close();
      }
    }
    gaveUp++;
  };
  const t0 = performance.now();
  try {
    const worker = async (): Promise<void> => {
      for (let i = next++; i < o.stormDevices; i = next++) await bootstrap(`STORM${String(i).padStart(6, '0')}`);
    };
    await Promise.all(Array.from({ length: Math.min(o.stormConcurrency, o.stormDevices) }, worker));
    const drainSeconds = (performance.now() - t0) / 1000;
    const rss = procSample(serve.pid).rssBytes;
    await serve.stop();
    const dbPath = join(dataDir, 'deskacs.sqlite');
    const stored = countStored(dbPath);
    const other5xx = Object.entries({ ...informStatuses, ...endStatuses }).some(([s, n]) => s.startsWith('5') && s !== '503' && n > 0);
    const result: StormResult = {
      devices: o.stormDevices,
      concurrency: o.stormConcurrency,
      maxSessions: o.stormMaxSessions,
      informStatuses,
      endStatuses,
      errors,
      retryAfterSeconds: [...retryAfter].sort((a, b) => a - b),
      gaveUp,
      drainSeconds: round(drainSeconds, 2),
      devicesPerSec: round(o.stormDevices / drainSeconds, 0),
      sessionLatency: summarise(latencies),
      stored,
      allRegistered:
        stored.devices === o.stormDevices && stored.bootstrapDevices === o.stormDevices && stored.okSessions === o.stormDevices,
      onlyDeliberate5xx: !other5xx && (endStatuses['503'] ?? 0) === 0 && missingRetryAfter === 0,
      serveRssMiB: mib(rss),
      databaseMiB: mib(databaseBytes(dbPath)),
    };
    log(
      `  ${o.stormDevices} devices, ${o.stormConcurrency} at once, --max-sessions ${o.stormMaxSessions}: drained in ${result.drainSeconds} s ` +
        `(${result.devicesPerSec}/s); Informs ${JSON.stringify(informStatuses)}, empty POSTs ${JSON.stringify(endStatuses)}; ` +
        `stored ${stored.devices} devices, ${stored.bootstrapDevices} bootstraps`,
    );
    return result;
  } finally {
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
