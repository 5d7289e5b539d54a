// Configuration backups end to end with a simulated device: an upload without a URL is sent to
// DeskACS's per-transfer upload URL and kept as a backup (listed, read, diffed), a restore sends
// it back with Download type 3 and the simulator's value is back; snapshots of the stored values
// are diffed against now and re-applied as one setParameterValues task; a restore of another
// device's backup is refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Backup } from '../../shared/models-backups.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, CpeConnection, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';

const SSID = 'Device.WiFi.SSID.1.SSID';

describe('configuration backups with a simulated device', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let deviceId: string;

  /** A session with the simulator and the follow-up sessions its transfers start. */
  async function runTasks(): Promise<void> {
    await sim.runSession();
    await sim.idle();
    await sim.idle();
  }

  async function upload(label?: string): Promise<Backup> {
    const created = await h.acs.api.createTask({ id: deviceId, task: { name: 'upload', ...(label === undefined ? {} : { label }) } });
    await runTasks();
    const task = await h.acs.api.getTask({ taskId: created.task.id });
    assert.equal(task.status, 'done', JSON.stringify(task));
    const backupId = (task.result as { backupId?: number }).backupId;
    assert.equal(typeof backupId, 'number', JSON.stringify(task.result));
    return (await h.acs.api.getBackup({ backupId: backupId as number })).backup;
  }

  before(async () => {
    h = await startHarness({ backups: { firstDelayMs: null } });
    sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'BACKUP-1', connectionRequest: false });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    deviceId = h.store.devices.search({ q: 'BACKUP-1' }).items[0]?.id ?? '';
    assert.notEqual(deviceId, '', 'the simulator did not bootstrap');
    await h.acs.api.createTask({ id: deviceId, task: { name: 'refresh' } });
    await runTasks();
  });
  after(async () => {
    await sim?.close();
    await h?.close();
  });

  test('an upload without url is kept as a backup: listed, read, the task done naming it, the PUT logged', async () => {
    const backup = await upload('before the PPPoE change');
    assert.deepEqual(
      [backup.kind, backup.fileType, backup.origin, backup.label, backup.text, backup.deviceId],
      ['upload', '1 Vendor Configuration File', 'manual', 'before the PPPoE change', true, deviceId],
    );
    const listed = await h.acs.api.listBackups({ id: deviceId });
    assert.ok(listed.some((b) => b.id === backup.id));
    const http = await apiGet(h, `/api/devices/${encodeURIComponent(deviceId)}/backups`);
    assert.equal(http.status, 200);
    assert.ok((http.json as Backup[]).some((b) => b.id === backup.id));
    const content = await h.acs.api.getBackup({ backupId: backup.id });
    assert.match(content.text ?? '', /^# DESKACS-CONFIG model=\S+ version=/);
    assert.match(content.text ?? '', new RegExp(`^${SSID.replaceAll('.', '\\.')}=DeskACS-`, 'm'));
    const fetches = await h.acs.api.listFileFetches({ deviceId });
    const put = fetches.find((f) => f.method === 'PUT');
    assert.ok(put, JSON.stringify(fetches));
    assert.deepEqual([put.status, put.bytes, put.fileId], [201, backup.size, null]);
  });

  test('two uploads diffed after a value changed on the device; restoring the first brings the value back', async () => {
    const before = sim.model.get(SSID)?.value ?? '';
    const first = await upload();
    sim.model.setValue(SSID, 'Changed-SSID');
    const second = await upload();
    const diff = await h.acs.api.diffBackups({ backupId: first.id, to: second.id });
    assert.equal(diff.kind, 'text');
    if (diff.kind !== 'text') return;
    assert.deepEqual([diff.added, diff.removed, diff.truncated], [1, 1, false]);
    assert.ok(diff.lines.some((l) => l.op === 'removed' && l.text === `${SSID}=${before}`));
    assert.ok(diff.lines.some((l) => l.op === 'added' && l.text === `${SSID}=Changed-SSID`));
    assert.ok(
      diff.lines.some((l) => l.op === 'same' && /unchanged lines/.test(l.text)),
      'long unchanged runs are cut',
    );
    const restored = await h.acs.api.restoreBackup({ backupId: first.id });
    assert.equal(restored.task.name, 'download');
    const args = restored.task.args as { backupId?: number; fileType?: string; fileSize?: number };
    assert.deepEqual([args.backupId, args.fileType, args.fileSize], [first.id, '3 Vendor Configuration File', first.size]);
    await runTasks();
    assert.equal((await h.acs.api.getTask({ taskId: restored.task.id })).status, 'done');
    assert.equal(sim.model.get(SSID)?.value, before, 'the restored file set the value again');
    const fetches = await h.acs.api.listFileFetches({ deviceId });
    assert.ok(fetches.some((f) => f.method === 'GET' && f.status === 200 && f.bytes === first.size));
    const gone = h.store.backupTransfers.ofTask(restored.task.id)[0]?.token ?? '';
    const late = await fetch(`${h.cwmpUrl}files/r/${gone}/backup.cfg`);
    assert.equal(late.status, 404, 'the restore URL ends with its task');
  });

  test('a snapshot, a change, a diff against now, and a restore as one setParameterValues task', async () => {
    const snap = await h.acs.api.createSnapshot({ id: deviceId, label: 'known good' });
    assert.equal(snap.kind, 'snapshot');
    assert.ok(snap.parameterCount > 10);
    const stored = h.store.parameters.get(deviceId, SSID)?.value ?? '';
    sim.model.setValue(SSID, 'Someone-Changed-It');
    await h.acs.api.createTask({ id: deviceId, task: { name: 'refresh', path: SSID } });
    await runTasks();
    const diff = await h.acs.api.diffBackups({ backupId: snap.id });
    assert.equal(diff.kind, 'parameters');
    if (diff.kind !== 'parameters') return;
    assert.equal(diff.to, 'now');
    assert.deepEqual(diff.changes, [{ name: SSID, before: stored, after: 'Someone-Changed-It' }]);
    const content = await h.acs.api.getBackup({ backupId: snap.id });
    assert.ok(content.values?.some(([n, v]) => n === SSID && v === stored));
    const restored = await h.acs.api.restoreBackup({ backupId: snap.id });
    assert.equal(restored.task.name, 'setParameterValues');
    const values = (restored.task.args as { values: { name: string; value: string }[] }).values;
    assert.deepEqual(
      values.map((v) => [v.name, v.value]),
      [[SSID, stored]],
    );
    await runTasks();
    assert.equal((await h.acs.api.getTask({ taskId: restored.task.id })).status, 'done');
    assert.equal(sim.model.get(SSID)?.value, stored);
    await assert.rejects(h.acs.api.restoreBackup({ backupId: snap.id }), { code: 'bad_request', message: /nothing to restore/ });
  });

  test("a download of another device's backup is refused naming it; labels and deletion", async () => {
    const cpe = new CpeConnection(h.cwmpUrl);
    try {
      assert.equal((await cpe.post(informXml({ serial: 'OTHER-1', events: ['0 BOOTSTRAP'] }))).status, 200);
      assert.equal((await cpe.post('')).status, 204);
    } finally {
      cpe.close();
    }
    const other = h.store.devices.search({ q: 'OTHER-1' }).items[0]?.id ?? '';
    const mine = (await h.acs.api.listBackups({ id: deviceId })).find((b) => b.kind === 'upload');
    assert.ok(mine);
    await assert.rejects(h.acs.api.createTask({ id: other, task: { name: 'download', backupId: mine.id } }), {
      code: 'bad_request',
      message: new RegExp(`backup ${mine.id} is not a backup of device`),
    });
    await assert.rejects(h.acs.api.createTask({ id: deviceId, task: { name: 'download', backupId: 99_999 } }), {
      code: 'bad_request',
      message: /backup 99999/,
    });
    assert.equal((await h.acs.api.updateBackup({ backupId: mine.id, label: 'keep me' })).label, 'keep me');
    assert.deepEqual(await h.acs.api.deleteBackup({ backupId: mine.id }), { removed: true });
    await assert.rejects(h.acs.api.getBackup({ backupId: mine.id }), { code: 'not_found' });
    assert.deepEqual(await h.acs.api.deleteBackup({ backupId: mine.id }), { removed: false });
  });
});
