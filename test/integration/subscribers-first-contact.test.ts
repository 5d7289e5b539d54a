// Binding by MAC at a device's first contact, on a real ACS with simulated CPEs: a router whose
// serial is in no subscriber but whose own MAC is gets one bounded read of its MACs in its first
// session, is bound on the answer with nobody refreshing it, and then receives its subscriber's
// Wi-Fi name through a profile (asserted on the simulator's own tree). An unbound device whose
// MACs match nobody is read once, not at every session.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiPost } from '../helpers/acs-harness.ts';
import { startSubscriberHarness, type SubscriberHarness } from './subscribers-helpers.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };
/** The built-in TR-181 model's Device.Ethernet.Interface.1.MACAddress. */
const TR181_MAC = '0a:1b:2c:00:00:01';

describe('binding by MAC at first contact', () => {
  let h: SubscriberHarness;
  const sims: SimulatorHandle[] = [];

  const deviceIdOf = (serial: string): string => {
    const d = h.store.devices.search({ q: serial }).items.find((x) => x.serialNumber === serial);
    assert.ok(d, `device ${serial} did not inform`);
    return d.id;
  };
  async function boot(model: 'tr181' | 'tr098', serial: string): Promise<SimulatorHandle> {
    const s = await startSimulator({ acsUrl: h.cwmpUrl, model, serial, connectionRequest: CR });
    sims.push(s);
    await s.idle();
    if (s.sessions.length === 0) await s.runSession();
    await s.idle();
    return s;
  }
  const reads = (deviceId: string): string[][] =>
    h.store.tasks
      .list({ deviceId, name: 'getParameterValues', limit: 100 })
      .map((t) => (t.args as { names: string[] }).names)
      .sort();

  before(async () => {
    h = await startSubscriberHarness();
    const profile = await apiPost(h, '/api/profiles', { name: 'subscriber-wifi', set: { 'wifi.ssid': '{{subscriber.wifiSsid}}' } });
    assert.equal(profile.status, 200, JSON.stringify(profile.json));
    const put = (account: string, body: Record<string, unknown>) => apiPost(h, `/api/subscribers/${account}`, body, 'PUT');
    assert.equal(
      (await put('MAC-1', { name: 'Mac Only', mac: TR181_MAC.toUpperCase().replaceAll(':', '-'), wifiSsid: 'Mac-Home' })).status,
      200,
    );
    assert.equal((await put('MAC-2', { name: 'Nobody Here', mac: '02:00:00:00:00:99' })).status, 200);
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h?.close();
  });

  test('a device known only by its MAC is bound at its first contact and gets its Wi-Fi name', async () => {
    const sim = await boot('tr181', 'FIRST-MAC-1');
    const id = deviceIdOf('FIRST-MAC-1');
    assert.equal(h.store.subscribers.byDevice(id)?.accountId, 'MAC-1', 'bound without any manual refresh');
    assert.deepEqual(reads(id), [['Device.Ethernet.Interface.'], ['Device.Ethernet.Link.']]);
    if (sim.model.value('Device.WiFi.SSID.1.SSID') !== 'Mac-Home') {
      // Bound at the session's end: the profile follows at its next session.
      await sim.runSession();
      await sim.idle();
    }
    assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Mac-Home');
    assert.ok(h.logLines.some((l) => l.includes('device bound to a subscriber') && l.includes('"by":"MAC"')));
  });

  test('an unbound device matching no MAC is read once, not at every session', async () => {
    const sim = await boot('tr098', 'FIRST-MAC-2');
    const id = deviceIdOf('FIRST-MAC-2');
    assert.deepEqual(reads(id), [['InternetGatewayDevice.WANDevice.']]);
    assert.equal(h.store.subscribers.byDevice(id), undefined);
    await sim.runSession();
    await sim.idle();
    assert.equal(reads(id).length, 1, 'no second read');
  });
});
