// Every task type through the JSON API against the CPE simulator over real HTTP: queued,
// carried out in a session woken by a Digest connection request, and its effect visible in
// the simulator, the store and the API.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { CreateTaskResult, ParameterRow, TaskRecord } from '../../shared/models.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };

describe('tasks through the API, run on the simulator', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let deviceId: string;
  let files: Server;
  let filesUrl: string;
  const uploads: string[] = [];

  const path = (suffix = ''): string => `/api/devices/${encodeURIComponent(deviceId)}${suffix}`;

  /** Queues a task, wakes the device with a connection request and waits for the result. */
  async function run(task: unknown, wait = 15): Promise<CreateTaskResult> {
    const r = await apiPost(h, path('/tasks'), { task, connectionRequest: true, waitSeconds: wait });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const result = r.json as CreateTaskResult;
    await sim.idle();
    return result;
  }

  async function param(name: string): Promise<ParameterRow | undefined> {
    const rows = (await apiGet(h, `${path('/parameters')}?prefix=${encodeURIComponent(name)}`)).json as ParameterRow[];
    return rows.find((r) => r.path === name);
  }

  before(async () => {
    files = createServer((req, res) => {
      if (req.method === 'PUT') {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          uploads.push(body);
          res.writeHead(200).end();
        });
        return;
      }
      const fw = Buffer.from('SoftwareVersion=2.0.0\nfirmware image bytes\n');
      res.writeHead(200, { 'Content-Length': fw.length }).end(fw);
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    h = await startHarness();
    sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'TASKS-1', connectionRequest: CR });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    const device = h.store.devices.search({ q: 'TASKS-1' }).items[0];
    assert.ok(device, 'the simulator did not bootstrap');
    deviceId = device.id;
    const put = await apiPost(h, path('/credentials'), CR, 'PUT');
    assert.equal(put.status, 200, JSON.stringify(put.json));
  });

  after(async () => {
    await sim?.close();
    await h?.close();
    await new Promise((r) => files.close(r));
  });

  test('refresh discovers the whole tree, with writability, in one session woken by a Digest connection request', async () => {
    h.store.parameters.upsertValues(deviceId, [{ name: 'Device.Stale.Thing', value: 'x', type: 'xsd:string' }], new Date());
    const r = await run({ name: 'refresh' });
    assert.equal(r.connectionRequest?.outcome, 'reached', r.connectionRequest?.message);
    assert.equal(r.ran, true);
    assert.equal(r.task.status, 'done');
    assert.equal(h.store.parameters.count(deviceId), sim.model.size);
    assert.equal(await param('Device.Stale.Thing'), undefined, 'a full refresh removes what the device does not have');
    const ssid = await param('Device.WiFi.SSID.1.SSID');
    assert.equal(ssid?.writable, true);
    // The task keeps the RPCs it sent and what came back.
    const rpcs = (r.task.result as { rpcs: { rpc: string; answer: string }[] }).rpcs;
    assert.deepEqual(
      rpcs.map((x) => `${x.rpc}->${x.answer}`),
      ['GetParameterNames->GetParameterNamesResponse', 'GetParameterValues->GetParameterValuesResponse'],
    );
    assert.equal((await param('Device.DeviceInfo.SerialNumber'))?.writable, false);
  });

  test('a subtree refresh discovers and prunes only under its path', async () => {
    const now = new Date();
    h.store.parameters.upsertValues(deviceId, [{ name: 'Device.WiFi.SSID.9.SSID', value: 'gone', type: 'xsd:string' }], now);
    h.store.parameters.upsertValues(deviceId, [{ name: 'Device.Elsewhere.Keep', value: 'k', type: 'xsd:string' }], now);
    sim.model.setValue('Device.WiFi.SSID.2.SSID', 'renamed-on-device');
    const r = await run({ name: 'refresh', path: 'Device.WiFi' });
    assert.equal(r.task.status, 'done');
    const rpcs = (r.task.result as { rpcs: { rpc: string }[] }).rpcs.map((x) => x.rpc);
    assert.equal(rpcs[0], 'GetParameterNames');
    assert.equal(await param('Device.WiFi.SSID.9.SSID'), undefined, 'gone from the device, gone from the store');
    assert.equal((await param('Device.Elsewhere.Keep'))?.value, 'k', 'outside the refreshed subtree: untouched');
    assert.equal((await param('Device.WiFi.SSID.2.SSID'))?.value, 'renamed-on-device');
    h.store.parameters.deleteSubtree(deviceId, 'Device.Elsewhere.');
  });

  test('getParameterValues stores the values it reads', async () => {
    sim.model.setValue('Device.DeviceInfo.UpTime', '98765');
    const r = await run({ name: 'getParameterValues', names: ['Device.DeviceInfo.UpTime'] });
    assert.equal(r.task.status, 'done');
    assert.deepEqual((r.task.result as { values: string[][] }).values, [['Device.DeviceInfo.UpTime', '98765', 'xsd:unsignedInt']]);
    assert.equal((await param('Device.DeviceInfo.UpTime'))?.value, '98765');
  });

  test('setParameterValues changes the device and the stored value; bad input is refused before anything is sent', async () => {
    const r = await run({
      name: 'setParameterValues',
      values: [
        ['Device.WiFi.SSID.1.SSID', 'shop-wifi'],
        ['Device.ManagementServer.PeriodicInformInterval', 600],
      ],
    });
    assert.equal(r.task.status, 'done', JSON.stringify(r.task));
    assert.equal(sim.model.get('Device.WiFi.SSID.1.SSID')?.value, 'shop-wifi');
    assert.equal((await param('Device.WiFi.SSID.1.SSID'))?.value, 'shop-wifi');
    assert.equal(sim.model.get('Device.ManagementServer.PeriodicInformInterval')?.value, '600');

    const before = h.store.tasks.listForDevice(deviceId).length;
    const badType = await apiPost(h, path('/tasks'), {
      task: { name: 'setParameterValues', values: [['Device.ManagementServer.PeriodicInformInterval', 'often']] },
    });
    assert.equal(badType.status, 400);
    assert.match(JSON.stringify(badType.json), /xsd:unsignedInt/);
    const readOnly = await apiPost(h, path('/tasks'), {
      task: { name: 'setParameterValues', values: [['Device.DeviceInfo.SerialNumber', 'X']] },
    });
    assert.equal(readOnly.status, 400);
    assert.match(JSON.stringify(readOnly.json), /read-only/);
    const unknown = await apiPost(h, path('/tasks'), { task: { name: 'setParameterValues', values: [['Device.No.Such', 'x']] } });
    assert.equal(unknown.status, 400);
    assert.match(JSON.stringify(unknown.json), /no known parameter/);
    assert.equal(h.store.tasks.listForDevice(deviceId).length, before, 'refused tasks are not queued');
  });

  test('addObject creates an instance with its initial values; deleteObject removes it', async () => {
    const table = 'Device.NAT.PortMapping.';
    const added = await run({
      name: 'addObject',
      path: table,
      values: [
        ['Description', 'web server'],
        ['ExternalPort', 8080],
      ],
    });
    assert.equal(added.task.status, 'done', JSON.stringify(added.task));
    const instance = (added.task.result as { path: string }).path;
    assert.match(instance, /^Device\.NAT\.PortMapping\.\d+\.$/);
    assert.equal(sim.model.get(`${instance}Description`)?.value, 'web server');
    assert.equal((await param(`${instance}ExternalPort`))?.value, '8080');

    const deleted = await run({ name: 'deleteObject', path: instance });
    assert.equal(deleted.task.status, 'done');
    assert.equal(sim.model.get(`${instance}Description`), undefined);
    const rows = (await apiGet(h, `${path('/parameters')}?prefix=${encodeURIComponent(instance)}`)).json as ParameterRow[];
    assert.deepEqual(rows, []);
  });

  test('set and get parameter attributes', async () => {
    const set = await run({ name: 'setParameterAttributes', attributes: [{ name: 'Device.WiFi.SSID.1.SSID', notification: 2 }] });
    assert.equal(set.task.status, 'done');
    const get = await run({ name: 'getParameterAttributes', names: ['Device.WiFi.SSID.1.SSID'] });
    const list = (get.task.result as { parameterList: { name: string; notification: number }[] }).parameterList;
    assert.equal(list[0]?.notification, 2);
  });

  test('reboot is done only when the device boots again with M Reboot', async () => {
    const r = await run({ name: 'reboot' });
    assert.equal(r.ran, true);
    await sim.idle();
    const task = (await apiGet(h, `/api/tasks/${r.task.id}`)).json as TaskRecord;
    assert.equal(task.status, 'done', JSON.stringify(task));
    assert.equal((task.result as { confirmedBy: string }).confirmedBy, 'M Reboot');
  });

  test('download: the device fetches the file and its TransferComplete settles the task', async () => {
    const r = await run({ name: 'download', fileType: '1 Firmware Upgrade Image', url: `${filesUrl}/fw.bin` });
    assert.equal(r.ran, true);
    await sim.idle();
    await sim.idle();
    const task = (await apiGet(h, `/api/tasks/${r.task.id}`)).json as TaskRecord;
    assert.equal(task.status, 'done', JSON.stringify(task));
    assert.equal(sim.model.get('Device.DeviceInfo.SoftwareVersion')?.value, '2.0.0');
  });

  test('upload: the device sends its configuration to the URL', async () => {
    const r = await run({ name: 'upload', fileType: '1 Vendor Configuration File', url: `${filesUrl}/backup.cfg` });
    await sim.idle();
    await sim.idle();
    const task = (await apiGet(h, `/api/tasks/${r.task.id}`)).json as TaskRecord;
    assert.equal(task.status, 'done', JSON.stringify(task));
    assert.ok(uploads.some((u) => u.includes('Device.WiFi.SSID.1.SSID')));
  });

  test('scheduleInform and getRPCMethods', async () => {
    const s = await run({ name: 'scheduleInform', delaySeconds: 1 });
    assert.equal(s.task.status, 'done');
    const g = await run({ name: 'getRPCMethods' });
    assert.ok((g.task.result as { methods: string[] }).methods.includes('GetParameterValues'));
  });

  test('factory reset is confirmed by 0 BOOTSTRAP and the tree is re-discovered', async () => {
    sim.model.setValue('Device.WiFi.SSID.1.SSID', 'changed-before-reset');
    const r = await run({ name: 'factoryReset' });
    assert.equal(r.ran, true);
    await sim.idle();
    const task = (await apiGet(h, `/api/tasks/${r.task.id}`)).json as TaskRecord;
    assert.equal(task.status, 'done', JSON.stringify(task));
    const tasks = (await apiGet(h, `/api/tasks?deviceId=${encodeURIComponent(deviceId)}&limit=1`)).json as TaskRecord[];
    assert.equal(tasks[0]?.name, 'refresh');
    assert.equal(tasks[0]?.status, 'done');
    assert.equal(h.store.parameters.count(deviceId), sim.model.size);
    assert.notEqual((await param('Device.WiFi.SSID.1.SSID'))?.value, 'changed-before-reset');
  });

  test('a queued task can be cancelled; unknown tasks and devices are clear errors', async () => {
    const q = await apiPost(h, path('/tasks'), { task: { name: 'getRPCMethods' } });
    const id = (q.json as CreateTaskResult).task.id;
    const cancelled = await apiPost(h, `/api/tasks/${id}`, undefined, 'DELETE');
    assert.equal((cancelled.json as TaskRecord).status, 'cancelled');
    assert.equal((await apiPost(h, `/api/tasks/${id}`, undefined, 'DELETE')).status, 409);
    const unknown = await apiPost(h, path('/tasks'), { task: { name: 'frobnicate' } });
    assert.equal(unknown.status, 400);
    assert.match(JSON.stringify(unknown.json), /unknown task name/);
    assert.equal((await apiPost(h, '/api/devices/nope/tasks', { task: { name: 'reboot' } })).status, 404);
    assert.equal((await apiGet(h, '/api/tasks/999999')).status, 404);
  });

  test('a CPE fault is stored with a plain-language explanation', async () => {
    const r = await run({ name: 'getParameterValues', names: ['Device.DeviceInfo.NotThere'] });
    assert.equal(r.task.status, 'fault');
    assert.equal(r.task.fault?.code, 9005);
    const detail = r.task.fault?.detail as { explanation: string; suggestedFix: string; rpcs: { answer: string }[] };
    assert.match(detail.explanation, /\w/);
    assert.match(detail.suggestedFix, /refresh/i);
    assert.deepEqual(
      detail.rpcs.map((x) => x.answer),
      ['Fault 9005'],
    );
  });

  test('a fault in the middle of a batch: the stale path is found, dropped and re-discovered; the rest is read', async () => {
    const productClass = h.store.devices.get(deviceId)?.productClass ?? '';
    await apiPost(
      h,
      '/api/settings/quirks',
      { rules: [{ match: { productClass }, quirks: { gpvBatchSize: 4 }, note: 'small batches' }] },
      'PUT',
    );
    const stale = 'Device.DeviceInfo.RetiredCounter';
    h.store.parameters.upsertValues(deviceId, [{ name: stale, value: '1', type: 'xsd:unsignedInt' }], new Date());
    const names = [
      'Device.DeviceInfo.Manufacturer',
      'Device.DeviceInfo.ModelName',
      'Device.DeviceInfo.SerialNumber',
      'Device.DeviceInfo.HardwareVersion',
      'Device.DeviceInfo.SoftwareVersion',
      stale,
      'Device.DeviceInfo.UpTime',
      'Device.DeviceInfo.ProductClass',
      'Device.ManagementServer.PeriodicInformInterval',
    ];
    const r = await run({ name: 'getParameterValues', names });
    assert.equal(r.task.status, 'done', JSON.stringify(r.task));
    const result = r.task.result as { values: string[][]; invalid: string[] };
    assert.deepEqual(result.invalid, [stale]);
    assert.equal(result.values.length, names.length - 1);
    assert.equal(await param(stale), undefined);
    assert.equal((await param('Device.DeviceInfo.Manufacturer'))?.value, sim.model.get('Device.DeviceInfo.Manufacturer')?.value);
    await apiPost(h, '/api/settings/quirks', { rules: [] }, 'PUT');
  });
});
