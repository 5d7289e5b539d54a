// Firmware rollouts over fleets of simulated devices: waves, the concurrency limit, a canary
// wave that fails and pauses the rollout, pause/resume/cancel, and previewPush's numbers.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { startFleet, type FleetHandle, type FleetOptions } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { addFirmware } from '../helpers/firmware-image.ts';
import { waitForRollout } from '../helpers/rollout-wait.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };
const FAST = { transfers: { timeoutMs: 20_000, expiryCheckMs: 200, rolloutTickMs: 100 } };

async function setUp(devices: number, extra: Partial<FleetOptions> = {}): Promise<{ h: Harness; fleet: FleetHandle; ids: string[] }> {
  const h = await startHarness(FAST);
  await h.acs.api.setDefaultCredentials(CR);
  const fleet = await startFleet({ acsUrl: h.cwmpUrl, devices, connectionRequest: CR, rebootDelayMs: 10, concurrency: 20, ...extra });
  const boot = await fleet.bootstrap();
  assert.equal(boot.ok, devices, JSON.stringify(boot.errors));
  const ids = fleet.devices.map((d) => {
    const id = h.store.devices.search({ q: d.serial }).items[0]?.id;
    assert.ok(id, `${d.serial} did not bootstrap`);
    return id;
  });
  return { h, fleet, ids };
}

describe('rollouts', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  test('52 devices in waves 2, 10, 20 (repeating) with at most 5 transfers in flight all end verified', async () => {
    const { h, fleet, ids } = await setUp(52);
    cleanups.push(
      () => fleet.close(),
      () => h.close(),
    );
    const file = await addFirmware(h.acs.api, '2.0.0');
    let most = 0;
    let rolloutId = 0;
    const sample = (): void => {
      if (rolloutId === 0) return;
      most = Math.max(most, h.store.rollouts.inFlight(rolloutId).length);
    };
    const off1 = h.acs.events.on('rolloutUpdated', sample);
    const off2 = h.acs.events.on('taskUpdated', sample);
    const created = await h.acs.api.createRollout({
      fileId: file.id,
      selection: { ids },
      waveSizes: [2, 10, 20],
      concurrency: 5,
      failureThreshold: 0.1,
    });
    rolloutId = created.id;
    sample();
    const done = await waitForRollout(h.acs.api, rolloutId, (r) => r.state !== 'running');
    off1();
    off2();
    assert.equal(done.state, 'done', done.reason);
    assert.equal(done.counts.verified, 52, JSON.stringify(done.counts));
    assert.ok(most <= 5, `in flight at once: ${most}`);
    assert.ok(most > 1, 'the scheduler ran transfers side by side');
    const waves = new Map<number, number>();
    for (const d of done.devices) waves.set(d.wave, (waves.get(d.wave) ?? 0) + 1);
    assert.deepEqual(
      [...waves].sort((a, b) => a[0] - b[0]),
      [
        [1, 2],
        [2, 10],
        [3, 20],
        [4, 20],
      ],
    );
    assert.ok(done.devices.every((d) => d.toVersion === '2.0.0' && d.fromVersion === '1.0.0'));
    for (const d of fleet.devices) assert.equal(d.model.value('Device.DeviceInfo.SoftwareVersion'), '2.0.0');
    assert.equal((await h.acs.api.listRollouts({}))[0]?.id, rolloutId);
  });

  test('a canary wave that fails pauses the rollout with the reason; resume, pause and cancel', async () => {
    const { h, fleet, ids } = await setUp(8, { firmwareFailure: { mode: 'old-version', serials: ['SIM000001', 'SIM000002'] } });
    cleanups.push(
      () => fleet.close(),
      () => h.close(),
    );
    const file = await addFirmware(h.acs.api, '3.0.0');
    const r = await h.acs.api.createRollout({
      fileId: file.id,
      selection: { ids },
      waveSizes: [2, 3],
      concurrency: 2,
      failureThreshold: 0.1,
    });
    const paused = await waitForRollout(h.acs.api, r.id, (x) => x.state !== 'running');
    assert.equal(paused.state, 'paused');
    assert.equal(paused.reason, 'wave 1: 2 of 2 failed (100 %), above the 10 % threshold');
    const canary = paused.devices.filter((d) => d.wave === 1);
    assert.ok(
      canary.every((d) => d.state === 'failed' && /came back on the old version 1\.0\.0/.test(d.message)),
      JSON.stringify(canary),
    );
    assert.equal(paused.counts.waiting, 6, 'nothing after the canary started');

    // Resume opens wave 2; pausing again stops new downloads while those in flight finish.
    await h.acs.api.resumeRollout({ rolloutId: r.id });
    await waitForRollout(h.acs.api, r.id, (x) => x.counts.verified >= 1);
    const again = await h.acs.api.pauseRollout({ rolloutId: r.id });
    assert.equal(again.state, 'paused');
    const settled = await waitForRollout(h.acs.api, r.id, (x) => x.counts.downloading + x.counts.rebooting === 0);
    assert.equal(settled.state, 'paused');
    assert.ok(settled.counts.waiting > 0, 'a paused rollout starts no new download');
    const waitingBefore = settled.counts.waiting;
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few scheduler passes
    assert.equal((await h.acs.api.getRollout({ rolloutId: r.id })).counts.waiting, waitingBefore);

    const cancelled = await h.acs.api.cancelRollout({ rolloutId: r.id });
    assert.equal(cancelled.state, 'cancelled');
    assert.equal(cancelled.counts.waiting, 0);
    assert.equal(cancelled.counts.skipped, waitingBefore);
    await assert.rejects(h.acs.api.resumeRollout({ rolloutId: r.id }), /cancelled/);
  });

  test('outside its maintenance window a rollout starts no download', async () => {
    const { h, fleet, ids } = await setUp(3);
    cleanups.push(
      () => fleet.close(),
      () => h.close(),
    );
    const file = await addFirmware(h.acs.api, '6.0.0');
    const hhmm = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    const now = Date.now();
    const window = { start: hhmm(new Date(now + 2 * 3_600_000)), end: hhmm(new Date(now + 3 * 3_600_000)) };
    const r = await h.acs.api.createRollout({
      fileId: file.id,
      selection: { ids },
      waveSizes: [3],
      concurrency: 3,
      failureThreshold: 0,
      window,
    });
    await new Promise((resolve) => setTimeout(resolve, 400)); // a few scheduler passes
    const later = await h.acs.api.getRollout({ rolloutId: r.id });
    assert.equal(later.state, 'running');
    assert.deepEqual(later.window, window);
    assert.equal(later.counts.waiting, 3);
    assert.equal(h.store.tasks.list({ name: 'download', limit: 10 }).length, 0);
  });

  test('previewPush counts matching, mismatched, already current and to-upgrade devices by model', async () => {
    const h = await startHarness(FAST);
    const a = await startFleet({ acsUrl: h.cwmpUrl, devices: 4, connectionRequest: false, serialPrefix: 'PA' });
    const b = await startFleet({ acsUrl: h.cwmpUrl, devices: 3, connectionRequest: false, serialPrefix: 'PB', model: 'tr098' });
    cleanups.push(
      () => a.close(),
      () => b.close(),
      () => h.close(),
    );
    a.devices[0]?.model.setValue('Device.DeviceInfo.SoftwareVersion', '4.0.0');
    await a.bootstrap();
    await b.bootstrap();
    const file = await addFirmware(h.acs.api, '4.0.0', { productClass: 'VG181' });
    const p = await h.acs.api.previewPush({ fileId: file.id, selection: { filter: {} } });
    assert.equal(p.selected, 7);
    assert.equal(p.matching, 4);
    assert.deepEqual(p.mismatched, { count: 3, models: [{ modelName: 'VG098', count: 3 }] });
    assert.equal(p.alreadyCurrent, 1);
    assert.equal(p.toUpgrade, 3);
    assert.equal(p.offline, 0, 'every device just informed');
    assert.deepEqual(p.models, [
      { modelName: 'VG181', count: 4 },
      { modelName: 'VG098', count: 3 },
    ]);
    // A rollout records the same devices as skipped, with the reason.
    const r = await h.acs.api.createRollout({
      fileId: file.id,
      selection: { filter: {} },
      waveSizes: [10],
      concurrency: 1,
      failureThreshold: 0,
    });
    const detail = await h.acs.api.getRollout({ rolloutId: r.id });
    assert.equal(detail.counts.skipped, 4);
    assert.ok(detail.devices.some((d) => d.state === 'skipped' && d.message === 'already on version 4.0.0'));
    assert.ok(detail.devices.some((d) => d.state === 'skipped' && /not for this product class \(VG098/.test(d.message)));
    await h.acs.api.cancelRollout({ rolloutId: r.id });
  });
});
