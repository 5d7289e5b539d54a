// Scenario 'inform': periodic-session throughput against the ceiling. The same closed-loop
// driver runs against a bare node:http server with canned replies (the ceiling), against
// `serve` as a child process (the primary figure) and, optionally, against the ACS inside this
// process (driver and ACS share one event loop). The ceiling comparison runs serve with
// --cpe-auth none (the bare server checks no credentials either); two variants follow at one
// level: a new TCP connection per session, and serve's default Digest auth with a challenge
// per session. Afterwards the stored sessions are counted.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleAcs } from '../../../electron/core/acs.ts';
import { silentLogger } from '../../../electron/core/log.ts';
import { renderInform, type RenderedInform } from '../lib/cpe-bodies.ts';
import { closedLoop, type Credentials, type LoadRun, type LoadTarget } from '../lib/load.ts';
import type { BenchOptions } from '../lib/options.ts';
import { BENCH_CPE_CREDENTIALS, cpeAuthArgs, startBare, startServe, type ServeChild } from '../lib/processes.ts';
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
  /**
   * The most sessions/s serve could reach on this machine with its CPU per session as measured,
   * if its work and the driver's were spread perfectly over every core: cores divided by
   * (serve + driver) CPU seconds per session. Its ratio to bare bounds what any threading of
   * the same work could score; null when serve's CPU was not sampled.
   */
  machineBound: { sessionsPerSec: number; ratio: number } | null;
}

export interface InformVariant {
  label: string;
  concurrency: number;
  bare: LoadRun;
  serve: LoadRun;
  ratio: number;
}

export interface InformResult {
  parametersPerInform: number;
  informBytes: number;
  warmupSeconds: number;
  secondsPerLevel: number;
  /** Bare/serve pairs run per level and variant; the median-ratio pair is reported. */
  rounds: number;
  levels: InformLevel[];
  variants: InformVariant[];
  durability: {
    /** Sessions the driver completed against serve (each Inform acknowledged). */
    acknowledged: number;
    stored: StoredCounts;
    /** Every acknowledged Inform has its session row, and every session ended 'ok'. */
    allStored: boolean;
  };
}

function informsFor(level: number, tag: string): RenderedInform[][] {
  return Array.from({ length: level }, (_, w) =>
    Array.from({ length: DEVICES_PER_WORKER }, (_, d) => renderInform('127.0.0.1', `${tag}C${level}W${w}D${d}`, ['2 PERIODIC'])),
  );
}

const portOf = (url: string): number => Number(new URL(url).port);

export async function runInform(o: BenchOptions, log: (line: string) => void): Promise<InformResult> {
  const warmupSeconds = Math.min(1, Math.max(0.2, round(o.seconds / 5, 1)));
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-bench-inform-'));
  const children: { stop(): Promise<unknown> }[] = [];
  const inProc = o.inProcess ? await assembleAcs(inProcessConfig(join(dataDir, 'in-process'))) : null;
  try {
    const bare = await startBare();
    children.push(bare);
    const serve = await startServe(join(dataDir, 'serve'), cpeAuthArgs('none'));
    children.push(serve);
    const bareTarget: LoadTarget = { port: bare.port, pid: bare.pid };
    const serveTarget: LoadTarget = { port: portOf(serve.cwmpUrl), pid: serve.pid };
    let acknowledged = 0;
    // Bare and serve share the two cores with the driver, and a neighbour's load moves both:
    // each pair runs back to back, and of several pairs the one with the median ratio is kept.
    const compare = async (
      concurrency: number,
      tag: string,
      newConnection: boolean,
      against: LoadTarget,
      credentials?: Credentials,
    ): Promise<[LoadRun, LoadRun]> => {
      const spec = { concurrency, informs: informsFor(concurrency, tag), warmupSeconds, seconds: o.seconds, newConnection };
      const pairs: [LoadRun, LoadRun][] = [];
      for (let round = 0; round < o.rounds; round++) {
        const bareRun = await closedLoop({ ...spec, target: bareTarget });
        const serveRun = await closedLoop({ ...spec, target: against, credentials });
        if (against === serveTarget) acknowledged += serveRun.acknowledged;
        pairs.push([bareRun, serveRun]);
      }
      pairs.sort((a, b) => ratioOf(a[1], a[0]) - ratioOf(b[1], b[0]));
      const median = pairs[Math.floor((pairs.length - 1) / 2)];
      if (median === undefined) throw new Error('no inform round ran');
      return median;
    };
    const levels: InformLevel[] = [];
    for (const concurrency of o.levels) {
      const [bareRun, serveRun] = await compare(concurrency, 'P', false, serveTarget);
      const inRun =
        inProc === null
          ? null
          : await closedLoop({
              target: { port: portOf(inProc.acs.info.cwmpUrl), pid: null },
              concurrency,
              informs: informsFor(concurrency, 'I'),
              warmupSeconds,
              seconds: o.seconds,
              newConnection: false,
            });
      const ratio = ratioOf(serveRun, bareRun);
      const bound = machineBound(serveRun, bareRun);
      levels.push({ concurrency, bare: bareRun, serve: serveRun, inProcess: inRun, ratio, machineBound: bound });
      log(
        `  c=${concurrency}: bare ${bareRun.sessionsPerSec}/s, serve ${serveRun.sessionsPerSec}/s (p50 ${serveRun.latency.p50Ms} ms, ` +
          `p99 ${serveRun.latency.p99Ms} ms, server ${serveRun.serverCores} cores = ${cpuUsPerSession(serveRun) ?? '-'} us CPU per session)${inRun === null ? '' : `, in-process ${inRun.sessionsPerSec}/s`}, ratio ${ratio}` +
          (bound === null ? '' : `; all ${cpus().length} cores at this CPU per session: ${bound.sessionsPerSec}/s, ratio ${bound.ratio}`),
      );
    }
    const vc = Math.min(32, Math.max(...o.levels));
    const variants: InformVariant[] = [];
    const [bareNew, serveNew] = await compare(vc, 'N', true, serveTarget);
    variants.push({
      label: 'new TCP connection per session',
      concurrency: vc,
      bare: bareNew,
      serve: serveNew,
      ratio: ratioOf(serveNew, bareNew),
    });
    const digest: ServeChild = await startServe(join(dataDir, 'digest'), cpeAuthArgs('digest'));
    children.push(digest);
    const [bareD, serveD] = await compare(vc, 'D', false, { port: portOf(digest.cwmpUrl), pid: digest.pid }, BENCH_CPE_CREDENTIALS);
    variants.push({
      label: 'Digest auth (serve default), 401 challenge every session',
      concurrency: vc,
      bare: bareD,
      serve: serveD,
      ratio: ratioOf(serveD, bareD),
    });
    for (const v of variants)
      log(
        `  c=${v.concurrency}, ${v.label}: bare ${v.bare.sessionsPerSec}/s, serve ${v.serve.sessionsPerSec}/s (p99 ${v.serve.latency.p99Ms} ms), ratio ${v.ratio}`,
      );

    await serve.stop();
    const stored = countStored(join(dataDir, 'serve', 'deskacs.sqlite'));
    const allStored = stored.sessions === acknowledged && stored.okSessions === acknowledged;
    log(
      `  durability: ${acknowledged} sessions acknowledged by serve, ${stored.sessions} stored (${stored.okSessions} ok)${allStored ? '' : '  <-- MISMATCH'}`,
    );
    const sample = informsFor(1, 'S')[0]?.[0];
    return {
      parametersPerInform: sample?.parameters ?? 0,
      informBytes: sample?.bodyBytes ?? 0,
      warmupSeconds,
      secondsPerLevel: o.seconds,
      rounds: o.rounds,
      levels,
      variants,
      durability: { acknowledged, stored, allStored },
    };
  } finally {
    for (const c of children) await c.stop();
    await inProc?.acs.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** serve's CPU time per session (all its threads), less sensitive to a busy machine than sessions/s. */
export function cpuUsPerSession(run: LoadRun): number | null {
  return run.serverCores === null || run.sessionsPerSec === 0 ? null : Math.round((run.serverCores * 1e6) / run.sessionsPerSec);
}

export function machineBound(serve: LoadRun, bare: LoadRun, cores = cpus().length): InformLevel['machineBound'] {
  if (serve.serverCores === null || serve.sessionsPerSec === 0 || bare.sessionsPerSec === 0) return null;
  const cpuSecondsPerSession = (serve.serverCores + serve.driverCores) / serve.sessionsPerSec;
  const sessionsPerSec = Math.round(cores / cpuSecondsPerSession);
  return { sessionsPerSec, ratio: round(sessionsPerSec / bare.sessionsPerSec, 3) };
}

function ratioOf(serve: LoadRun, bare: LoadRun): number {
  return bare.sessionsPerSec === 0 ? 0 : round(serve.sessionsPerSec / bare.sessionsPerSec, 3);
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
    cpeAuth: { mode: 'none' },
    log: silentLogger,
  };
}
