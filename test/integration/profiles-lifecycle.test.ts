// A provisioned device's life after its first contact, against a real ACS on loopback and the CPE
// simulator: a factory reset (a new '0 BOOTSTRAP') gets every value again, secrets, attributes and
// connection-request credentials included, and the checklist never says done with factory
// values; a profile with when ['boot'] applies at '1 BOOT' and not at a plain periodic Inform; a
// device rebound from subscriber A to B gets B's values; a partial PUT keeps the fields it does
// not name; an overridden step has its own state and the Wi-Fi check waits for its SSID.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeviceProvisioning, Profile } from '../../shared/models-provisioning.ts';
import type { DeviceSetting } from '../../shared/models-settings.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { reportHtml } from '../../electron/core/services/installer/report-html.ts';
import { reportModel } from '../../electron/core/services/installer/report-model.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

describe('provisioning profiles over a device life', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];

  async function boot(model: 'tr181' | 'tr098', serial: string): Promise<{ sim: SimulatorHandle; id: string }> {
    const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial });
    sims.push(sim);
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    await sim.idle();
    const d = h.store.devices.search({ q: serial }).items.find((x) => x.serialNumber === serial);
    assert.ok(d, `device ${serial} did not inform`);
    return { sim, id: d.id };
  }

  async function createProfile(body: Record<string, unknown>): Promise<Profile> {
    const r = await apiPost(h, '/api/profiles', body);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as Profile;
  }

  async function provisioning(id: string): Promise<DeviceProvisioning> {
    const r = await apiGet(h, `/api/devices/${encodeURIComponent(id)}/provisioning`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json as DeviceProvisioning;
  }

  /** The notification attribute of a parameter, as the simulated CPE itself answers it. */
  const notificationOf = (sim: SimulatorHandle, path: string): number | undefined => {
    const reply = sim.cpe.handle({ name: 'GetParameterAttributes', parameterNames: [path] } as never) as {
      parameterList?: { name: string; notification: number }[];
    };
    return reply.parameterList?.find((p) => p.name === path)?.notification;
  };

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h.close();
  });

  test('a factory reset gets the key, the attribute and the CR credentials again, never reported done before', async () => {
    await createProfile({
      name: 'reset',
      match: { serial: 'PRFRST*' },
      set: { 'wifi.ssid': 'Reset-{{serialNumber}}', 'wifi.key': 'reset-key-123' },
      attributes: [{ parameter: 'wan.ip', notification: 2 }],
      connectionRequest: { username: 'cr-{{serialNumber}}', password: 'cr-pass-123' },
    });
    const { sim, id } = await boot('tr181', 'PRFRST1');
    const settings = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/settings`)).json as DeviceSetting[];
    const wanIp = settings.find((s) => s.key === 'wan.ip')?.path;
    assert.ok(wanIp, 'wan.ip resolves on the TR-181 simulator');
    const key = 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase';
    const crUser = 'Device.ManagementServer.ConnectionRequestUsername';
    const crPass = 'Device.ManagementServer.ConnectionRequestPassword';
    const applied = (): [string | undefined, string | undefined, string | undefined, number | undefined] => [
      sim.model.value(key),
      sim.model.value(crUser),
      sim.model.value(crPass),
      notificationOf(sim, wanIp),
    ];
    assert.deepEqual(applied(), ['reset-key-123', 'cr-PRFRST1', 'cr-pass-123', 2]);
    assert.equal(
      (await provisioning(id)).steps.every((s) => s.state === 'done'),
      true,
    );

    sim.cpe.factoryReset();
    assert.notDeepEqual(sim.model.value(key), 'reset-key-123', 'the reset brought the factory key back');
    assert.equal(notificationOf(sim, wanIp), 0);
    assert.notEqual(sim.model.value(crUser), 'cr-PRFRST1');

    // Every time the checklist changes during the bootstrap session, no step may say done while the
    // simulator still has the factory value of that step.
    const wrong: string[] = [];
    const secretItems: Record<string, () => boolean> = {
      'wifi.key': () => sim.model.value(key) === 'reset-key-123',
      'attributes[0]': () => notificationOf(sim, wanIp) === 2,
      connectionRequest: () => sim.model.value(crUser) === 'cr-PRFRST1' && sim.model.value(crPass) === 'cr-pass-123',
    };
    const look = (): void => {
      void h.acs.api.getProvisioning({ id }).then((p) => {
        for (const s of p.steps)
          if (s.state === 'done' && secretItems[s.item]?.() === false) wrong.push(`${s.item} done with the factory value`);
      });
    };
    const offs = [h.acs.events.on('provisioningChanged', look), h.acs.events.on('taskUpdated', look)];
    const from = sim.sessions.length;
    await sim.runSession();
    await sim.idle();
    for (const off of offs) off();
    assert.ok(sim.sessions[from]?.events?.includes('0 BOOTSTRAP') ?? true);
    assert.deepEqual(wrong, []);
    assert.deepEqual(applied(), ['reset-key-123', 'cr-PRFRST1', 'cr-pass-123', 2], 'the profile values are back on the device');
    assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Reset-PRFRST1');
    const p = await provisioning(id);
    assert.ok(
      p.steps.every((s) => s.state === 'done'),
      JSON.stringify(p.steps),
    );
  });

  test("when ['boot']: applied at '1 BOOT', not at a plain periodic Inform", async () => {
    const { sim, id } = await boot('tr181', 'PRFBOOT1');
    await createProfile({ name: 'at-boot', match: { serial: 'PRFBOOT*' }, when: ['boot'], set: { 'ntp.server': 'boot.example.net' } });
    const before = sim.model.value('Device.Time.NTPServer1');
    assert.notEqual(before, 'boot.example.net');
    await sim.runSession(['2 PERIODIC']);
    await sim.idle();
    assert.equal(sim.model.value('Device.Time.NTPServer1'), before, 'a periodic Inform does not apply a boot profile');
    await sim.runSession(['1 BOOT']);
    await sim.idle();
    assert.equal(sim.model.value('Device.Time.NTPServer1'), 'boot.example.net');
    const apps = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/profile-applications`)).json as {
      profile: string;
      trigger: string;
    }[];
    assert.equal(apps.find((a) => a.profile === 'at-boot')?.trigger, 'boot');
  });

  test("a device rebound from subscriber A to B gets B's values", async () => {
    for (const [acc, n] of [
      ['ACC-RB-A', 'a'],
      ['ACC-RB-B', 'b'],
    ] as const) {
      const r = await apiPost(
        h,
        `/api/subscribers/${acc}`,
        {
          name: `Sub ${n}`,
          pppoeUsername: `${n}@isp`,
          pppoePassword: `pp-${n}-secret`,
          wifiSsid: `Home-${n}`,
          wifiKey: `wifi-${n}-secret`,
        },
        'PUT',
      );
      assert.equal(r.status, 200, JSON.stringify(r.json));
    }
    await createProfile({
      name: 'rebind',
      match: { serial: 'PRFRB*' },
      set: {
        'wan.pppoe.username': '{{subscriber.pppoeUsername}}',
        'wan.pppoe.password': '{{subscriber.pppoePassword}}',
        'wifi.ssid': '{{subscriber.wifiSsid}}',
        'wifi.key': '{{subscriber.wifiKey}}',
      },
    });
    const { sim, id } = await boot('tr181', 'PRFRB1');
    const bind = async (accountId: string): Promise<void> => {
      const r = await apiPost(h, `/api/devices/${encodeURIComponent(id)}/subscriber`, { accountId }, 'PUT');
      assert.equal(r.status, 200, JSON.stringify(r.json));
      // The binding asks for a session (a connection request); one more makes sure it ran.
      await sim.idle();
      await sim.runSession();
      await sim.idle();
    };
    const values = (): (string | undefined)[] => [
      sim.model.value('Device.PPP.Interface.1.Username'),
      sim.model.value('Device.PPP.Interface.1.Password'),
      sim.model.value('Device.WiFi.SSID.1.SSID'),
      sim.model.value('Device.WiFi.AccessPoint.1.Security.KeyPassphrase'),
    ];
    await bind('ACC-RB-A');
    assert.deepEqual(values(), ['a@isp', 'pp-a-secret', 'Home-a', 'wifi-a-secret']);
    await bind('ACC-RB-B');
    assert.deepEqual(values(), ['b@isp', 'pp-b-secret', 'Home-b', 'wifi-b-secret']);
    const p = await provisioning(id);
    assert.equal(p.subscriber?.accountId, 'ACC-RB-B');
    assert.ok(
      p.steps.every((s) => s.state === 'done'),
      JSON.stringify(p.steps),
    );
  });

  test('PUT merges: absent fields keep their values, null clears an optional one', async () => {
    await createProfile({
      name: 'merge',
      description: 'kept',
      priority: 7,
      match: { serial: 'PRFMRG*' },
      when: ['boot'],
      set: { 'ntp.server': 'a.example.net' },
      periodicInform: { enabled: true, intervalSeconds: 600 },
    });
    const put = async (body: Record<string, unknown>): Promise<Profile> => {
      const r = await apiPost(h, '/api/profiles/merge', body, 'PUT');
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json as Profile;
    };
    let p = await put({ set: { 'ntp.server': 'b.example.net' } });
    assert.deepEqual(
      [p.version, p.description, p.priority, p.match, p.when, p.set, p.periodicInform],
      [2, 'kept', 7, { serial: 'PRFMRG*' }, ['boot'], { 'ntp.server': 'b.example.net' }, { enabled: true, intervalSeconds: 600 }],
    );
    p = await put({ periodicInform: null, description: null, priority: 3 });
    assert.deepEqual(
      [p.version, p.description, p.priority, p.match, p.periodicInform, p.set],
      [3, '', 3, { serial: 'PRFMRG*' }, null, { 'ntp.server': 'b.example.net' }],
    );
    const bad = await apiPost(h, '/api/profiles/merge', { set: { 'no.such.setting': 'x' } }, 'PUT');
    assert.equal(bad.status, 400);
    assert.equal(((await apiGet(h, '/api/profiles/merge')).json as Profile).version, 3, 'a refused PUT changes nothing');
  });

  test('an overridden step is neither done nor waited for; the Wi-Fi check waits for an unknown SSID', async () => {
    await createProfile({ name: 'ovr-high', priority: 90, match: { serial: 'PRFOVR*' }, set: { 'wifi.ssid': '{{subscriber.wifiSsid}}' } });
    await createProfile({
      name: 'ovr-low',
      priority: 1,
      match: { serial: 'PRFOVR*' },
      set: { 'wifi.ssid': 'Low-SSID', 'ntp.server': 'o.example.net' },
    });
    const { sim, id } = await boot('tr181', 'PRFOVR1');
    assert.notEqual(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Low-SSID', 'the overridden value is never sent');
    const p = await provisioning(id);
    const low = p.steps.find((s) => s.profile === 'ovr-low' && s.item === 'wifi.ssid');
    assert.equal(low?.state, 'overridden', JSON.stringify(p.steps));
    assert.match(low?.message ?? '', /ovr-high/);
    assert.equal(p.steps.find((s) => s.profile === 'ovr-high')?.state, 'pending');
    const wifi = p.checks.find((c) => c.key === 'wifi');
    assert.equal(wifi?.state, 'pending', JSON.stringify(wifi));
    assert.equal(p.state, 'working');
    assert.equal(p.conflicts[0]?.winner.value, '{{subscriber.wifiSsid}}');

    const model = await reportModel(h.store, id, (d) => h.acs.api.getProvisioning({ id: d }), new Date());
    const html = reportHtml(model);
    assert.match(html, /o\.example\.net/);
    assert.doesNotMatch(html, /Low-SSID/, 'the report does not list the overridden value under settings applied');
  });
});
