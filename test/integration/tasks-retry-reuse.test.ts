// Task queue behaviour of issue #11 against the real ACS and the CPE simulator: retrying a
// finished task, an identical task queued once (single and bulk), the name filter, a refresh
// of one parameter, and addObject's initial values given as an object.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AcsError } from '../../shared/errors.ts';
import type { TaskRecord } from '../../shared/models.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };

const isCode = (code: string) => (e: unknown) => e instanceof AcsError && e.code === code;

describe('retry, reuse and the new task forms', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let id: string;
  const updates: { taskId: number; status: string }[] = [];

  /** Cancels whatever the device still has queued, so each test starts from an empty queue. */
  async function clearQueue(): Promise<void> {
    for (const t of await h.acs.api.listTasks({ deviceId: id, status: 'queued' })) await h.acs.api.cancelTask({ taskId: t.id });
  }

  before(async () => {
    h = await startHarness();
    h.acs.events.on('taskUpdated', (e) => updates.push(e));
    sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'RETRY-1', connectionRequest: CR });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    const d = h.store.devices.search({ q: 'RETRY-1' }).items[0];
    assert.ok(d);
    id = d.id;
    await h.acs.api.setDeviceCredentials({ id, ...CR });
    const r = await h.acs.api.createTask({ id, task: { name: 'refresh' }, connectionRequest: true, waitSeconds: 15 });
    assert.equal(r.task.status, 'done');
  });
  after(async () => {
    await sim?.close();
    await h?.close();
  });

  test('retryTask queues a failed task again with the same device, name and arguments', async () => {
    const failed = await h.acs.api.createTask({
      id,
      task: { name: 'setParameterValues', values: [['Device.WiFi.SSID.2.SSID', 'x'.repeat(33)]] },
      connectionRequest: true,
      waitSeconds: 15,
    });
    assert.equal(failed.task.status, 'fault');
    const before = updates.length;
    const retried = (await apiPost(h, `/api/tasks/${failed.task.id}/retry`, undefined)).json as TaskRecord;
    assert.notEqual(retried.id, failed.task.id);
    assert.equal(retried.status, 'queued');
    assert.equal(retried.deviceId, id);
    assert.equal(retried.name, 'setParameterValues');
    assert.deepEqual(retried.args, failed.task.args);
    assert.ok(
      updates.slice(before).some((u) => u.taskId === retried.id && u.status === 'queued'),
      'taskUpdated for the new task',
    );
    // Retried twice before it ran: the same live task, not a second one.
    assert.equal((await h.acs.api.retryTask({ taskId: failed.task.id })).id, retried.id);
    await clearQueue();
  });

  test('retryTask refuses a queued, running or done task, and an unknown one', async () => {
    const done = await h.acs.api.createTask({ id, task: { name: 'getRPCMethods' }, connectionRequest: true, waitSeconds: 15 });
    assert.equal(done.task.status, 'done');
    await assert.rejects(h.acs.api.retryTask({ taskId: done.task.id }), isCode('conflict'));
    const queued = await h.acs.api.createTask({ id, task: { name: 'scheduleInform', delaySeconds: 600 } });
    await assert.rejects(h.acs.api.retryTask({ taskId: queued.task.id }), isCode('conflict'));
    assert.ok(h.store.tasks.markRunning(queued.task.id, new Date()));
    await assert.rejects(
      h.acs.api.retryTask({ taskId: queued.task.id }),
      (e: unknown) => isCode('conflict')(e) && /is running/.test(String(e)),
    );
    h.store.tasks.finish(queued.task.id, 'cancelled', {}, new Date());
    const again = await h.acs.api.retryTask({ taskId: queued.task.id });
    assert.equal(again.status, 'queued', 'a cancelled task can be retried');
    await assert.rejects(h.acs.api.retryTask({ taskId: 987_654 }), isCode('not_found'));
    await clearQueue();
  });

  test('the same task twice is one task: the second call reuses it (arguments compared after coercion)', async () => {
    const spec = (v: unknown) => ({ name: 'setParameterValues', values: [['Device.ManagementServer.PeriodicInformInterval', v]] });
    const first = await h.acs.api.createTask({ id, task: spec(' 900') });
    assert.equal(first.reused, false);
    const second = await h.acs.api.createTask({ id, task: spec(900) });
    assert.equal(second.reused, true);
    assert.equal(second.task.id, first.task.id);
    const other = await h.acs.api.createTask({ id, task: spec(901) });
    assert.equal(other.reused, false, 'another value is another task');
    assert.equal((await h.acs.api.listTasks({ deviceId: id, status: 'queued', name: 'setParameterValues' })).length, 2);
    // Asked to run now, a reused task still wakes the device, and runs.
    const woken = await h.acs.api.createTask({ id, task: spec('900'), connectionRequest: true, waitSeconds: 15 });
    assert.equal(woken.reused, true);
    assert.equal(woken.connectionRequest?.outcome, 'reached');
    assert.equal(woken.task.id, first.task.id);
    assert.equal(woken.task.status, 'done');
    await sim.idle();
    await clearQueue();
  });

  test('a bulk request skips a device whose identical task is already queued, counting it as queued', async () => {
    const single = await h.acs.api.createTask({ id, task: { name: 'reboot' } });
    const bulk = await h.acs.api.createTasks({ selection: { ids: [id] }, task: { name: 'reboot' } });
    assert.equal(bulk.queued, 1);
    assert.equal(bulk.refusedCount, 0);
    const reboots = await h.acs.api.listTasks({ deviceId: id, status: 'queued', name: 'reboot' });
    assert.deepEqual(
      reboots.map((t) => t.id),
      [single.task.id],
    );
    assert.equal((await h.acs.api.getTaskBatch({ batchId: bulk.batchId })).total, 0, 'nothing new in the batch');
    await clearQueue();
  });

  test('listTasks filters by name', async () => {
    const names = new Set((await h.acs.api.listTasks({ deviceId: id, name: 'refresh', limit: 100 })).map((t) => t.name));
    assert.deepEqual([...names], ['refresh']);
    assert.deepEqual(await h.acs.api.listTasks({ deviceId: id, name: 'factoryReset' }), []);
  });

  test('refreshing one parameter reads that parameter with GetParameterValues', async () => {
    sim.model.setValue('Device.WiFi.SSID.1.SSID', 'renamed-on-the-device');
    const r = await h.acs.api.createTask({
      id,
      task: { name: 'refresh', path: 'Device.WiFi.SSID.1.SSID' },
      connectionRequest: true,
      waitSeconds: 15,
    });
    assert.equal(r.task.status, 'done', JSON.stringify(r.task.fault));
    assert.deepEqual((r.task.args as { path: string }).path, 'Device.WiFi.SSID.1.SSID');
    assert.deepEqual(
      (r.task.result as { rpcs: { rpc: string }[] }).rpcs.map((x) => x.rpc),
      ['GetParameterValues'],
    );
    assert.equal(h.store.parameters.get(id, 'Device.WiFi.SSID.1.SSID')?.value, 'renamed-on-the-device');
    // An object named without its dot is still an object refresh.
    const obj = await h.acs.api.createTask({ id, task: { name: 'refresh', path: 'Device.WiFi' } });
    assert.equal((obj.task.args as { path: string }).path, 'Device.WiFi.');
    await sim.idle();
    await clearQueue();
  });

  test('addObject takes its initial values as an object {name: value}', async () => {
    const r = await h.acs.api.createTask({
      id,
      task: { name: 'addObject', path: 'Device.NAT.PortMapping.', values: { Enable: true, ExternalPort: 8080, Description: 'web' } },
      connectionRequest: true,
      waitSeconds: 15,
    });
    assert.equal(r.task.status, 'done', JSON.stringify(r.task.fault));
    const instance = (r.task.result as { path: string }).path;
    assert.match(instance, /^Device\.NAT\.PortMapping\.\d+\.$/);
    assert.equal(sim.model.value(`${instance}ExternalPort`), '8080');
    assert.equal(sim.model.value(`${instance}Enable`), 'true');
    assert.equal(sim.model.value(`${instance}Description`), 'web');
    assert.equal(h.store.parameters.get(id, `${instance}ExternalPort`)?.value, '8080');
    await assert.rejects(
      h.acs.api.createTask({ id, task: { name: 'addObject', path: 'Device.NAT.PortMapping.', values: { Enable: { on: true } } } }),
      (e: unknown) => isCode('bad_request')(e) && /'values\.Enable' must be a string, number or boolean/.test(String(e)),
    );
  });
});
