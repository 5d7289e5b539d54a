// Scenario 'discovery': complete refreshes of devices at real size. Each simulated device is
// built from a 5,000+-parameter dump in ../shared/cwmp/datamodels, bootstraps, gets a refresh
// task through the API, and runs the session that carries it out (GetParameterNames of the
// whole tree, then GetParameterValues). serve runs as a child process with its default Digest
// auth; its CPU time (from /proc) is the ACS's share, this process's CPU time the simulator's.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { deviceIdOf } from '../../../electron/core/store/index.ts';
import { deviceIdentity, loadCsvModel, startSimulator } from '../../../electron/simulator/index.ts';
import { ApiClient, field } from '../lib/api-client.ts';
import type { BenchOptions } from '../lib/options.ts';
import { BENCH_CPE_CREDENTIALS, cpeAuthArgs, procSample, repoRoot, selfCpuSeconds, startServe } from '../lib/processes.ts';
import { mib, round, summarise, type LatencySummary } from '../lib/stats.ts';
import { databaseBytes } from '../lib/stored.ts';

const DATAMODELS = resolve(repoRoot, '../shared/cwmp/datamodels');
const DUMPS = [
  'device-1C61B4-EX220-2226469000523.csv',
  'device-eg8145x6-has-mesh.csv',
  'device-eg8145x6-no-mesh.csv',
  'device-eg8145x6-no-root-mesh.csv',
];

/**
 * The task that refreshes a whole device. It is the 'refresh' task type (GetParameterNames of
 * the root, then GetParameterValues of the root as a partial path, or in batches when the CPE
 * refuses that). To benchmark another way of discovering, change this one line.
 */
const REFRESH_TASK = { name: 'refresh', path: '' } as const;

export interface DiscoveryResult {
  skipped: string | null;
  devices: number;
  concurrency: number;
  models: { file: string; nodes: number; parameters: number }[];
  /** Refresh sessions that ended well with the whole tree stored. */
  complete: number;
  /** Wall time of the refresh session per device. */
  perDevice: LatencySummary;
  /** HTTP round trips (POSTs, the 401 challenge included) per refresh session. */
  roundTripsPerDevice: number;
  rpcsPerDevice: Record<string, number>;
  msPerRoundTrip: number;
  /** Parameter rows stored per device (objects and parameters). */
  rowsPerDevice: number;
  /** Rows upserted (names, then values) per second of refresh wall time. */
  rowsWrittenPerSec: number;
  /** CPU seconds per device: serve (the ACS) and this process (simulator + HTTP client). */
  acsCpuMsPerDevice: number;
  simulatorCpuMsPerDevice: number;
  bootstrapMsPerDevice: number;
  totalSeconds: number;
  databaseMiB: number;
  serveRssMiB: number;
}

function skipped(reason: string, o: BenchOptions): DiscoveryResult {
  const zero = summarise([]);
  return {
    skipped: reason,
    devices: 0,
    concurrency: o.discoveryConcurrency,
    models: [],
    complete: 0,
    perDevice: zero,
    roundTripsPerDevice: 0,
    rpcsPerDevice: {},
    msPerRoundTrip: 0,
    rowsPerDevice: 0,
    rowsWrittenPerSec: 0,
    acsCpuMsPerDevice: 0,
    simulatorCpuMsPerDevice: 0,
    bootstrapMsPerDevice: 0,
    totalSeconds: 0,
    databaseMiB: 0,
    serveRssMiB: 0,
  };
}

export async function runDiscovery(o: BenchOptions, log: (line: string) => void): Promise<DiscoveryResult> {
  if (!existsSync(DATAMODELS)) {
    const reason = `skipped: ${DATAMODELS} not found (the real device dumps live in ../shared/cwmp/datamodels)`;
    log(`  ${reason}`);
    return skipped(reason, o);
  }
  const models = DUMPS.filter((f) => existsSync(join(DATAMODELS, f))).map((f) => ({
    file: f,
    model: loadCsvModel(readFileSync(join(DATAMODELS, f), 'utf8')),
  }));
  if (models.length === 0) return skipped(`skipped: none of ${DUMPS.join(', ')} in ${DATAMODELS}`, o);
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-bench-discovery-'));
  const serve = await startServe(dataDir, cpeAuthArgs('digest'));
  const api = new ApiClient(serve.apiUrl, serve.token);
  const walls: number[] = [];
  const rpcs: Record<string, number> = {};
  let roundTrips = 0;
  let rows = 0;
  let complete = 0;
  let acsCpu = 0;
  let simCpu = 0;
  let bootMs = 0;
  let next = 0;
  const t0 = performance.now();
  try {
    const one = async (i: number): Promise<void> => {
      const base = models[i % models.length]?.model;
      if (base === undefined) throw new Error('no model');
      const sim = await startSimulator({
        acsUrl: serve.cwmpUrl,
        model: base,
        serial: `DISC${String(i).padStart(5, '0')}`,
        autoSessions: false,
        connectionRequest: false,
        username: BENCH_CPE_CREDENTIALS.username,
        password: BENCH_CPE_CREDENTIALS.password,
        timeoutMs: 120_000,
      });
      try {
        const b0 = performance.now();
        const boot = await sim.runSession();
        bootMs += performance.now() - b0;
        if (!boot.ok) throw new Error(`bootstrap of ${sim.serial} failed: ${boot.error ?? '?'}`);
        const id = deviceIdOf(deviceIdentity(sim.model));
        const queued = await api.post(`/api/devices/${encodeURIComponent(id)}/tasks`, { task: REFRESH_TASK });
        if (queued.status !== 200)
          throw new Error(`queueing the refresh of ${id} failed: HTTP ${queued.status} ${JSON.stringify(queued.json)}`);
        const acs0 = procSample(serve.pid).cpuSeconds;
        const sim0 = selfCpuSeconds();
        const w0 = performance.now();
        const report = await sim.runSession(['6 CONNECTION REQUEST']);
        walls.push(performance.now() - w0);
        acsCpu += procSample(serve.pid).cpuSeconds - acs0;
        simCpu += selfCpuSeconds() - sim0;
        roundTrips += report.statuses.length;
        for (const r of report.rpcs) rpcs[r] = (rpcs[r] ?? 0) + 1;
        const detail = await api.get(`/api/devices/${encodeURIComponent(id)}`);
        const stored = Number(field(detail.json, 'parameterCount') ?? 0);
        rows += stored;
        if (report.ok && stored === sim.model.size) complete++;
        else
          log(
            `  ${sim.serial}: refresh ${report.ok ? 'ended' : `failed (${report.error ?? '?'})`}, ${stored} of ${sim.model.size} rows stored`,
          );
      } finally {
        await sim.close();
      }
    };
    const worker = async (): Promise<void> => {
      for (let i = next++; i < o.discoveryDevices; i = next++) await one(i);
    };
    await Promise.all(Array.from({ length: Math.min(o.discoveryConcurrency, o.discoveryDevices) }, worker));
    const totalSeconds = (performance.now() - t0) / 1000;
    const n = o.discoveryDevices;
    const refreshSeconds = walls.reduce((a, b) => a + b, 0) / 1000;
    const result: DiscoveryResult = {
      skipped: null,
      devices: n,
      concurrency: o.discoveryConcurrency,
      models: models.map((m) => ({
        file: basename(m.file),
        nodes: m.model.size,
        parameters: m.model.all().filter((x) => !x.object).length,
      })),
      complete,
      perDevice: summarise(walls),
      roundTripsPerDevice: round(roundTrips / n, 1),
      rpcsPerDevice: Object.fromEntries(Object.entries(rpcs).map(([k, v]) => [k, round(v / n, 1)])),
      msPerRoundTrip: round((refreshSeconds * 1000) / Math.max(1, roundTrips), 1),
      rowsPerDevice: round(rows / n, 0),
      // Every row is written twice: by the GetParameterNames answer, then by the values.
      rowsWrittenPerSec: round((2 * rows) / Math.max(refreshSeconds, 1e-9), 0),
      acsCpuMsPerDevice: round((1000 * acsCpu) / n, 0),
      simulatorCpuMsPerDevice: round((1000 * simCpu) / n, 0),
      bootstrapMsPerDevice: round(bootMs / n, 1),
      totalSeconds: round(totalSeconds, 1),
      databaseMiB: mib(databaseBytes(join(dataDir, 'deskacs.sqlite'))),
      serveRssMiB: mib(procSample(serve.pid).rssBytes),
    };
    log(
      `  ${n} devices (${result.models.map((m) => `${m.file.replace(/^device-|\.csv$/g, '')} ${m.nodes}`).join(', ')} nodes): ` +
        `${complete} complete; refresh p50 ${result.perDevice.p50Ms} ms, p99 ${result.perDevice.p99Ms} ms; ${result.roundTripsPerDevice} round trips ` +
        `(${result.msPerRoundTrip} ms each); ACS CPU ${result.acsCpuMsPerDevice} ms, simulator CPU ${result.simulatorCpuMsPerDevice} ms per device; ` +
        `${result.rowsWrittenPerSec} rows/s written`,
    );
    return result;
  } finally {
    api.close();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
