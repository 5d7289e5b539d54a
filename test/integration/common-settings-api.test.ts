// Common settings through the JSON API against the CPE simulator: after a bootstrap nothing is
// guessed; after a refresh every resolved setting reads the simulator's own value; a change by
// setting name is one setParameterValues task that, woken by a connection request, changes the
// simulated device itself. Bad keys are refused by name before anything is queued.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CreateTaskResult } from '../../shared/models.ts';
import type { CommonSetting, DeviceSetting } from '../../shared/models-settings.ts';
import { NEVER_READ } from '../../electron/core/services/common-settings/service.ts';
import { loadCsvModel, startSimulator, type DeviceModel, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const datamodels = resolve(repoRoot, '../shared/cwmp/datamodels');
const CR = { username: 'cr-user', password: 'cr-secret' };

describe('common settings through the API, on the simulator', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];

  const settingsPath = (id: string): string => `/api/devices/${encodeURIComponent(id)}/settings`;

  /** A simulated device that bootstrapped and answers connection requests with our credentials. */
  async function bootstrapped(model: DeviceModel | 'tr181' | 'tr098', serial: string): Promise<{ sim: SimulatorHandle; id: string }> {
    const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial, connectionRequest: CR });
    sims.push(sim);
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    const d = h.store.devices.search({ q: serial }).items.find((x) => x.serialNumber === serial);
    assert.ok(d, `device ${serial} did not bootstrap`);
    const put = await apiPost(h, `/api/devices/${encodeURIComponent(d.id)}/credentials`, CR, 'PUT');
    assert.equal(put.status, 200, JSON.stringify(put.json));
    return { sim, id: d.id };
  }

  async function refresh(sim: SimulatorHandle, id: string): Promise<void> {
    const r = await h.acs.api.createTask({ id, task: { name: 'refresh' }, connectionRequest: true, waitSeconds: 30 });
    await sim.idle();
    assert.equal(h.store.tasks.get(r.task.id)?.status, 'done', JSON.stringify(h.store.tasks.get(r.task.id)?.fault));
  }

  async function settings(id: string): Promise<Map<string, DeviceSetting>> {
    const r = await apiGet(h, settingsPath(id));
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return new Map((r.json as DeviceSetting[]).map((s) => [s.key, s]));
  }

  /**
   * Every resolved setting reads what the simulated device itself holds; a secret reads what the
   * device reports for it, which is empty (as real CPEs do).
   */
  function assertMatchesDevice(sim: SimulatorHandle, s: Map<string, DeviceSetting>): void {
    for (const setting of s.values()) {
      if (setting.path === null) continue;
      const expected = setting.secret ? '' : (sim.model.value(setting.path) ?? null);
      assert.equal(setting.value, expected, `${setting.key} at ${setting.path}`);
    }
  }

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h?.close();
  });

  test('the catalog is served at /api/common-settings', async () => {
    const r = await apiGet(h, '/api/common-settings');
    assert.equal(r.status, 200);
    const catalog = r.json as CommonSetting[];
    assert.ok(catalog.length >= 25);
    assert.deepEqual(
      catalog.find((c) => c.key === 'wan.pppoe.password'),
      {
        key: 'wan.pppoe.password',
        label: 'PPPoE password',
        group: 'WAN',
        type: 'xsd:string',
        secret: true,
        description: 'The PPPoE password of the internet connection. CPEs report it as empty.',
      },
    );
  });

  test("TR-181: unread after bootstrap, the device's own values after a refresh, wifi.ssid changed on the device", async () => {
    const { sim, id } = await bootstrapped('tr181', 'CS-181');
    const before = await settings(id);
    assert.equal(before.get('wifi.ssid')?.unsupported, NEVER_READ);

    await refresh(sim, id);
    const s = await settings(id);
    assert.equal(s.get('wifi.5g.ssid')?.path, 'Device.WiFi.SSID.2.SSID');
    assert.equal(s.get('wifi.5g.ssid')?.value, 'DeskACS-5G');
    assert.equal(s.get('wan.pppoe.username')?.value, 'subscriber@isp.example');
    assertMatchesDevice(sim, s);

    const put = await apiPost(
      h,
      settingsPath(id),
      { values: { 'wifi.ssid': 'Customer-Home', 'mgmt.periodicInformInterval': 900 }, connectionRequest: true, waitSeconds: 30 },
      'PUT',
    );
    assert.equal(put.status, 200, JSON.stringify(put.json));
    const result = put.json as CreateTaskResult;
    await sim.idle();
    assert.equal(result.task.name, 'setParameterValues');
    assert.equal(h.store.tasks.get(result.task.id)?.status, 'done', JSON.stringify(h.store.tasks.get(result.task.id)?.fault));
    assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Customer-Home');
    assert.equal(sim.model.value('Device.ManagementServer.PeriodicInformInterval'), '900');
    assert.equal((await settings(id)).get('wifi.ssid')?.value, 'Customer-Home');
  });

  test("TR-098: the device's values after a refresh, wifi.5g.ssid changed on the device", async () => {
    const { sim, id } = await bootstrapped('tr098', 'CS-098');
    await refresh(sim, id);
    const s = await settings(id);
    const path = 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.SSID';
    assert.equal(s.get('wifi.5g.ssid')?.path, path);
    assertMatchesDevice(sim, s);
    const r = await h.acs.api.setDeviceSettings({
      id,
      values: { 'wifi.5g.ssid': 'Customer-5G' },
      connectionRequest: true,
      waitSeconds: 30,
    });
    await sim.idle();
    assert.equal(h.store.tasks.get(r.task.id)?.status, 'done', JSON.stringify(h.store.tasks.get(r.task.id)?.fault));
    assert.equal(sim.model.value(path), 'Customer-5G');
  });

  test('a real TP-Link EX220 dump: the 5 GHz main SSID is SSID.3 and changes on the device', async (t) => {
    const file = join(datamodels, 'device-1C61B4-EX220-2226469000523.csv');
    if (!existsSync(file)) {
      t.skip(`../shared/cwmp/datamodels not found at ${datamodels}`);
      return;
    }
    const { sim, id } = await bootstrapped(loadCsvModel(readFileSync(file, 'utf8')), 'CS-EX220');
    await refresh(sim, id);
    const s = await settings(id);
    assert.equal(s.get('wifi.5g.ssid')?.path, 'Device.WiFi.SSID.3.SSID');
    assertMatchesDevice(sim, s);
    const r = await h.acs.api.setDeviceSettings({ id, values: { 'wifi.5g.ssid': 'EX220-5G' }, connectionRequest: true, waitSeconds: 30 });
    await sim.idle();
    assert.equal(h.store.tasks.get(r.task.id)?.status, 'done', JSON.stringify(h.store.tasks.get(r.task.id)?.fault));
    assert.equal(sim.model.value('Device.WiFi.SSID.3.SSID'), 'EX220-5G');
  });

  test('unknown, unsupported and read-only keys are refused by name and nothing is queued', async () => {
    const { sim, id } = await bootstrapped('tr181', 'CS-BAD');
    await refresh(sim, id);
    const queued = h.store.tasks.listForDevice(id).length;
    const r = await apiPost(h, settingsPath(id), { values: { 'wifi.name': 'x', 'wan.connectionType': 'DHCP' } }, 'PUT');
    assert.equal(r.status, 400);
    const message = (r.json as { error: { message: string } }).error.message;
    assert.match(message, /'wifi\.name' is not a common setting/);
    assert.match(message, /'wan\.connectionType' is not supported by this model: TR-181 has no connection-type parameter/);
    const readOnly = await apiPost(h, settingsPath(id), { values: { 'wan.dns': '1.1.1.1' } }, 'PUT');
    assert.equal(readOnly.status, 400);
    assert.match(
      (readOnly.json as { error: { message: string } }).error.message,
      /'wan\.dns' is read-only on this device \(Device\.PPP\.Interface\.1\.IPCP\.DNSServers\)/,
    );
    assert.equal(h.store.tasks.listForDevice(id).length, queued);
    const missing = await apiGet(h, settingsPath('nope-nope-1'));
    assert.equal(missing.status, 404);
  });
});
