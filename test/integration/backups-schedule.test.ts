// Scheduled backups: a pass queues an upload task (origin 'scheduled', no connection request)
// for due devices that may have Upload, a snapshot for those whose RPC list lacks it, nothing
// for devices backed up recently or with an upload already queued; each device keeps its newest
// keepPerDevice backups and every labelled one; an upload refused with 9000 falls back to a
// snapshot; deleting a device removes its backups.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createEventHub } from '../../electron/core/events.ts';
import { createBackupService } from '../../electron/core/services/backups.ts';
import { createBackupScheduler, type BackupScheduler } from '../../electron/core/services/backups-scheduler.ts';
import { CpeConnection, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { informXml, peek, rpcXml } from '../helpers/cpe-messages.ts';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('scheduled backups', () => {
  let h: Harness;
  let scheduler: BackupScheduler;
  const ids: Record<string, string> = {};

  async function inform(serial: string, answer?: (method: string) => string): Promise<void> {
    const cpe = new CpeConnection(h.cwmpUrl);
    try {
      assert.equal((await cpe.post(informXml({ serial, events: ['2 PERIODIC'] }))).status, 200);
      let res = await cpe.post('');
      while (res.status === 200 && answer !== undefined) {
        const { id, method } = peek(res.body);
        res = await cpe.post(rpcXml(answer(method ?? ''), id ?? ''));
      }
      assert.equal(res.status, 204);
    } finally {
      cpe.close();
    }
    ids[serial] = h.store.devices.search({ q: serial }).items[0]?.id ?? '';
  }

  /** Stored writable values, as a refresh would have left them. */
  function storeValues(deviceId: string): void {
    const values = [
      { name: 'Device.WiFi.SSID.1.SSID', value: 'home', type: 'xsd:string' },
      { name: 'Device.WiFi.SSID.1.Enable', value: 'true', type: 'xsd:boolean' },
    ];
    h.store.parameters.upsertNames(
      deviceId,
      values.map((v) => ({ name: v.name, writable: true })),
      new Date(),
    );
    h.store.parameters.upsertValues(deviceId, values, new Date());
  }

  before(async () => {
    h = await startHarness({ backups: { firstDelayMs: null } });
    for (const serial of ['DUE-1', 'RECENT-1', 'NOUPLOAD-1']) await inform(serial);
    storeValues(ids['NOUPLOAD-1'] ?? '');
    storeValues(ids['RECENT-1'] ?? '');
    // NOUPLOAD-1 listed its RPC methods, without Upload.
    const rpc = h.store.tasks.enqueue(ids['NOUPLOAD-1'] ?? '', 'getRPCMethods', { name: 'getRPCMethods' });
    h.store.tasks.finish(rpc.id, 'done', { result: { methods: ['GetRPCMethods', 'Download', 'Reboot'] } }, new Date());
    await h.acs.api.createSnapshot({ id: ids['RECENT-1'] ?? '' });
    const backups = createBackupService({
      store: h.store,
      events: createEventHub(),
      dataDir: h.dataDir,
      log: silent,
      now: () => new Date(),
    });
    scheduler = createBackupScheduler({
      store: h.store,
      backups,
      events: createEventHub(),
      log: silent,
      now: () => new Date(),
      firstDelayMs: null,
    });
  });
  after(async () => {
    await scheduler?.close();
    await h?.close();
  });

  test('on by default: weekly, 10 per device, 16 MiB', async () => {
    const s = await h.acs.api.getBackupSettings({});
    assert.deepEqual([s.enabled, s.everyDays, s.keepPerDevice, s.maxUploadBytes], [true, 7, 10, 16 * 1024 ** 2]);
  });

  test('a pass queues uploads for due devices, snapshots where Upload is missing, nothing twice', async () => {
    assert.deepEqual(await scheduler.runPass(), { uploads: 1, snapshots: 1 });
    const queued = h.store.tasks.list({ deviceId: ids['DUE-1'], name: 'upload', limit: 5 });
    assert.equal(queued.length, 1);
    assert.deepEqual(queued[0]?.args, { name: 'upload', fileType: '1 Vendor Configuration File', origin: 'scheduled' });
    assert.equal(h.store.tasks.list({ deviceId: ids['RECENT-1'], name: 'upload', limit: 5 }).length, 0);
    const snaps = h.store.backups.listByDevice(ids['NOUPLOAD-1'] ?? '');
    assert.deepEqual(
      snaps.map((b) => [b.kind, b.origin, b.parameterCount]),
      [['snapshot', 'scheduled', 2]],
    );
    assert.deepEqual(await scheduler.runPass(), { uploads: 0, snapshots: 0 }, 'the queued upload is not queued again');
    assert.equal(scheduler.settings().lastRun?.uploads, 0);
  });

  test('the scheduled upload runs at the next contact; refused with 9000 it falls back to a snapshot', async () => {
    const deviceId = ids['DUE-1'] ?? '';
    storeValues(deviceId);
    await inform('DUE-1', (method) => {
      assert.equal(method, 'Upload');
      return '<s:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault><FaultCode>9000</FaultCode><FaultString>Method not supported</FaultString></cwmp:Fault></detail></s:Fault>';
    });
    const task = h.store.tasks.list({ deviceId, name: 'upload', limit: 1 })[0];
    assert.equal(task?.status, 'fault');
    const [snap] = h.store.backups.listByDevice(deviceId);
    assert.deepEqual([snap?.kind, snap?.origin], ['snapshot', 'scheduled']);
  });

  test('keepPerDevice newest are kept, and every labelled one', async () => {
    const deviceId = ids['RECENT-1'] ?? '';
    await h.acs.api.setBackupSettings({ keepPerDevice: 2 });
    const labelled = (await h.acs.api.listBackups({ id: deviceId }))[0];
    assert.ok(labelled);
    await h.acs.api.updateBackup({ backupId: labelled.id, label: 'golden' });
    for (let i = 0; i < 3; i++) await h.acs.api.createSnapshot({ id: deviceId });
    await new Promise((r) => setTimeout(r, 50));
    const left = await h.acs.api.listBackups({ id: deviceId });
    assert.equal(left.length, 3);
    assert.ok(left.some((b) => b.id === labelled.id && b.label === 'golden'));
    await h.acs.api.setBackupSettings({ keepPerDevice: 10 });
  });

  test('deleting a device removes its backups', async () => {
    const deviceId = ids['RECENT-1'] ?? '';
    await h.acs.api.deleteDevice({ id: deviceId });
    assert.equal(h.store.backups.listByDevice(deviceId).length, 0);
  });
});
