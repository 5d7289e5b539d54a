// Bulk tasks through the API: one task per selected device under a batch id, refused per device
// when its stored tree does not fit, and followed to the end on simulated CPEs woken by
// background connection requests that use the default connection-request credentials.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AcsEvents } from '../../shared/contract.ts';
import type { TaskBatch } from '../../shared/models-fleet.ts';
import type { ParameterValue } from '../../electron/core/cwmp/messages.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { makeInform } from '../helpers/inform.ts';

const CR = { username: 'fleet-cr', password: 'fleet-cr-secret' };

function addDevice(h: Harness, serial: string, parameters: ParameterValue[]): string {
  const inform = makeInform({ serial, parameters });
  return h.store.informs.record({ inform, remoteAddress: '192.0.2.9', cwmpVersion: '1.0', at: new Date(), warnings: [] }).deviceId;
}

/** Resolves once `check` holds, re-checked after every task event (never on a timer). */
function whenTasks(h: Harness, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = h.acs.events.on('taskUpdated', () => {
      if (!check()) return;
      off();
      resolve();
    });
  });
}

describe('bulk tasks', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const sim of sims) await sim.close();
    await h.close();
  });

  test('a task for every device of a filter: one batch id, refused per device where the tree does not fit', async () => {
    const writable: ParameterValue = { name: 'Device.WiFi.SSID.1.SSID', value: 'old', type: 'xsd:string' };
    const ok = ['BULK-1', 'BULK-2', 'BULK-3'].map((serial) => addDevice(h, serial, [writable]));
    const missing = addDevice(h, 'BULK-4', []);
    const outside = addDevice(h, 'OTHER-1', [writable]);
    const events: AcsEvents['taskUpdated'][] = [];
    const off = h.acs.events.on('taskUpdated', (e) => events.push(e));
    const r = await h.acs.api.createTasks({
      selection: { filter: { q: 'BULK' } },
      task: { name: 'setParameterValues', values: [['Device.WiFi.SSID.1.SSID', 'new']] },
    });
    off();
    assert.match(r.batchId, /^batch-[0-9a-f]{16}$/);
    assert.deepEqual({ ...r, refused: undefined }, { batchId: r.batchId, selected: 4, queued: 3, refused: undefined, refusedCount: 1 });
    assert.equal(r.refused[0]?.deviceId, missing);
    assert.match(r.refused[0]?.message ?? '', /no known parameter 'Device\.WiFi\.SSID\.1\.SSID'/);
    const tasks = await h.acs.api.listTasks({ batchId: r.batchId });
    assert.deepEqual(tasks.map((t) => t.deviceId).sort(), [...ok].sort());
    assert.ok(tasks.every((t) => t.batchId === r.batchId && t.status === 'queued' && t.name === 'setParameterValues'));
    assert.deepEqual((await h.acs.api.listTasks({ deviceId: outside })).length, 0);
    assert.deepEqual(events.map((e) => [e.deviceId, e.status, e.batchId]).sort(), ok.map((id) => [id, 'queued', r.batchId]).sort());
    const batch = await h.acs.api.getTaskBatch({ batchId: r.batchId });
    assert.deepEqual(batch, {
      batchId: r.batchId,
      name: 'setParameterValues',
      createdAt: batch.createdAt,
      total: 3,
      byStatus: { queued: 3, running: 0, done: 0, fault: 0, cancelled: 0, expired: 0 },
      connectionRequests: { pending: 0, reached: 0, failed: 0 },
    });
    const cancelled = await h.acs.api.cancelTask({ taskId: tasks[0]?.id ?? 0 });
    assert.equal(cancelled.batchId, r.batchId);
    assert.deepEqual((await h.acs.api.getTaskBatch({ batchId: r.batchId })).byStatus, {
      queued: 2,
      running: 0,
      done: 0,
      fault: 0,
      cancelled: 1,
      expired: 0,
    });
    const single = await h.acs.api.createTask({ id: outside, task: { name: 'reboot' } });
    assert.equal(single.task.batchId, null, 'a task queued on its own has no batch');
  });

  test('an unknown batch is not found; a bad task spec refuses the whole request; the HTTP routes work', async () => {
    await assert.rejects(h.acs.api.getTaskBatch({ batchId: 'batch-0000' }), { code: 'not_found' });
    await assert.rejects(h.acs.api.createTasks({ selection: { ids: ['x'] }, task: { name: 'explode' } }), { code: 'bad_request' });
    const id = addDevice(h, 'HTTP-BULK-1', []);
    const posted = await apiPost(h, '/api/tasks/batches', { selection: { ids: [id] }, task: { name: 'reboot' } });
    assert.equal(posted.status, 200, JSON.stringify(posted.json));
    const batchId = (posted.json as { batchId: string }).batchId;
    const got = await apiGet(h, `/api/tasks/batches/${batchId}`);
    assert.equal((got.json as TaskBatch).total, 1);
    const listed = await apiGet(h, `/api/tasks?batchId=${batchId}`);
    assert.deepEqual(
      (listed.json as { deviceId: string }[]).map((t) => t.deviceId),
      [id],
    );
  });

  test('on simulated CPEs: woken in the background with the default credentials, the batch counts move to done', {
    timeout: 60_000,
  }, async () => {
    for (const serial of ['SIMB-1', 'SIMB-2', 'SIMB-3']) {
      const sim = await startSimulator({ acsUrl: h.cwmpUrl, serial, connectionRequest: CR, autoSessions: false });
      sims.push(sim);
      await sim.runSession();
    }
    // One device also has its own (wrong) pair: its own credentials win over the default ones.
    const own = (await h.acs.api.listDevices({ q: 'SIMB-3' })).items[0]?.id ?? '';
    await h.acs.api.setDeviceCredentials({ id: own, username: CR.username, password: 'not-the-password' });
    await h.acs.api.setDefaultCredentials({ username: CR.username, password: CR.password });
    const r = await h.acs.api.createTasks({
      selection: { filter: { q: 'SIMB' } },
      task: { name: 'getRPCMethods' },
      connectionRequest: true,
    });
    assert.equal(r.queued, 3);
    const early = await h.acs.api.getTaskBatch({ batchId: r.batchId });
    assert.deepEqual(early.byStatus.queued, 3, 'the call answers before any device is reached');
    assert.equal(early.connectionRequests.pending, 3);
    let latest = early;
    await whenTasks(h, () => h.store.tasks.countByBatch(r.batchId).done === 2);
    // The connection requests' own answers may come a moment after the sessions they caused.
    for (;;) {
      latest = await h.acs.api.getTaskBatch({ batchId: r.batchId });
      if (latest.connectionRequests.pending === 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepEqual(latest.byStatus, { queued: 1, running: 0, done: 2, fault: 0, cancelled: 0, expired: 0 });
    assert.deepEqual(latest.connectionRequests, { pending: 0, reached: 2, failed: 1 });
    const stillQueued = (await h.acs.api.listTasks({ batchId: r.batchId, status: 'queued' }))[0];
    assert.equal(stillQueued?.deviceId, own, 'the device whose own credentials were refused was not woken');
  });
});

describe('default connection-request credentials', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let id: string;
  before(async () => {
    h = await startHarness();
    sim = await startSimulator({ acsUrl: h.cwmpUrl, serial: 'DEFCR-1', connectionRequest: CR, autoSessions: false });
    await sim.runSession();
    id = (await h.acs.api.listDevices({ q: 'DEFCR-1' })).items[0]?.id ?? '';
  });
  after(async () => {
    await sim.close();
    await h.close();
  });

  test('are saved, read back and removed through the API', async () => {
    assert.equal(await h.acs.api.getDefaultCredentials({}), null);
    const saved = await h.acs.api.setDefaultCredentials({ username: ' fleet ', password: 'pw' });
    assert.deepEqual({ ...saved, updatedAt: undefined }, { username: 'fleet', password: 'pw', updatedAt: undefined });
    assert.deepEqual(await h.acs.api.getDefaultCredentials({}), saved);
    assert.deepEqual(await h.acs.api.deleteDefaultCredentials({}), { removed: true });
    assert.deepEqual(await h.acs.api.deleteDefaultCredentials({}), { removed: false });
    await assert.rejects(h.acs.api.setDefaultCredentials({ username: '', password: 'x' }), { code: 'bad_request' });
  });

  test('answer the challenge of a device that has no credentials of its own', async () => {
    const without = await h.acs.api.connectionRequest({ id });
    assert.equal(without.outcome, 'auth-failed', 'no credentials at all');
    await h.acs.api.setDefaultCredentials(CR);
    const session = sim.nextSession();
    const reached = await h.acs.api.connectionRequest({ id });
    assert.equal(reached.outcome, 'reached', reached.message);
    assert.deepEqual((await session).events, ['6 CONNECTION REQUEST']);
    await h.acs.api.setDeviceCredentials({ id, username: CR.username, password: 'wrong-own-password' });
    assert.equal((await h.acs.api.connectionRequest({ id })).outcome, 'auth-failed', "the device's own pair comes first");
    await h.acs.api.deleteDeviceCredentials({ id });
    await h.acs.api.deleteDefaultCredentials({});
  });
});
