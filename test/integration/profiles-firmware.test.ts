// A profile's firmware floor against a real ACS and the CPE simulator: a device below the floor
// gets a download of the library file, done only once it reports the version; a device that
// fails the download shows the fault on the step and is not sent the file again at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeviceProvisioning } from '../../shared/models-provisioning.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { addFirmware } from '../helpers/firmware-image.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

describe('a firmware floor in a profile', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];

  const deviceIdOf = (serial: string): string => {
    const d = h.store.devices.search({ q: serial }).items.find((x) => x.serialNumber === serial);
    assert.ok(d, `device ${serial} did not inform`);
    return d.id;
  };

  async function boot(model: 'tr181', serial: string): Promise<{ sim: SimulatorHandle; id: string }> {
    const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial });
    sims.push(sim);
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    await sim.idle();
    return { sim, id: deviceIdOf(serial) };
  }

  async function createProfile(body: Record<string, unknown>): Promise<void> {
    const r = await apiPost(h, '/api/profiles', body);
    assert.equal(r.status, 200, JSON.stringify(r.json));
  }

  async function provisioning(id: string): Promise<DeviceProvisioning> {
    const r = await apiGet(h, `/api/devices/${encodeURIComponent(id)}/provisioning`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as DeviceProvisioning;
  }

  const setRpcs = (sim: SimulatorHandle, from: number): string[] =>
    sim.sessions.slice(from).flatMap((s) => s.rpcs.filter((r) => ['SetParameterValues', 'AddObject', 'Download'].includes(r)));

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h?.close();
  });

  test('a firmware floor queues a download of the library file, verified at the next Inform', async () => {
    const file = await addFirmware(h.acs.api, '2.0.0');
    await createProfile({ name: 'floor', match: { serial: 'PRFFW*' }, firmware: { fileId: file.id, minVersion: '2.0.0' } });
    const { sim, id } = await boot('tr181', 'PRFFW1');
    await sim.idle();
    const downloads = h.store.tasks.listForDevice(id).filter((t) => t.name === 'download');
    assert.equal(downloads.length, 1);
    assert.equal((downloads[0]?.args as { fileId?: number } | undefined)?.fileId, file.id);
    for (let i = 0; i < 20 && h.store.tasks.get(downloads[0]?.id ?? 0)?.status !== 'done'; i++)
      await sim.nextSession().catch(() => undefined);
    assert.equal(h.store.tasks.get(downloads[0]?.id ?? 0)?.status, 'done');
    assert.equal(sim.model.value('Device.DeviceInfo.SoftwareVersion'), '2.0.0');
    const p = await provisioning(id);
    assert.equal(p.steps.find((s) => s.item === 'firmware')?.state, 'done');
    assert.equal(p.checks.find((c) => c.key === 'firmware')?.state, 'ok');

    // A device that fails the download: the step says why, and it is not downloaded again at once.
    const bad = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'PRFFW9', firmwareFailure: 'fault-9010' });
    sims.push(bad);
    await bad.idle();
    if (bad.sessions.length === 0) await bad.runSession();
    await bad.idle();
    const badId = deviceIdOf('PRFFW9');
    const task = h.store.tasks.listForDevice(badId).find((t) => t.name === 'download');
    assert.ok(task, 'no download was queued');
    for (let i = 0; i < 20 && h.store.tasks.get(task.id)?.status !== 'fault'; i++) await bad.runSession(['2 PERIODIC']);
    assert.equal(h.store.tasks.get(task.id)?.status, 'fault');
    const failed = (await provisioning(badId)).steps.find((s) => s.item === 'firmware');
    assert.equal(failed?.state, 'failed');
    assert.match(failed?.message ?? '', /9010/);
    const from = bad.sessions.length;
    await bad.runSession(['2 PERIODIC']);
    assert.deepEqual(setRpcs(bad, from), []);
    assert.equal(h.store.tasks.listForDevice(badId).filter((t) => t.name === 'download').length, 1);
  });
});
