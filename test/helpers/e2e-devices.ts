// Shared pieces of the browser tests: waiting for the page (never a timing assertion), and a
// simulated TR-181 CPE informed into a harness, optionally answering connection requests so
// its tasks run at once.
import assert from 'node:assert/strict';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import type { Harness } from './acs-harness.ts';

/** Polls `check` until it holds (a wait for the page, not a timing assertion). */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A TR-181 simulator that has informed; with `withCr` it answers connection requests (cr / crpw). */
export async function startCrSimulator(
  h: Harness,
  serial: string,
  withCr: boolean,
  extra: { rebootDelayMs?: number } = {},
): Promise<{ sim: SimulatorHandle; id: string }> {
  const sim = await startSimulator({
    acsUrl: h.cwmpUrl,
    model: 'tr181',
    serial,
    connectionRequest: withCr ? { username: 'cr', password: 'crpw' } : false,
    ...extra,
  });
  await sim.idle();
  if (sim.sessions.length === 0) await sim.runSession();
  const device = h.store.devices.search({ q: serial }).items[0];
  assert.ok(device, `${serial} informed`);
  if (withCr) await h.acs.api.setDeviceCredentials({ id: device.id, username: 'cr', password: 'crpw' });
  return { sim, id: device.id };
}
