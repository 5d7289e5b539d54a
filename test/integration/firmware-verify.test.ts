// A download task of a library file is verified: after the TransferComplete (sent by the
// simulator in the session after its reboot, with '1 BOOT', 'M Download' and
// '7 TRANSFER COMPLETE'), the device's SoftwareVersion must be the file's version.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TaskRecord } from '../../shared/models.ts';
import type { FileRecord } from '../../shared/models-files.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import type { FirmwareFailure } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';
import { addFirmware } from '../helpers/firmware-image.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };
const FINAL = new Set(['done', 'fault', 'expired', 'cancelled']);

describe('firmware download verification', () => {
  let h: Harness;
  let file: FileRecord;
  const sims: SimulatorHandle[] = [];

  async function device(serial: string, failure?: FirmwareFailure): Promise<{ sim: SimulatorHandle; id: string }> {
    const sim = await startSimulator({
      acsUrl: h.cwmpUrl,
      serial,
      connectionRequest: CR,
      rebootDelayMs: 20,
      ...(failure === undefined ? {} : { firmwareFailure: failure }),
    });
    sims.push(sim);
    await sim.runSession();
    const id = h.store.devices.search({ q: serial }).items[0]?.id;
    assert.ok(id, `${serial} did not bootstrap`);
    return { sim, id };
  }

  /** Queues the download of the library file, wakes the device, waits until the task ends. */
  async function upgrade(deviceId: string): Promise<TaskRecord> {
    const created = await h.acs.api.createTask({
      id: deviceId,
      task: { name: 'download', fileId: file.id },
      connectionRequest: true,
    });
    for (;;) {
      const task = await h.acs.api.getTask({ taskId: created.task.id });
      if (FINAL.has(task.status)) return task;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  before(async () => {
    h = await startHarness({ transfers: { timeoutMs: 1500, expiryCheckMs: 100, rolloutTickMs: 200 } });
    await h.acs.api.setDefaultCredentials(CR);
    file = await addFirmware(h.acs.api, '9.9.9');
  });

  after(async () => {
    await Promise.all(sims.map((s) => s.close()));
    await h?.close();
  });

  test('a device upgraded by a download of a library file ends verified on the new version', async () => {
    const { sim, id } = await device('FW-OK');
    const task = await upgrade(id);
    await sim.idle(); // the session that delivered the TransferComplete is over
    assert.equal(task.status, 'done', JSON.stringify(task.fault));
    const result = task.result as { verified: boolean; version: string };
    assert.equal(result.verified, true);
    assert.equal(result.version, '9.9.9');
    assert.equal(sim.model.value('Device.DeviceInfo.SoftwareVersion'), '9.9.9');
    assert.equal(h.store.devices.get(id)?.softwareVersion, '9.9.9');
    // The TransferComplete came in the session after the reboot, as real CPEs send it.
    const boot = sim.sessions.find((s) => s.events.includes('M Download'));
    assert.ok(boot, 'no session carried M Download');
    for (const code of ['1 BOOT', '7 TRANSFER COMPLETE'])
      assert.ok(boot.events.includes(code), `${code} missing: ${boot.events.join(', ')}`);
  });

  test('a device that comes back on the old version ends with a fault that says so', async () => {
    const { id } = await device('FW-OLD', 'old-version');
    const before = h.store.devices.get(id)?.softwareVersion ?? '';
    const task = await upgrade(id);
    assert.equal(task.status, 'fault');
    assert.equal(task.fault?.code, 8801);
    assert.match(task.fault?.message ?? '', new RegExp(`came back on the old version ${before.replace(/\./g, '\\.')}`));
    const detail = task.fault?.detail as { title?: string } | undefined;
    assert.equal(detail?.title, 'Firmware not installed');
  });

  test("a TransferComplete fault ends the task with the device's fault, explained", async () => {
    const { id } = await device('FW-9016', 'fault-9016');
    const task = await upgrade(id);
    assert.equal(task.status, 'fault');
    assert.equal(task.fault?.code, 9016);
    assert.ok((task.fault?.detail as { explanation?: string } | undefined)?.explanation);
  });

  test('a device that never sends its TransferComplete lets the task expire at the transfer deadline', async () => {
    const { id } = await device('FW-NEVER', 'never');
    const task = await upgrade(id);
    assert.equal(task.status, 'expired');
    assert.equal(task.awaiting, 'transfer');
  });
});
