// Scenario 'inform': periodic-session throughput against the ceiling. The same closed-loop
// driver runs against a bare node:http server with canned replies (the ceiling), against
// `serve` as a child process (the primary figure) and, optionally, against the ACS inside this
// process (driver and ACS share one event loop). Afterwards the stored sessions are counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleAcs } from '../../../electron/core/acs.ts';
import { silentLogger } from '../../../electron/core/log.ts';
import { renderInform } from '../lib/cpe-bodies.ts';
import { closedLoop, type LoadRun, type LoadTarget } from '../lib/load.ts';
import type { BenchOptions } from '../lib/options.ts';
import { startBare, startServe } from '../lib/processes.ts';
import { round } from '../lib/stats.ts';
import { countStored, type StoredCounts } from '../lib/stored.ts';

const DEVICES_PER_WORKER = 16;

export interface InformLevel {
  concurrency: number;
  bare: LoadRun;
  serve: LoadRun;
  inProcess: LoadRun | null;
  /** serve sessions/s divided by bare sessions/s. */
  ratio: number;
}

export interface InformResult {
  parametersPerInform: number;
  informBytes: number;
  warmupSeconds: number;
  secondsPerLevel: number;
  levels: InformLevel[];
  /** One level again with a new TCP connection per session, as most CPEs do. */
  newConnection: InformLevel;
  durability: {
    /** Sessions the driver completed against serve (each Inform acknowledged). */
    acknowledged: number;
    stored: StoredCounts;
    /** Every acknowledged Inform has its session row, and every session ended 'ok'. */
    allStored: boolean;
  };
}

function informsFor(level: number, tag: string): { informs: Buffer[][]; parameters: number; bytes: number } {
  let parameters = 0;
  let bytes = 0;
  const informs = Array.from({ length: level }, (_, w) =>
    Array.from({ length: DEVICES_PER_WORKER }, (_, d) => {
      const r = renderInform('127.0.0.1', `${tag}C${level}W${w}D${d}`, ['2 PERIODIC']);
      parameters = r.parameters;
      bytes = r.bodyBytes;
      return r.request;
    }),
  );
  return { informs, parameters, bytes };
}

export async function runInform(o: BenchOptions, log: (line: string) => void): Promise<InformResult> {
  const warmupSeconds = Math.max(0.5, round(o.seconds / 5, 1));
  const bare = await startBare();
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-bench-inform-'));
  const serve = await startServe(dataDir);
  const inProc = o.inProcess ? await assembleAcs(inProcessConfig(join(dataDir, 'in-process'))) : null;
  const targets = {
    bare: { port: bare.port, pid: bare.pid } satisfies LoadTarget,
    serve: { port: Number(new URL(serve.cwmpUrl).port), pid: serve.pid } satisfies LoadTarget,
    inProcess: inProc === null ? null : ({ port: Number(new URL(inProc.acs.info.cwmpUrl).port), pid: null } satisfies LoadTarget),
  };
  let acknowledged = 0;
  let meta = { parameters: 0, bytes: 0 };
  const level = async (concurrency: number, newConnection: boolean): Promise<InformLevel> => {
    const tag = newConnection ? 'N' : 'P';
    const { informs, parameters, bytes } = informsFor(concurrency, tag);
    meta = { parameters, bytes };
    const spec = { concurrency, informs, warmupSeconds, seconds: o.seconds, newConnection };
    const bareRun = await closedLoop({ ...spec, target: targets.bare });
    const serveRun = await closedLoop({ ...spec, target: targets.serve });
    acknowledged += serveRun.acknowledged;
    const inRun = targets.inProcess === null ? null : await closedLoop({ ...spec, target: targets.inProcess });
    const ratio = bareRun.sessionsPerSec === 0 ? 0 : round(serveRun.sessionsPerSec / bareRun.sessionsPerSec, 2);
    log(
      `  c=${concurrency}${newConnection ? ' (new connection per session)' : ''}: bare ${bareRun.sessionsPerSec}/s, ` +
        `serve ${serveRun.sessionsPerSec}/s (p50 ${serveRun.latency.p50Ms} ms, p99 ${serveRun.latency.p99Ms} ms, ` +
        `server ${serveRun.serverCores} cores)${inRun === null ? '' : `, in-process ${inRun.sessionsPerSec}/s`}, ratio ${ratio}`,
    );
    return { concurrency, bare: bareRun, serve: serveRun, inProcess: inRun, ratio };
  };
  try {
    const levels: InformLevel[] = [];
    for (const c of o.levels) levels.push(await level(c, false));
    const newConnection = await level(Math.min(32, Math.max(...o.levels)), true);
    await serve.stop();
    const stored = countStored(join(dataDir, 'deskacs.sqlite'));
    return {
      parametersPerInform: meta.parameters,
      informBytes: meta.bytes,
      warmupSeconds,
      secondsPerLevel: o.seconds,
      levels,
      newConnection,
      durability: { acknowledged, stored, allStored: stored.sessions === acknowledged && stored.okSessions === acknowledged },
    };
  } finally {
    await serve.stop();
    await bare.stop();
    await inProc?.acs.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function inProcessConfig(dataDir: string): Parameters<typeof assembleAcs>[0] {
  return {
    dataDir,
    cwmpHost: '127.0.0.1',
    cwmpPort: 0,
    httpHost: '127.0.0.1',
    httpPort: null,
    webRoot: null,
    sessionTimeoutMs: 30_000,
    maxConcurrentSessions: 1000,
    log: silentLogger,
  };
}
