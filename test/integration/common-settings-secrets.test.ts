// Secrets through the device API, on the simulator: once DeskACS has set a Wi-Fi key and a PPPoE
// password (the stored tree then holds the values it sent), GET /api/devices/:id/settings and
// GET /api/devices/:id/parameters show them masked; with reveal=true, in clear. Other values are
// never masked, and a bad reveal flag is refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParameterRow } from '../../shared/models.ts';
import type { DeviceSetting } from '../../shared/models-settings.ts';
import { SECRET_MASK } from '../../electron/core/services/secret-params.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };
const KEY = 'clear-Wifi-Key-77';
const PPP = 'clear-Ppp-Pass-77';
const KEY_PATH = 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase';
const PPP_PATH = 'Device.PPP.Interface.1.Password';

describe('secret values through the device API', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let id = '';
  const enc = (): string => encodeURIComponent(id);

  const settings = async (query = ''): Promise<Map<string, DeviceSetting>> => {
    const r = await apiGet(h, `/api/devices/${enc()}/settings${query}`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return new Map((r.json as DeviceSetting[]).map((s) => [s.key, s]));
  };
  const parameters = async (query = ''): Promise<Map<string, string | null>> => {
    const r = await apiGet(h, `/api/devices/${enc()}/parameters${query}`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return new Map((r.json as ParameterRow[]).map((p) => [p.path, p.value]));
  };

  before(async () => {
    h = await startHarness();
    sim = await startSimulator({ acsUrl: h.cwmpUrl, model: 'tr181', serial: 'SECRET-1', connectionRequest: CR });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    const d = h.store.devices.search({ q: 'SECRET-1' }).items[0];
    assert.ok(d);
    id = d.id;
    assert.equal((await apiPost(h, `/api/devices/${enc()}/credentials`, CR, 'PUT')).status, 200);
    const refresh = await h.acs.api.createTask({ id, task: { name: 'refresh' }, connectionRequest: true, waitSeconds: 30 });
    await sim.idle();
    assert.equal(h.store.tasks.get(refresh.task.id)?.status, 'done');
    const set = await h.acs.api.createTask({
      id,
      task: {
        name: 'setParameterValues',
        values: [
          [KEY_PATH, KEY],
          [PPP_PATH, PPP],
        ],
      },
      connectionRequest: true,
      waitSeconds: 30,
    });
    await sim.idle();
    assert.equal(h.store.tasks.get(set.task.id)?.status, 'done', JSON.stringify(h.store.tasks.get(set.task.id)?.fault));
    assert.equal(sim.model.value(KEY_PATH), KEY);
    // The store keeps what DeskACS sent, in clear (the masking is the API's).
    assert.equal(h.store.parameters.get(id, KEY_PATH)?.value, KEY);
  });
  after(async () => {
    await sim?.close();
    await h?.close();
  });

  test('GET settings masks the Wi-Fi key and PPPoE password unless revealed', async () => {
    const masked = await settings();
    assert.equal(masked.get('wifi.key')?.path, KEY_PATH);
    assert.equal(masked.get('wifi.key')?.value, SECRET_MASK);
    assert.equal(masked.get('wan.pppoe.password')?.value, SECRET_MASK);
    assert.notEqual(masked.get('wifi.ssid')?.value, SECRET_MASK, 'a name is not a secret');
    const clear = await settings('?reveal=true');
    assert.equal(clear.get('wifi.key')?.value, KEY);
    assert.equal(clear.get('wan.pppoe.password')?.value, PPP);
    assert.deepEqual(await settings('?reveal=false'), masked);
  });

  test('GET parameters masks secret parameters unless revealed, also under a prefix', async () => {
    const masked = await parameters();
    assert.equal(masked.get(KEY_PATH), SECRET_MASK);
    assert.equal(masked.get(PPP_PATH), SECRET_MASK);
    assert.equal(masked.get('Device.ManagementServer.ConnectionRequestPassword') ?? '', '', 'an empty secret stays empty');
    assert.equal(masked.get('Device.DeviceInfo.SerialNumber'), 'SECRET-1');
    const json = JSON.stringify([...masked]);
    assert.ok(!json.includes(KEY) && !json.includes(PPP), 'no clear secret anywhere in the masked list');
    const clear = await parameters('?reveal=true');
    assert.equal(clear.get(KEY_PATH), KEY);
    assert.equal(clear.get(PPP_PATH), PPP);
    const one = await parameters(`?prefix=${encodeURIComponent(KEY_PATH)}`);
    assert.deepEqual([...one], [[KEY_PATH, SECRET_MASK]]);
    const oneClear = await parameters(`?prefix=${encodeURIComponent(KEY_PATH)}&reveal=1`);
    assert.deepEqual([...oneClear], [[KEY_PATH, KEY]]);
  });

  test('a bad reveal flag is refused', async () => {
    const r = await apiGet(h, `/api/devices/${enc()}/parameters?reveal=maybe`);
    assert.equal(r.status, 400);
    assert.match(JSON.stringify(r.json), /reveal/);
  });
});
