// Provisioning profiles against a real ACS on loopback and the CPE simulator: a bootstrapping
// TR-181 or TR-098 device receives the profile's values through common settings (asserted on the
// simulator's own tree), a second Inform sends nothing, {{random:N}} stays the same, a refused
// value fails only its step while the rest is applied, the dry run lists the exact RPCs, a
// conflict is shown (the firmware floor: profiles-firmware.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeviceProvisioning, DryRun, Profile } from '../../shared/models-provisioning.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';

describe('provisioning profiles on simulated devices', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];

  const deviceIdOf = (serial: string): string => {
    const d = h.store.devices.search({ q: serial }).items.find((x) => x.serialNumber === serial);
    assert.ok(d, `device ${serial} did not inform`);
    return d.id;
  };

  async function boot(
    model: 'tr181' | 'tr098',
    serial: string,
    extra: { injectFaults?: Record<string, number> } = {},
  ): Promise<{ sim: SimulatorHandle; id: string }> {
    const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial, ...extra });
    sims.push(sim);
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    await sim.idle();
    return { sim, id: deviceIdOf(serial) };
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

  const setRpcs = (sim: SimulatorHandle, from: number): string[] =>
    sim.sessions
      .slice(from)
      .flatMap((s) => s.rpcs.filter((r) => ['SetParameterValues', 'AddObject', 'SetParameterAttributes', 'Download'].includes(r)));

  /**
   * The profile engine sent nothing since session `from`: no change and no read (the engine reads
   * through refresh tasks; a metrics sample's GetParameterValues is not the engine's).
   */
  const assertNothingSent = (sim: SimulatorHandle, from: number, id: string, tasksBefore: number): void => {
    assert.deepEqual(
      sim.sessions.slice(from).flatMap((s) => s.rpcs.filter((r) => r !== 'GetParameterValues')),
      [],
      'the engine sent something to a converged device',
    );
    assert.equal(h.store.tasks.listForDevice(id).length, tasksBefore, 'the engine queued a task for a converged device');
  };

  /**
   * After its first session every check is answered (ok, or a definite failed/unsupported): the
   * engine read what the checks needed by itself, nothing waits for "Read from the device".
   */
  const assertChecksAnswered = (p: DeviceProvisioning): void => {
    for (const c of p.checks) {
      assert.ok(['ok', 'failed', 'unsupported'].includes(c.state), `check ${c.key} is ${c.state}: ${c.detail}`);
      assert.doesNotMatch(c.detail, /not read yet/, `check ${c.key}`);
    }
    assert.ok(p.checks.some((c) => c.key === 'periodicInform'));
  };

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h?.close();
  });

  test('TR-181: bootstrap receives the values, a second Inform sends nothing, random stays', async () => {
    await createProfile({
      name: 'home-181',
      match: { productClass: 'VG181' },
      set: { 'wifi.ssid': 'Net-{{serialNumber}}', 'wifi.key': '{{random:12}}', 'mgmt.periodicInformInterval': 900 },
    });
    const { sim, id } = await boot('tr181', 'PRF181A');
    assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Net-PRF181A');
    assert.equal(sim.model.value('Device.ManagementServer.PeriodicInformInterval'), '900');
    const key = sim.model.value('Device.WiFi.AccessPoint.1.Security.KeyPassphrase') ?? '';
    assert.match(key, /^[A-Za-z0-9]{12}$/);
    const p = await provisioning(id);
    assert.deepEqual(
      p.steps.map((s) => [s.item, s.state]),
      [
        ['wifi.ssid', 'done'],
        ['wifi.key', 'done'],
        ['mgmt.periodicInformInterval', 'done'],
      ],
    );
    assert.equal(p.steps.find((s) => s.item === 'wifi.key')?.value, '••••••');
    assertChecksAnswered(p);
    assert.deepEqual(
      p.checks.map((c) => [c.key, c.state]),
      [
        ['wan', 'ok'],
        ['pppoe', 'ok'],
        ['wifi', 'ok'],
        ['periodicInform', 'ok'],
      ],
      JSON.stringify(p.checks),
    );

    const before2 = sim.sessions.length;
    const tasks = h.store.tasks.listForDevice(id).length;
    await sim.runSession(['2 PERIODIC']);
    await sim.idle();
    assertNothingSent(sim, before2, id, tasks);
    assert.equal(sim.model.value('Device.WiFi.AccessPoint.1.Security.KeyPassphrase'), key);

    // Converged: a third session is not even planned; an operator's change is undone at the next one.
    const third = sim.sessions.length;
    await sim.runSession(['2 PERIODIC']);
    assertNothingSent(sim, third, id, tasks);
    const change = await h.acs.api.setDeviceSettings({ id, values: { 'wifi.ssid': 'Changed-By-Hand' } });
    await sim.runSession(['2 PERIODIC']);
    await sim.idle();
    assert.equal(h.store.tasks.get(change.task.id)?.status, 'done');
    assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Net-PRF181A', 'the profile keeps the device converged');
    const apps = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/profile-applications`)).json as {
      result: string;
      rpcs: { method: string; detail: unknown }[];
    }[];
    assert.deepEqual(
      apps.map((a) => [a.result, a.rpcs.map((r) => r.method)]),
      [
        ['applied', ['SetParameterValues']],
        ['applied', ['SetParameterValues']],
      ],
    );
    assert.deepEqual(apps[0]?.rpcs[0]?.detail, {
      parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'Net-PRF181A', type: 'xsd:string' }],
    });
    assert.ok(!JSON.stringify(apps).includes(key), 'the Wi-Fi key is masked in the records');
  });

  test('a profile that reads nothing the checks need: the engine reads their values itself, once', async () => {
    await createProfile({ name: 'ntp-only', match: { serial: 'PRFCHK*' }, set: { 'ntp.server': 'ntp.example.org' } });
    const { sim, id } = await boot('tr181', 'PRFCHK1');
    assert.equal(sim.model.value('Device.Time.NTPServer1'), 'ntp.example.org');
    const p = await provisioning(id);
    assertChecksAnswered(p);
    assert.equal(p.state, 'done', JSON.stringify(p.checks));
    const refreshed = h.store.tasks
      .listForDevice(id)
      .filter((t) => t.name === 'refresh')
      .map((t) => (t.args as { path: string }).path);
    assert.ok(!refreshed.includes(''), `no full refresh: ${refreshed.join(', ')}`);
    assert.ok(refreshed.includes('Device.ManagementServer.'), refreshed.join(', '));
    // The next sessions read nothing again.
    const from = sim.sessions.length;
    const tasks = h.store.tasks.listForDevice(id).length;
    await sim.runSession(['2 PERIODIC']);
    await sim.runSession(['1 BOOT']);
    await sim.idle();
    assertNothingSent(sim, from, id, tasks);
  });

  test('TR-098: common settings, a raw path, a port mapping created once and an attribute', async () => {
    const pm = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.PortMapping.';
    await createProfile({
      name: 'home-098',
      match: { productClass: 'VG098' },
      set: { 'wifi.5g.ssid': 'Home5-{{serialNumber}}', 'InternetGatewayDevice.Time.NTPServer1': 'ntp.example.net' },
      objects: [
        {
          table: pm,
          key: { ExternalPort: 8080, PortMappingProtocol: 'TCP' },
          set: { InternalPort: 80, InternalClient: '192.168.1.10', PortMappingEnabled: true },
        },
      ],
      attributes: [{ parameter: 'wan.ip', notification: 2 }],
    });
    const { sim, id } = await boot('tr098', 'PRF098A');
    assert.equal(sim.model.value('InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.SSID'), 'Home5-PRF098A');
    assert.equal(sim.model.value('InternetGatewayDevice.Time.NTPServer1'), 'ntp.example.net');
    assert.equal(sim.model.value(`${pm}1.ExternalPort`), '8080');
    assert.equal(sim.model.value(`${pm}1.InternalClient`), '192.168.1.10');
    assert.equal(sim.model.value(`${pm}1.PortMappingEnabled`), 'true');
    const p = await provisioning(id);
    assert.ok(
      p.steps.every((s) => s.state === 'done'),
      JSON.stringify(p.steps),
    );
    const wan = p.checks.find((c) => c.key === 'wan');
    assert.equal(wan?.state, 'ok', JSON.stringify(p.checks));
    assertChecksAnswered(p);

    const from = sim.sessions.length;
    const tasks = h.store.tasks.listForDevice(id).length;
    await sim.runSession(['2 PERIODIC']);
    await sim.idle();
    assertNothingSent(sim, from, id, tasks);
    assert.equal(
      sim.model.all().filter((n) => n.path.startsWith(pm) && n.path.endsWith('.ExternalPort')).length,
      1,
      'the mapping is created once',
    );
    const wanIp = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress';
    assert.equal(sim.cpe.changeLocally(wanIp, '198.51.100.99'), true, 'active notification is on for the WAN address');
  });

  test('when: profileChange applies a new version at the next session, and nothing before it', async () => {
    await createProfile({
      name: 'ntp',
      priority: 40,
      match: { serial: 'PRFPC*' },
      when: ['profileChange'],
      set: { 'ntp.server': 'a.example.net' },
    });
    const { sim, id } = await boot('tr098', 'PRFPC1');
    assert.equal(sim.model.value('InternetGatewayDevice.Time.NTPServer1'), 'a.example.net');
    let from = sim.sessions.length;
    const tasks = h.store.tasks.listForDevice(id).length;
    await sim.runSession(['2 PERIODIC']);
    assertNothingSent(sim, from, id, tasks);

    const put = await apiPost(
      h,
      '/api/profiles/ntp',
      { priority: 40, match: { serial: 'PRFPC*' }, when: ['profileChange'], set: { 'ntp.server': 'b.example.net' } },
      'PUT',
    );
    assert.equal((put.json as Profile).version, 2);
    from = sim.sessions.length;
    await sim.runSession(['2 PERIODIC']);
    await sim.idle();
    assert.deepEqual(setRpcs(sim, from), ['SetParameterValues']);
    assert.equal(sim.model.value('InternetGatewayDevice.Time.NTPServer1'), 'b.example.net');
    const apps = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/profile-applications`)).json as {
      profile: string;
      version: number;
      trigger: string;
    }[];
    assert.deepEqual(
      apps.filter((a) => a.profile === 'ntp').map((a) => [a.version, a.trigger]),
      [
        [2, 'profileChange'],
        [1, 'firstContact'],
      ],
    );
  });

  test('a refused value fails its step with the fault explained; the rest is applied and it is retried later', async () => {
    await createProfile({
      name: 'long-ssid',
      priority: 5,
      match: { serial: 'PRFREJ*' },
      set: { 'wifi.ssid': 'x'.repeat(40), 'ntp.server': 'time.example.org' },
    });
    const { sim, id } = await boot('tr181', 'PRFREJ1');
    assert.equal(sim.model.value('Device.Time.NTPServer1'), 'time.example.org');
    assert.notEqual(sim.model.value('Device.WiFi.SSID.1.SSID'), 'x'.repeat(40));
    const p = await provisioning(id);
    const ssid = p.steps.find((s) => s.profile === 'long-ssid' && s.item === 'wifi.ssid');
    assert.equal(ssid?.state, 'failed');
    assert.match(ssid?.message ?? '', /9007/);
    assert.equal(p.steps.find((s) => s.profile === 'long-ssid' && s.item === 'ntp.server')?.state, 'done');
    assert.equal(p.state, 'failed');
    const apps = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/profile-applications`)).json as {
      profile: string;
      result: string;
    }[];
    assert.equal(apps.find((a) => a.profile === 'long-ssid')?.result, 'partial');

    const from = sim.sessions.length;
    await sim.runSession(['2 PERIODIC']);
    await sim.idle();
    assert.deepEqual(setRpcs(sim, from), ['SetParameterValues'], 'the refused value is retried at a later session, alone');
    const retried = await apiPost(h, `/api/devices/${encodeURIComponent(id)}/provisioning/retry`, undefined);
    assert.equal(retried.status, 200, JSON.stringify(retried.json));
    const step = (retried.json as DeviceProvisioning).steps.find((s) => s.profile === 'long-ssid' && s.item === 'wifi.ssid');
    assert.deepEqual([step?.state, step?.message], ['pending', 'retry asked; sent at the next session']);
  });

  test('the dry run lists the exact RPCs and shows the conflict between two profiles', async () => {
    const id = deviceIdOf('PRF181A');
    await createProfile({ name: 'override', priority: 10, match: { serial: 'PRF181A' }, set: { 'wifi.ssid': 'Override' } });
    const r = await apiGet(h, `/api/profiles/override/dry-run?deviceId=${encodeURIComponent(id)}`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const dry = r.json as DryRun;
    assert.equal(dry.matches, true);
    assert.deepEqual(dry.reads, []);
    assert.deepEqual(dry.rpcs, [
      {
        method: 'SetParameterValues',
        detail: { parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'Override', type: 'xsd:string' }] },
        reason: 'override: wifi.ssid',
      },
    ]);
    assert.deepEqual(dry.conflicts, [
      {
        path: 'Device.WiFi.SSID.1.SSID',
        winner: { profile: 'override', value: 'Override' },
        loser: { profile: 'home-181', value: 'Net-PRF181A' },
      },
    ]);
    const lower = (await apiGet(h, `/api/profiles/home-181/dry-run?deviceId=${encodeURIComponent(id)}`)).json as DryRun;
    assert.deepEqual(lower.rpcs, []);
    assert.equal(lower.conflicts.length, 1);
    const other = (await apiGet(h, `/api/profiles/home-098/dry-run?deviceId=${encodeURIComponent(id)}`)).json as DryRun;
    assert.equal(other.matches, false);
    assert.match(other.reason ?? '', /product class is 'VG181', not 'VG098'/);
    assert.equal((await apiPost(h, '/api/profiles/override', undefined, 'DELETE')).status, 200);
  });

  test('bad profiles are refused with clear messages', async () => {
    const bad = async (body: unknown, status: number, message: RegExp): Promise<void> => {
      const r = await apiPost(h, '/api/profiles', body);
      assert.equal(r.status, status, JSON.stringify(r.json));
      assert.match((r.json as { error: { message: string } }).error.message, message);
    };
    await bad({ name: 'x', set: { 'wifi.name': 'a' } }, 400, /'wifi\.name' is not a common setting/);
    await bad({ name: 'x', match: { oui: 'XYZ' }, set: { 'wifi.ssid': 'a' } }, 400, /match\.oui 'XYZ' must be 6 hex digits/);
    await bad(
      { name: 'x', match: { softwareVersion: { min: '2.0', max: '1.0' } }, set: { 'wifi.ssid': 'a' } },
      400,
      /min 2\.0 is above max 1\.0/,
    );
    await bad({ name: 'x', match: { serial: 'AB[0-9]' }, set: { 'wifi.ssid': 'a' } }, 400, /match\.serial 'AB\[0-9\]' may hold only/);
    await bad({ name: 'x', set: { 'wifi.ssid': 'Net-{{serial}}' } }, 400, /unknown variable \{\{serial\}\}/);
    await bad({ name: '  ', set: { 'wifi.ssid': 'a' } }, 400, /'name' must not be empty/);
    await bad({ name: 'x' }, 400, /the profile applies nothing/);
    await bad({ name: 'home-181', set: { 'wifi.ssid': 'a' } }, 409, /a profile named 'home-181' already exists/);
    assert.equal((await apiGet(h, '/api/profiles/nope')).status, 404);
  });

  test('connection-request credentials are set and kept; a changed profile is applied in waves', async () => {
    await createProfile({
      name: 'managed',
      priority: 20,
      match: { serial: 'PRFAPP*' },
      connectionRequest: { username: 'acs-{{serialNumber}}', password: '{{random:16}}' },
      set: { 'wifi.ssid': 'Managed-1' },
    });
    const { sim, id } = await boot('tr181', 'PRFAPP1');
    assert.equal(sim.model.value('Device.ManagementServer.ConnectionRequestUsername'), 'acs-PRFAPP1');
    const kept = h.store.crCredentials.get(id);
    assert.equal(kept?.username, 'acs-PRFAPP1');
    assert.equal(sim.model.value('Device.ManagementServer.ConnectionRequestPassword'), kept?.password);
    assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Managed-1');

    const put = await apiPost(
      h,
      '/api/profiles/managed',
      {
        set: { 'wifi.ssid': 'Managed-2' },
        priority: 20,
        match: { serial: 'PRFAPP*' },
        connectionRequest: { username: 'acs-{{serialNumber}}', password: '{{random:16}}' },
      },
      'PUT',
    );
    assert.equal(put.status, 200, JSON.stringify(put.json));
    assert.equal((put.json as Profile).version, 2);
    const session = sim.nextSession();
    const r = await apiPost(h, '/api/profiles/managed/apply', { waveSizes: [1], concurrency: 1 });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const { apply, ...result } = r.json as { apply: { state: string; waves: number } };
    assert.deepEqual(result, { profile: 'managed', version: 2, devices: 1, waves: [[id]] });
    assert.deepEqual([apply.state, apply.waves], ['running', 1]);
    await session;
    await sim.idle();
    assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Managed-2');
    const apps = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/profile-applications`)).json as {
      profile: string;
      version: number;
      trigger: string;
      result: string;
      rpcs: unknown[];
    }[];
    const latest = apps.find((a) => a.profile === 'managed');
    assert.deepEqual([latest?.version, latest?.trigger, latest?.result], [2, 'manual', 'applied']);
    assert.ok(!JSON.stringify(apps).includes(kept?.password ?? '?'), 'the connection-request password is masked');
  });

  test("a device bound by serial at its first Inform gets its subscriber's PPPoE and Wi-Fi", async () => {
    const put = await apiPost(
      h,
      '/api/subscribers/ACC-77',
      {
        name: 'Grace',
        serial: 'PRFSUB1',
        pppoeUsername: 'grace@isp',
        pppoePassword: 'pp-secret-1',
        wifiSsid: 'Grace-Home',
        wifiKey: 'wifi-secret-1',
      },
      'PUT',
    );
    assert.equal(put.status, 200, JSON.stringify(put.json));
    await createProfile({
      name: 'subscriber',
      priority: 30,
      match: { serial: 'PRFSUB*' },
      set: {
        'wan.pppoe.username': '{{subscriber.pppoeUsername}}',
        'wan.pppoe.password': '{{subscriber.pppoePassword}}',
        'wifi.ssid': '{{subscriber.wifiSsid}}',
        'wifi.key': '{{subscriber.wifiKey}}',
      },
    });
    const { sim, id } = await boot('tr181', 'PRFSUB1');
    assert.equal(sim.model.value('Device.PPP.Interface.1.Username'), 'grace@isp');
    assert.equal(sim.model.value('Device.PPP.Interface.1.Password'), 'pp-secret-1');
    assert.equal(sim.model.value('Device.WiFi.SSID.1.SSID'), 'Grace-Home');
    assert.equal(sim.model.value('Device.WiFi.AccessPoint.1.Security.KeyPassphrase'), 'wifi-secret-1');
    const p = await provisioning(id);
    assert.equal(p.subscriber?.accountId, 'ACC-77');
    assert.ok(
      p.steps.filter((s) => s.profile === 'subscriber').every((s) => s.state === 'done'),
      JSON.stringify(p.steps),
    );
    assert.ok(!JSON.stringify(p).includes('secret-1'), 'secrets are masked in the checklist');
    assertChecksAnswered(p);
    assert.equal(p.checks.find((c) => c.key === 'pppoe')?.state !== undefined, true, JSON.stringify(p.checks));
    const apps = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/profile-applications`)).json;
    assert.ok(!JSON.stringify(apps).includes('secret-1'), 'secrets are masked in the applications');
  });
});
