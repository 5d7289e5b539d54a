// Many simulated devices from one process: one shared connection-request listener, one shared
// concurrency limit, distinct serial numbers from a prefix, and a summary for benchmarks.

import type { BuiltinModelName } from './builtin-models.ts';
import { ConnectionRequestServer } from './connection-request.ts';
import { createLimiter } from './limiter.ts';
import type { FirmwareFailure } from './device-files.ts';
import type { DeviceModel } from './model.ts';
import type { SessionReport } from './session-client.ts';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from './simulator.ts';

export interface FleetOptions {
  acsUrl: string;
  devices: number;
  model?: DeviceModel | BuiltinModelName;
  serialPrefix?: string;
  periodicSeconds?: number;
  /** Sessions running at once across the fleet (default 50). */
  concurrency?: number;
  username?: string;
  password?: string;
  connectionRequest?: { username: string; password: string } | false;
  /** Extra per-device options (e.g. injectFaults); fleet fields win. */
  device?: Partial<SimulatorOptions>;
  /**
   * Devices whose firmware downloads fail, and how: listed by serial, and/or a share (0-1) of
   * the fleet spread evenly over it (device i fails when floor((i+1)*share) > floor(i*share)).
   */
  firmwareFailure?: { mode: FirmwareFailure; share?: number; serials?: string[] };
  rebootDelayMs?: number;
}

/** The failure mode of the fleet's device `index` (0-based) with this serial, if any. */
export function fleetFirmwareFailure(options: FleetOptions, index: number, serial: string): FirmwareFailure | undefined {
  const f = options.firmwareFailure;
  if (f === undefined) return undefined;
  if (f.serials?.includes(serial) === true) return f.mode;
  const share = f.share ?? 0;
  return Math.floor((index + 1) * share) > Math.floor(index * share) ? f.mode : undefined;
}

export interface FleetSummary {
  devices: number;
  sessions: number;
  ok: number;
  failed: number;
  latencyMs: { avg: number; p50: number; p95: number; max: number };
  statuses: Record<string, number>;
  rpcs: Record<string, number>;
  errors: Record<string, number>;
  elapsedMs: number;
}

export interface FleetHandle {
  readonly devices: readonly SimulatorHandle[];
  /** First session of every device ('0 BOOTSTRAP' + '1 BOOT'), at most `concurrency` at once. */
  bootstrap(): Promise<FleetSummary>;
  /** One session per device with the given events. */
  runAll(events?: string[]): Promise<FleetSummary>;
  /** Summary over every session so far. */
  summary(): FleetSummary;
  close(): Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function count(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

/** Aggregates session reports (pure; exported for tests and the CLI). */
export function summarise(reports: readonly SessionReport[], devices: number, elapsedMs: number): FleetSummary {
  const latencies = reports.map((r) => r.durationMs).sort((a, b) => a - b);
  const s: FleetSummary = {
    devices,
    sessions: reports.length,
    ok: 0,
    failed: 0,
    statuses: {},
    rpcs: {},
    errors: {},
    elapsedMs,
    latencyMs: { avg: 0, p50: 0, p95: 0, max: 0 },
  };
  for (const r of reports) {
    if (r.ok) s.ok += 1;
    else s.failed += 1;
    for (const code of r.statuses) count(s.statuses, String(code));
    for (const rpc of r.rpcs) count(s.rpcs, rpc);
    if (r.error) count(s.errors, r.error.replace(/\d+(\.\d+)?s\)/, 'Ns)'));
  }
  const total = latencies.reduce((a, b) => a + b, 0);
  s.latencyMs = {
    avg: latencies.length ? total / latencies.length : 0,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.at(-1) ?? 0,
  };
  return s;
}

export async function startFleet(options: FleetOptions): Promise<FleetHandle> {
  const started = performance.now();
  const limiter = createLimiter(options.concurrency ?? 50);
  const server = options.connectionRequest === false ? undefined : await ConnectionRequestServer.start();
  const prefix = options.serialPrefix ?? 'SIM';
  const devices: SimulatorHandle[] = [];
  for (let i = 0; i < options.devices; i += 1) {
    const serial = `${prefix}${String(i + 1).padStart(6, '0')}`;
    const failure = fleetFirmwareFailure(options, i, serial) ?? options.device?.firmwareFailure;
    devices.push(
      await startSimulator({
        ...options.device,
        ...(failure === undefined ? {} : { firmwareFailure: failure }),
        ...(options.rebootDelayMs === undefined ? {} : { rebootDelayMs: options.rebootDelayMs }),
        acsUrl: options.acsUrl,
        model: options.model,
        serial,
        username: options.username,
        password: options.password,
        connectionRequest: options.connectionRequest,
        connectionRequestServer: server,
        periodicSeconds: options.periodicSeconds,
        periodicJitter: true,
        limiter,
      }),
    );
  }
  const all = (): SessionReport[] => devices.flatMap((d) => d.sessions);
  const runAll = async (events: string[] = []): Promise<FleetSummary> => {
    const t0 = performance.now();
    const reports = await Promise.all(devices.map((d) => d.runSession(events)));
    return summarise(reports, devices.length, performance.now() - t0);
  };
  return {
    devices,
    bootstrap: () => runAll(),
    runAll,
    summary: () => summarise(all(), devices.length, performance.now() - started),
    close: async () => {
      await Promise.all(devices.map((d) => d.close()));
      await server?.close();
    },
  };
}
