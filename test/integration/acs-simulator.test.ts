// Full CWMP sessions between the real ACS and the CPE simulator over loopback HTTP, with the
// results read back through the JSON API.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DeviceDetail, DeviceSummary, Page, ParameterRow } from '../../shared/models.ts';
import { loadCsvModel, startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

const repoRoot = resolve(new URL('../..', import.meta.url).pathname);
const datamodels = resolve(repoRoot, '../shared/cwmp/datamodels');

async function deviceBySerial(h: Harness, serial: string): Promise<DeviceSummary> {
  const page = (await apiGet(h, `/api/devices?q=${encodeURIComponent(serial)}`)).json as Page<DeviceSummary>;
  const d = page.items.find((x) => x.serialNumber === serial);
  assert.ok(d, `device ${serial} not listed by the API`);
  return d;
}

describe('ACS <-> simulator over real HTTP', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h.close();
  });

  for (const model of ['tr098', 'tr181'] as const) {
    test(`${model}: bootstrap, then a queued GetParameterNames + GetParameterValues run in the next session`, async () => {
      const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial: `SIM-${model}`, autoSessions: false, connectionRequest: false });
      sims.push(sim);
      const boot = await sim.runSession();
      assert.ok(boot.ok, JSON.stringify(boot));
      assert.ok(boot.events.includes('0 BOOTSTRAP'));
      const device = await deviceBySerial(h, `SIM-${model}`);
      const root = model === 'tr098' ? 'InternetGatewayDevice.' : 'Device.';
      assert.equal(device.rootObject, root.slice(0, -1));
      assert.notEqual(device.softwareVersion, '');

      const queued = await apiPost(h, `/api/devices/${encodeURIComponent(device.id)}/tasks`, { task: { name: 'refresh' } });
      assert.equal(queued.status, 200, JSON.stringify(queued.json));
      const second = await sim.runSession(['6 CONNECTION REQUEST']);
      assert.ok(second.ok, JSON.stringify(second));
      // A whole-device refresh: the names, then every value in one partial-path request.
      assert.deepEqual(second.rpcs, ['GetParameterNames', 'GetParameterValues']);

      const detail = (await apiGet(h, `/api/devices/${encodeURIComponent(device.id)}`)).json as DeviceDetail;
      assert.equal(detail.sessions.length, 2);
      assert.ok(detail.sessions.every((s) => s.outcome === 'ok'));
      assert.equal(detail.parameterCount, sim.model.size);
      const info = (await apiGet(h, `/api/devices/${encodeURIComponent(device.id)}/parameters?prefix=${root}DeviceInfo.`))
        .json as ParameterRow[];
      const serial = info.find((p) => p.path === `${root}DeviceInfo.SerialNumber`);
      assert.equal(serial?.value, `SIM-${model}`);
      assert.equal(serial?.writable, false);
      const tasks = h.store.tasks.listForDevice(device.id);
      assert.deepEqual(
        tasks.map((t) => t.status),
        ['done'],
      );
    });
  }

  test('a fault from the simulator (9005 for an unknown path) is recorded with the task', async () => {
    const sim = await startSimulator({
      acsUrl: h.cwmpUrl,
      model: 'tr181',
      serial: 'SIM-FAULT',
      autoSessions: false,
      connectionRequest: false,
    });
    sims.push(sim);
    await sim.runSession();
    const device = await deviceBySerial(h, 'SIM-FAULT');
    const task = h.store.tasks.enqueue(device.id, 'getParameterValues', { name: 'getParameterValues', names: ['Device.NoSuchThing.'] });
    const report = await sim.runSession();
    assert.deepEqual(report.faults, [{ rpc: 'GetParameterValues', code: 9005 }]);
    const stored = h.store.tasks.get(task.id);
    assert.equal(stored?.status, 'fault');
    assert.equal(stored?.fault?.code, 9005);
  });

  test('every real device dump in ../shared/cwmp/datamodels bootstraps and is stored', async (t) => {
    if (!existsSync(datamodels)) {
      t.skip(`../shared/cwmp/datamodels not found at ${datamodels}`);
      return;
    }
    const files = ['device-1C61B4-EX220-2226469000523.csv', 'device-eg8145x6-has-mesh.csv', 'device-H199Z.csv'];
    for (const [i, file] of files.entries()) {
      const model = loadCsvModel(readFileSync(join(datamodels, file), 'utf8'));
      const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial: `DUMP-${i}`, autoSessions: false, connectionRequest: false });
      sims.push(sim);
      const r = await sim.runSession();
      assert.ok(r.ok, `${file}: ${JSON.stringify(r)}`);
      const d = await deviceBySerial(h, `DUMP-${i}`);
      assert.notEqual(d.manufacturer, '', file);
    }
  });
});
