// Binding devices to subscribers on a real ACS with simulated CPEs: a device whose serial is a
// subscriber's is bound at its first Inform; one whose own MAC is is bound once its first session
// read it (never by a LAN host's MAC); the directory's onBindingChanged and the subscribersChanged
// event fire; the installer binds, re-binds (moving the binding) and unbinds through the API,
// and an unbound pair is not bound again automatically.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AcsEvents } from '../../shared/contract.ts';
import type { Subscriber } from '../../shared/models-provisioning.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost } from '../helpers/acs-harness.ts';
import { startSubscriberHarness, type SubscriberHarness } from './subscribers-helpers.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };
const MASK = '••••••';
/** The built-in TR-098 model's WANIPConnection.1.MACAddress, and its LAN host 'laptop'. */
const TR098_WAN_MAC = '0a:1b:2c:00:01:02';
const TR098_HOST_MAC = 'aa:bb:cc:00:01:01';

describe('binding devices to subscribers', () => {
  let h: SubscriberHarness;
  const sims: SimulatorHandle[] = [];
  const fired: string[] = [];
  const changes: AcsEvents['subscribersChanged'][] = [];
  const ids = { serial: '', mac: '' };

  const device = (serial: string): string => {
    const d = h.store.devices.search({ q: serial }).items.find((x) => x.serialNumber === serial);
    assert.ok(d, `device ${serial} did not inform`);
    return d.id;
  };
  const deviceSubscriberPath = (id: string): string => `/api/devices/${encodeURIComponent(id)}/subscriber`;

  async function simulate(model: 'tr181' | 'tr098', serial: string): Promise<SimulatorHandle> {
    const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial, connectionRequest: CR });
    sims.push(sim);
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    await sim.idle();
    return sim;
  }

  before(async () => {
    h = await startSubscriberHarness();
    h.subscribers.onBindingChanged((deviceId) => fired.push(deviceId));
    h.acs.events.on('subscribersChanged', (e) => changes.push(e));
    const put = (account: string, body: Record<string, unknown>) => h.subscribers.put({ accountId: account, ...body } as never);
    put('S1', {
      name: 'Serial Sam',
      serial: 'BIND-SN-1',
      pppoeUsername: 'sam@isp',
      pppoePassword: 'sam-ppp-pass',
      wifiSsid: 'Sam-Net',
      wifiKey: 'sam-wifi-key',
    });
    put('S2', { name: 'Mac Mia', mac: TR098_WAN_MAC.toUpperCase().replaceAll(':', '-') });
    put('S9', { name: 'Laptop owner', mac: TR098_HOST_MAC });
    put('S3', { name: 'Third Tom' });
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h?.close();
  });

  test('a device informing with a subscriber serial is bound at its first Inform', async () => {
    const before = fired.length;
    await simulate('tr181', 'bind-sn-1');
    ids.serial = device('bind-sn-1');
    const s1 = h.store.subscribers.get('S1');
    assert.equal(s1?.deviceId, ids.serial);
    assert.ok(s1?.boundAt);
    assert.deepEqual(fired.slice(before), [ids.serial]);
    assert.ok(changes.some((c) => c.accountId === 'S1' && c.deviceId === ids.serial));
    // The directory hands the profile engine the subscriber with its secrets.
    assert.equal(h.subscribers.forDevice(ids.serial)?.wifiKey, 'sam-wifi-key');
    assert.ok(h.logLines.some((l) => l.includes('device bound to a subscriber') && l.includes('"by":"serial"')));
  });

  test("a device is bound by its own MAC read at its first contact, never by a LAN host's", async () => {
    const before = fired.length;
    await simulate('tr098', 'MAC-DEV-1');
    ids.mac = device('MAC-DEV-1');
    const cr = await apiPost(h, `/api/devices/${encodeURIComponent(ids.mac)}/credentials`, CR, 'PUT');
    assert.equal(cr.status, 200);
    // The Inform carries no MAC: the first session read the WAN device's (mac-read.ts).
    assert.equal(h.store.subscribers.byDevice(ids.mac)?.accountId, 'S2');
    assert.equal(h.store.subscribers.get('S9')?.deviceId, null);
    assert.deepEqual(fired.slice(before), [ids.mac]);
  });

  test('the device subscriber is masked unless revealed, null when unbound', async () => {
    const got = await apiGet(h, deviceSubscriberPath(ids.serial));
    assert.equal(got.status, 200);
    assert.equal((got.json as Subscriber).accountId, 'S1');
    assert.equal((got.json as Subscriber).pppoePassword, MASK);
    assert.equal((got.json as Subscriber).wifiKey, MASK);
    const revealed = (await apiGet(h, `${deviceSubscriberPath(ids.serial)}?reveal=true`)).json as Subscriber;
    assert.equal(revealed.pppoePassword, 'sam-ppp-pass');
    const list = await apiGet(h, '/api/subscribers?bound=true');
    assert.deepEqual(
      (list.json as { items: Subscriber[] }).items.map((s) => [s.accountId, s.deviceId, s.pppoePassword]),
      [
        ['S1', ids.serial, MASK],
        ['S2', ids.mac, null],
      ],
    );
  });

  test('the installer re-binds: the binding moves, the old one is removed', async () => {
    const before = fired.length;
    const r = await apiPost(h, deviceSubscriberPath(ids.serial), { accountId: 'S3' }, 'PUT');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal((r.json as Subscriber).deviceId, ids.serial);
    assert.equal(h.store.subscribers.get('S1')?.deviceId, null);
    assert.deepEqual(fired.slice(before), [ids.serial]);

    // S3 moves to the other device: the serial device is left unbound, S2 loses its device.
    const moved = await apiPost(h, deviceSubscriberPath(ids.mac), { accountId: 'S3' }, 'PUT');
    assert.equal(moved.status, 200);
    assert.equal(h.store.subscribers.get('S3')?.deviceId, ids.mac);
    assert.equal(h.store.subscribers.get('S2')?.deviceId, null);
    assert.equal(h.store.subscribers.byDevice(ids.serial), undefined);
    assert.deepEqual(new Set(fired.slice(before + 1)), new Set([ids.mac, ids.serial]));

    // Binding what is already bound changes nothing.
    const again = fired.length;
    await apiPost(h, deviceSubscriberPath(ids.mac), { accountId: 'S3' }, 'PUT');
    assert.equal(fired.length, again);
  });

  test('unbinding is remembered: the next Inform does not bind the pair again', async () => {
    // The serial device was left unbound by the move: its next Inform binds it to S1 again.
    await sims[0]?.runSession();
    await sims[0]?.idle();
    assert.equal(h.store.subscribers.get('S1')?.deviceId, ids.serial);

    const before = fired.length;
    const r = await apiPost(h, deviceSubscriberPath(ids.serial), undefined, 'DELETE');
    assert.deepEqual(r.json, { removed: true });
    assert.deepEqual(fired.slice(before), [ids.serial]);
    assert.deepEqual((await apiPost(h, deviceSubscriberPath(ids.serial), undefined, 'DELETE')).json, { removed: false });
    assert.equal((await apiGet(h, deviceSubscriberPath(ids.serial))).json, null);

    await sims[0]?.runSession();
    await sims[0]?.idle();
    assert.equal(h.store.subscribers.get('S1')?.deviceId, null, 'an unbound pair must not be bound again automatically');

    // The installer may bind it again by hand.
    const bound = await apiPost(h, deviceSubscriberPath(ids.serial), { accountId: 'S1' }, 'PUT');
    assert.equal((bound.json as Subscriber).deviceId, ids.serial);
  });

  test("a change to a bound subscriber's values tells the directory (PUT and import)", async () => {
    const before = fired.length;
    await apiPost(h, '/api/subscribers/S1', { wifiSsid: 'Sam-Net-2' }, 'PUT');
    assert.deepEqual(fired.slice(before), [ids.serial]);
    const r = await apiPost(h, '/api/subscribers/import', { csv: 'Account,Name,SSID\nS1,Serial Sam,Sam-Net-3\nS2,Mac Mia,\n' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(fired.slice(before + 1), [ids.serial], 'the unbound S2 changed nothing bound');
    // Unchanged values fire nothing.
    await apiPost(h, '/api/subscribers/S1', { wifiSsid: 'Sam-Net-3' }, 'PUT');
    assert.equal(fired.length, before + 2);
  });

  test('bad bindings are refused clearly', async () => {
    const noAccount = await apiPost(h, deviceSubscriberPath(ids.serial), { accountId: 'NOPE' }, 'PUT');
    assert.equal(noAccount.status, 404);
    assert.match(JSON.stringify(noAccount.json), /no subscriber with account id 'NOPE'/);
    const noDevice = await apiPost(h, deviceSubscriberPath('no-such-device'), { accountId: 'S1' }, 'PUT');
    assert.equal(noDevice.status, 404);
    const missing = await apiPost(h, deviceSubscriberPath(ids.serial), {}, 'PUT');
    assert.equal(missing.status, 400);
  });

  test('deleting a bound subscriber tells the directory', async () => {
    const before = fired.length;
    const r = await apiPost(h, '/api/subscribers/S3', undefined, 'DELETE');
    assert.deepEqual(r.json, { removed: true });
    assert.deepEqual(fired.slice(before), [ids.mac]);
    assert.equal(h.subscribers.forDevice(ids.mac), null);
  });

  test('deleting a device drops its binding and refreshes subscriber lists', async () => {
    const sim = sims[1];
    assert.ok(sim);
    const sessions = sim.sessions.length;
    await apiPost(h, deviceSubscriberPath(ids.mac), { accountId: 'S2' }, 'PUT');
    // The binding wakes the device for its profiles: it is deleted once that session is over.
    for (let i = 0; i < 200 && sim.sessions.length === sessions; i++) await new Promise((r) => setTimeout(r, 25));
    await sim.idle();
    const before = changes.length;
    const r = await apiPost(h, `/api/devices/${encodeURIComponent(ids.mac)}`, undefined, 'DELETE');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(h.store.subscribers.get('S2')?.deviceId, null);
    assert.deepEqual(changes.slice(before), [{ accountId: null, deviceId: null }]);
  });

  test('no secret reached the log', () => {
    for (const secret of ['sam-ppp-pass', 'sam-wifi-key'])
      assert.equal(
        h.logLines.some((l) => l.includes(secret)),
        false,
        secret,
      );
  });
});
