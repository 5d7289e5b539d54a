// The device page's core API against the real ACS and the CPE simulator: the summary card after
// a refresh (built-in TR-181 and TR-098 gateways, real TP-Link and Intelbras dumps), value checks
// before any task, and a value the device itself refuses turning into an explained fault.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AcsError } from '../../shared/errors.ts';
import type { DeviceSummaryCard, ValueCheck } from '../../shared/models-device.ts';
import { loadCsvModel, startSimulator, type DeviceModel, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const datamodels = resolve(repoRoot, '../shared/cwmp/datamodels');
const CR = { username: 'cr-user', password: 'cr-secret' };

async function deviceId(h: Harness, serial: string): Promise<string> {
  const d = h.store.devices.search({ q: serial }).items.find((x) => x.serialNumber === serial);
  assert.ok(d, `device ${serial} did not bootstrap`);
  return d.id;
}

/** A simulated device that bootstrapped and then got a full refresh in its next session. */
async function refreshed(
  h: Harness,
  model: DeviceModel | 'tr181' | 'tr098',
  serial: string,
): Promise<{ sim: SimulatorHandle; id: string }> {
  const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial, autoSessions: false, connectionRequest: false });
  await sim.runSession();
  const id = await deviceId(h, serial);
  await h.acs.api.createTask({ id, task: { name: 'refresh' } });
  await sim.runSession();
  const [task] = h.store.tasks.listForDevice(id);
  assert.equal(task?.status, 'done', JSON.stringify(task?.fault));
  return { sim, id };
}

function dump(file: string): DeviceModel | undefined {
  const path = join(datamodels, file);
  return existsSync(path) ? loadCsvModel(readFileSync(path, 'utf8')) : undefined;
}

describe('device summary card through the API', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h?.close();
  });

  test('TR-181 gateway: identity, uptime with its read time, PPPoE WAN, LAN, both bands', async () => {
    const { sim, id } = await refreshed(h, 'tr181', 'SUM-181');
    sims.push(sim);
    const c = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/summary`)).json as DeviceSummaryCard;
    assert.equal(c.id, id);
    assert.equal(c.serialNumber, 'SUM-181');
    assert.equal(c.modelName, 'VirtualGateway 181');
    assert.equal(c.uptimeSeconds, 3600);
    assert.equal(c.uptimeAt, h.store.parameters.get(id, 'Device.DeviceInfo.UpTime')?.updatedAt);
    assert.deepEqual(c.wan, {
      type: 'PPPoE',
      ip: '100.64.12.34',
      state: 'Connected',
      username: 'subscriber@isp.example',
      path: 'Device.PPP.Interface.1.',
    });
    assert.equal(c.lanIp, '192.168.1.1');
    assert.deepEqual(
      c.wifi.map((w) => [w.band, w.ssid, w.enabled, w.clients, w.ssidPath]),
      [
        ['2.4 GHz', 'DeskACS-2G', true, 0, 'Device.WiFi.SSID.1.SSID'],
        ['5 GHz', 'DeskACS-5G', true, 0, 'Device.WiFi.SSID.2.SSID'],
      ],
    );
    assert.deepEqual(c.connectionRequest, { url: '', lastOutcome: null, credentials: 'none', username: '' });
  });

  test('TR-098 gateway: DHCP WAN (the default connection), LAN host config address, WLANs by channel', async () => {
    const { sim, id } = await refreshed(h, 'tr098', 'SUM-098');
    sims.push(sim);
    await h.acs.api.setDefaultCredentials({ username: 'fleet', password: 'fleet-secret' });
    const c = await h.acs.api.getDeviceSummary({ id });
    assert.equal(c.wan?.type, 'DHCP');
    assert.equal(c.wan?.ip, '198.51.100.23');
    assert.equal(c.wan?.state, 'Connected');
    assert.equal(c.lanIp, '192.168.1.1');
    assert.deepEqual(
      c.wifi.map((w) => [w.band, w.ssid]),
      [
        ['2.4 GHz', 'DeskACS-2G'],
        ['5 GHz', 'DeskACS-5G'],
      ],
    );
    assert.equal(c.connectionRequest.credentials, 'default');
    assert.equal(c.connectionRequest.username, 'fleet');
    await h.acs.api.deleteDefaultCredentials({});
  });

  test('real TP-Link EC220-G5 v3 (TR-181) and Intelbras W5-2100G (TR-098) dumps', async (t) => {
    const tplink = dump('device-9CA2F4-EC220_G5_V3-22275K2000315.csv');
    const intelbras = dump('device-00E04C-W5%2D2100G-D8365F659C6E.csv');
    if (tplink === undefined || intelbras === undefined) {
      t.skip(`../shared/cwmp/datamodels not found at ${datamodels}`);
      return;
    }
    const a = await refreshed(h, tplink, 'SUM-TPL');
    const b = await refreshed(h, intelbras, 'SUM-INT');
    sims.push(a.sim, b.sim);
    const tp = await h.acs.api.getDeviceSummary({ id: a.id });
    assert.equal(tp.manufacturer, 'TP-Link');
    assert.deepEqual(tp.wan, {
      type: 'PPPoE',
      ip: '192.168.89.125',
      state: 'Connected',
      username: 'admin123',
      path: 'Device.PPP.Interface.1.',
    });
    assert.equal(tp.lanIp, '192.168.0.1');
    assert.deepEqual(
      tp.wifi.map((w) => [w.band, w.ssid, w.enabled]),
      [
        ['2.4 GHz', 'TP-Link_0CE8', true],
        ['2.4 GHz', 'TP-Link_Guest_0CE8', false],
        ['5 GHz', 'TP-Link_0CE8_5G', true],
        ['5 GHz', 'TP-Link_Guest_0CE8_5G', false],
      ],
    );
    assert.equal(tp.uptimeSeconds, 545);
    const ib = await h.acs.api.getDeviceSummary({ id: b.id });
    assert.equal(ib.manufacturer, 'INTELBRAS');
    assert.equal(ib.wan?.type, 'PPPoE');
    assert.equal(ib.wan?.ip, '192.168.89.85');
    assert.equal(ib.wan?.username, 'admin123');
    assert.equal(ib.lanIp, '10.0.0.1');
    assert.deepEqual(
      ib.wifi.map((w) => [w.band, w.ssid, w.clients]),
      [
        ['5 GHz', 'Anlix-W5-2100-5G', 1],
        ['2.4 GHz', 'Anlix-W5-2100-2', 1],
      ],
    );
    assert.equal(ib.uptimeSeconds, 951);
  });

  test('an unknown device is not_found', async () => {
    await assert.rejects(h.acs.api.getDeviceSummary({ id: 'NOPE-X-1' }), (e: unknown) => e instanceof AcsError && e.code === 'not_found');
  });
});

describe('value checks and refused values', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let id: string;

  before(async () => {
    h = await startHarness();
    sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'CHECK-1', connectionRequest: CR });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    id = await deviceId(h, 'CHECK-1');
    await h.acs.api.setDeviceCredentials({ id, ...CR });
    const r = await h.acs.api.createTask({ id, task: { name: 'refresh' }, connectionRequest: true, waitSeconds: 15 });
    assert.equal(r.task.status, 'done');
  });
  after(async () => {
    await sim?.close();
    await h?.close();
  });

  test('each value gets its own verdict, in the core words a task would get', async () => {
    const checks = (
      await apiPost(h, `/api/devices/${encodeURIComponent(id)}/check-values`, {
        values: [
          ['Device.WiFi.SSID.1.SSID', 'shop'],
          ['Device.ManagementServer.PeriodicInformInterval', ' 600 '],
          ['Device.WiFi.Radio.1.AutoChannelEnable', 'yes'],
          ['Device.DeviceInfo.SerialNumber', 'X1'],
          ['Device.Nope.Thing', 1],
          ['Device.WiFi.', 'x'],
          ['Device.WiFi.SSID.1.SSID', 'again'],
          ['Device.WiFi.Radio.2.AutoChannelEnable', 0],
        ],
      })
    ).json as ValueCheck[];
    assert.deepEqual(checks, [
      { path: 'Device.WiFi.SSID.1.SSID', ok: true, value: 'shop', type: 'xsd:string', message: null },
      { path: 'Device.ManagementServer.PeriodicInformInterval', ok: true, value: '600', type: 'xsd:unsignedInt', message: null },
      {
        path: 'Device.WiFi.Radio.1.AutoChannelEnable',
        ok: false,
        value: null,
        type: 'xsd:boolean',
        message: "'yes' is not a valid xsd:boolean for Device.WiFi.Radio.1.AutoChannelEnable (expected true, false, 1 or 0)",
      },
      {
        path: 'Device.DeviceInfo.SerialNumber',
        ok: false,
        value: null,
        type: 'xsd:string',
        message: "'Device.DeviceInfo.SerialNumber' is read-only on this device",
      },
      {
        path: 'Device.Nope.Thing',
        ok: false,
        value: null,
        type: null,
        message: "the device has no known parameter 'Device.Nope.Thing'; refresh the device (or its subtree) first, or check the path",
      },
      { path: 'Device.WiFi.', ok: false, value: null, type: null, message: "'Device.WiFi.' is an object; only parameters take values" },
      { path: 'Device.WiFi.SSID.1.SSID', ok: false, value: null, type: null, message: "'Device.WiFi.SSID.1.SSID' is given twice" },
      { path: 'Device.WiFi.Radio.2.AutoChannelEnable', ok: true, value: 'false', type: 'xsd:boolean', message: null },
    ]);
    // The same refusal a task gets, word for word.
    await assert.rejects(
      h.acs.api.createTask({ id, task: { name: 'setParameterValues', values: [['Device.DeviceInfo.SerialNumber', 'X1']] } }),
      (e: unknown) => e instanceof AcsError && e.message === "'Device.DeviceInfo.SerialNumber' is read-only on this device",
    );
    assert.equal(h.store.tasks.list({ deviceId: id, status: 'queued', limit: 10 }).length, 0, 'checking queues nothing');
    await assert.rejects(
      h.acs.api.checkValues({ id: 'NOPE-X-1', values: [['Device.X', 1]] }),
      (e: unknown) => e instanceof AcsError && e.code === 'not_found',
    );
  });

  test('a value the device refuses is a fault with its explanation and the refused parameter', async () => {
    // 40 characters: a valid xsd:string, so DeskACS sends it; an SSID holds at most 32, so the CPE refuses it.
    const long = 'a-very-long-network-name-for-the-shop-42';
    const r = await h.acs.api.createTask({
      id,
      task: { name: 'setParameterValues', values: [['Device.WiFi.SSID.1.SSID', long]] },
      connectionRequest: true,
      waitSeconds: 15,
    });
    assert.equal(r.task.status, 'fault');
    assert.notEqual(sim.model.value('Device.WiFi.SSID.1.SSID'), long);
    const [fault] = await h.acs.api.listFaults({ id, limit: 5 });
    assert.ok(fault);
    assert.equal(fault.taskId, r.task.id);
    assert.equal(fault.code, 9003);
    assert.equal(fault.title, 'Invalid arguments');
    assert.match(fault.explanation, /did not accept the arguments/);
    assert.notEqual(fault.suggestedFix, '');
    assert.deepEqual(fault.parameters, [{ name: 'Device.WiFi.SSID.1.SSID', code: 9007, message: 'Invalid parameter value' }]);
    const listed = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/faults?limit=1`)).json as { id: number }[];
    assert.deepEqual(
      listed.map((f) => f.id),
      [fault.id],
    );
  });
});
