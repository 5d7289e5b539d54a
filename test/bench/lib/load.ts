// The closed-loop load driver: N virtual CPEs, each running complete periodic sessions
// (Inform -> InformResponse, empty POST -> 204) back to back on its own connection.
import { AuthClient } from '../../../electron/core/http-auth/client.ts';
import { renderEmptyPost, type RenderedInform } from './cpe-bodies.ts';
import { procSample, selfCpuSeconds } from './processes.ts';
import { RawConnection, renderPost } from './raw-client.ts';
import { bump, round, summarise, type LatencySummary } from './stats.ts';

export interface SessionOutcome {
  /** HTTP status of the Inform's reply. */
  informStatus: number;
  /** HTTP status of the empty POST's reply (undefined when the Inform was refused). */
  endStatus?: number;
  retryAfter: string | null;
  /** The Inform was first answered with a 401 challenge. */
  challenged: boolean;
}

export class SessionFailure extends Error {}

export interface Credentials {
  username: string;
  password: string;
}

/**
 * One periodic session. With credentials it goes as most CPEs go: the Inform without them, the
 * 401 challenge, the Inform again with them, and the empty POST with them too. A 503 to the
 * Inform is returned, not thrown (the caller decides).
 */
export async function cpeSession(
  conn: RawConnection,
  inform: RenderedInform,
  host: string,
  credentials?: Credentials,
): Promise<SessionOutcome> {
  let first = await conn.request(inform.request);
  const auth = credentials === undefined ? undefined : new AuthClient(credentials.username, credentials.password);
  const challenged = first.status === 401;
  if (first.status === 401 && auth !== undefined && auth.accept(first.challenges)) {
    first = await conn.request(renderPost(host, '/', inform.body, `Authorization: ${auth.authorization('POST', '/') ?? ''}\r\n`));
  }
  if (first.status === 503) return { informStatus: 503, retryAfter: first.retryAfter, challenged };
  if (first.status !== 200 || first.body.indexOf('InformResponse') < 0) {
    throw new SessionFailure(`Inform answered with HTTP ${first.status}`);
  }
  const end = await conn.request(renderEmptyPost(host, first.cookie, auth?.authorization('POST', '/')));
  if (end.status !== 204) throw new SessionFailure(`empty POST answered with HTTP ${end.status}`);
  return { informStatus: 200, endStatus: 204, retryAfter: null, challenged };
}

export interface LoadTarget {
  port: number;
  /** Process to sample CPU of (a child), or null when it runs in this process. */
  pid: number | null;
}

export interface LoadRun {
  concurrency: number;
  /** Sessions completed in the measured window. */
  sessions: number;
  seconds: number;
  sessionsPerSec: number;
  latency: LatencySummary;
  errors: Record<string, number>;
  /** Cores the server used in the window (1 = one core busy), from /proc; null in-process. */
  serverCores: number | null;
  /** Cores this (driver) process used in the window. */
  driverCores: number;
  /** Sessions completed in total, warm-up included: each is one Inform the server acknowledged. */
  acknowledged: number;
}

export interface LoadSpec {
  target: LoadTarget;
  concurrency: number;
  /** Pre-rendered Inform requests per worker; a worker cycles through its own devices. */
  informs: readonly (readonly RenderedInform[])[];
  warmupSeconds: number;
  seconds: number;
  /** Open a new TCP connection for every session (as CPEs do) instead of keeping it alive. */
  newConnection: boolean;
  credentials?: Credentials;
}

const HOST = '127.0.0.1';

export async function closedLoop(spec: LoadSpec): Promise<LoadRun> {
  let phase: 'warmup' | 'measure' | 'stop' = 'warmup';
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  let acknowledged = 0;
  const worker = async (w: number): Promise<void> => {
    const conn = new RawConnection(HOST, spec.target.port);
    const mine = spec.informs[w % spec.informs.length] ?? [];
    for (let i = 0; phase !== 'stop'; i++) {
      const inform = mine[i % mine.length];
      if (inform === undefined) throw new Error(`worker ${w} has no devices`);
      const started = performance.now();
      try {
        const out = await cpeSession(conn, inform, HOST, spec.credentials);
        if (out.endStatus === 204) acknowledged++;
        else bump(errors, `HTTP ${out.informStatus}`);
        if (phase === 'measure' && out.endStatus === 204) latencies.push(performance.now() - started);
      } catch (err) {
        bump(errors, err instanceof Error ? err.message : String(err));
        conn.close();
      }
      if (spec.newConnection) conn.close();
    }
    conn.close();
  };
  const workers = Array.from({ length: spec.concurrency }, (_, w) => worker(w));
  await sleep(spec.warmupSeconds * 1000);
  phase = 'measure';
  const t0 = performance.now();
  const cpu0 = selfCpuSeconds();
  const server0 = spec.target.pid === null ? null : procSample(spec.target.pid).cpuSeconds;
  await sleep(spec.seconds * 1000);
  const count = latencies.length;
  const elapsed = (performance.now() - t0) / 1000;
  const driverCores = (selfCpuSeconds() - cpu0) / elapsed;
  const serverCores = server0 === null || spec.target.pid === null ? null : (procSample(spec.target.pid).cpuSeconds - server0) / elapsed;
  phase = 'stop';
  await Promise.all(workers);
  return {
    concurrency: spec.concurrency,
    sessions: count,
    seconds: round(elapsed, 2),
    sessionsPerSec: round(count / elapsed, 0),
    latency: summarise(latencies.slice(0, count)),
    errors,
    serverCores: serverCores === null ? null : round(serverCores, 2),
    driverCores: round(driverCores, 2),
    acknowledged,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
