// A real ACS whose monitoring runs on a test clock (no timers), and simulator devices with
// moving health values on the same clock: hours pass in a few sessions, no sleeping.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Acs, AcsConfig } from '../../electron/core/acs-types.ts';
import { assembleAcs } from '../../electron/core/acs.ts';
import { silentLogger } from '../../electron/core/log.ts';
import type { Monitoring } from '../../electron/core/services/metrics/monitoring.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import type { HealthOptions } from '../../electron/simulator/health.ts';
import type { SessionReport } from '../../electron/simulator/session-client.ts';
import type { Store } from '../../electron/core/store/index.ts';

export class TestClock {
  ms = Date.parse('2026-03-02T00:00:00Z');
  readonly now = (): Date => new Date(this.ms);
  advance(seconds: number): void {
    this.ms += seconds * 1000;
  }
}

export interface MonitoredAcs {
  acs: Acs;
  store: Store;
  monitoring: Monitoring;
  clock: TestClock;
  cwmpUrl: string;
  apiUrl: string;
  close(): Promise<void>;
}

export async function startMonitoredAcs(
  overrides: Partial<AcsConfig> = {},
  monitoring: AcsConfig['monitoring'] = {},
): Promise<MonitoredAcs> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-monitoring-'));
  const clock = new TestClock();
  const assembled = await assembleAcs({
    dataDir,
    cwmpHost: '127.0.0.1',
    cwmpPort: 0,
    httpHost: '127.0.0.1',
    httpPort: 0,
    webRoot: null,
    sessionTimeoutMs: 5_000,
    maxConcurrentSessions: 50,
    cpeAuth: { mode: 'none' },
    log: silentLogger,
    monitoring: { now: clock.now, timers: false, ...monitoring },
    ...overrides,
  });
  return {
    acs: assembled.acs,
    store: assembled.store,
    monitoring: assembled.monitoring,
    clock,
    cwmpUrl: assembled.acs.info.cwmpUrl,
    apiUrl: assembled.acs.info.apiUrl ?? '',
    close: async () => {
      await assembled.acs.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A simulator device on the ACS's clock, bootstrapped and with its tree read (a refresh task),
 * so the sampler knows its paths. Returns the device id.
 */
export async function startMonitoredDevice(
  m: MonitoredAcs,
  options: { serial: string; model?: 'tr181' | 'tr098'; health?: HealthOptions; periodicSeconds?: number },
): Promise<{ sim: SimulatorHandle; deviceId: string }> {
  const sim = await startSimulator({
    acsUrl: m.cwmpUrl,
    model: options.model ?? 'tr181',
    serial: options.serial,
    autoSessions: false,
    connectionRequest: false,
    health: { clock: () => m.clock.ms, ...options.health },
  });
  const root = sim.model.root();
  sim.model.setValue(`${root}ManagementServer.PeriodicInformInterval`, String(options.periodicSeconds ?? 300));
  const boot = await sim.runSession();
  assert.ok(boot.ok, JSON.stringify(boot));
  const device = (await m.acs.api.listDevices({ q: options.serial })).items.find((d) => d.serialNumber === options.serial);
  assert.ok(device, `device ${options.serial} stored`);
  await m.acs.api.createTask({ id: device.id, task: { name: 'refresh' } });
  const refresh = await sim.runSession(['6 CONNECTION REQUEST']);
  assert.ok(refresh.ok, JSON.stringify(refresh));
  await m.monitoring.idle();
  return { sim, deviceId: device.id };
}

/** A periodic session after `seconds` of the test clock; waits for the alert evaluations it causes. */
export async function periodic(m: MonitoredAcs, sim: SimulatorHandle, seconds: number, events = ['2 PERIODIC']): Promise<SessionReport> {
  m.clock.advance(seconds);
  const report = await sim.runSession(events);
  assert.ok(report.ok, JSON.stringify(report));
  await m.monitoring.idle();
  return report;
}
