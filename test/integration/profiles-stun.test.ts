// A profile's `stun` item (issue #14) against a real ACS with its STUN server on loopback and
// simulated CPEs behind a simulated NAT: a device bootstrapping behind NAT gets STUN pointed at
// DeskACS with credentials of its own, its binding is learnt, a task then wakes it by a UDP
// connection request; a second Inform sends nothing; the dry run lists the values (secrets
// masked, nothing kept); off sets STUNEnable false; without a STUN server, or on a device
// without the STUN parameters, the step is unsupported with the reason; a bad server address is
// refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { DeviceProvisioning, DryRun, Profile } from '../../shared/models-provisioning.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, apiPost, type Harness, startHarness } from '../helpers/acs-harness.ts';

const CR = { username: 'cr-user', password: 'cr-s3cret-pass' };
// Behind the simulated NAT the advertised connection-request URL is unreachable.
const NAT = { advertisedHost: process.platform === 'linux' ? '127.0.0.2' : '127.0.0.1' };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => T | null | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== null && v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function helpers(h: () => Harness, sims: SimulatorHandle[]) {
  return {
    async boot(model: 'tr181' | 'tr098', serial: string, behindNat = true): Promise<{ sim: SimulatorHandle; id: string }> {
      const sim = await startSimulator({
        acsUrl: h().cwmpUrl,
        model,
        serial,
        connectionRequest: CR,
        ...(behindNat ? { nat: NAT } : {}),
        autoSessions: false,
      });
      sims.push(sim);
      const boot = await sim.runSession();
      assert.equal(boot.ok, true, boot.error);
      await sim.idle();
      const id = h()
        .store.devices.search({ q: serial })
        .items.find((d) => d.serialNumber === serial)?.id;
      assert.ok(id, `device ${serial} did not inform`);
      return { sim, id };
    },
    async saveProfile(body: Record<string, unknown>, method = 'POST'): Promise<Profile> {
      const path = method === 'POST' ? '/api/profiles' : `/api/profiles/${encodeURIComponent(String(body.name))}`;
      const r = await apiPost(h(), path, body, method);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json as Profile;
    },
    async provisioning(id: string): Promise<DeviceProvisioning> {
      const r = await apiGet(h(), `/api/devices/${encodeURIComponent(id)}/provisioning`);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json as DeviceProvisioning;
    },
    async dryRun(name: string, id: string): Promise<DryRun> {
      const r = await apiGet(h(), `/api/profiles/${encodeURIComponent(name)}/dry-run?deviceId=${encodeURIComponent(id)}`);
      assert.equal(r.status, 200, JSON.stringify(r.json));
      return r.json as DryRun;
    },
  };
}

const stunStep = (p: DeviceProvisioning) => p.steps.find((s) => s.item === 'stun');

describe('STUN as a profile item, with the STUN server on', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];
  const { boot, saveProfile, provisioning, dryRun } = helpers(() => h, sims);

  before(async () => {
    h = await startHarness({ stun: { port: 0, host: '127.0.0.1', udpTimeoutMs: 5000 } });
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h?.close();
  });

  test('a bad server address is refused; a profile with only STUN is valid', async () => {
    const bad = async (stun: unknown, message: RegExp): Promise<void> => {
      const r = await apiPost(h, '/api/profiles', { name: 'bad-stun', stun });
      assert.equal(r.status, 400, JSON.stringify(r.json));
      assert.match((r.json as { error: { message: string } }).error.message, message);
    };
    await bad({ enabled: true, serverAddress: 'http://acs.example.net' }, /stun\.serverAddress: 'http:\/\/acs\.example\.net' is a URL/);
    await bad({ enabled: true, serverAddress: 'acs.example.net:3478' }, /holds a port/);
    await bad({ enabled: true, serverAddress: 'not a host' }, /is not a host name or IP address/);
    await bad({ enabled: true, serverAddress: ' ' }, /'stun\.serverAddress' must not be empty/);
    await bad({ enabled: 'yes' }, /'stun\.enabled' must be true or false/);
    await bad({ enabled: true, port: 3478 }, /port/);
    const ok = await saveProfile({ name: 'only-stun', enabled: false, stun: { enabled: true, serverAddress: ' 2001:db8::1 ' } });
    assert.deepEqual(ok.stun, { enabled: true, serverAddress: '2001:db8::1' });
    assert.equal((await apiPost(h, '/api/profiles/only-stun', {}, 'DELETE')).status, 200);
  });

  test('bootstrap behind NAT: STUN set with its own credentials, binding learnt, a task wakes it by UDP', async () => {
    await saveProfile({ name: 'nat-181', match: { serial: 'PSTUN181*' }, stun: { enabled: true } });
    const { sim, id } = await boot('tr181', 'PSTUN181A');
    const port = h.acs.info.stunPort;
    assert.ok(port !== null && port > 0);
    const creds = h.store.stunBindings.get(id);
    assert.ok(creds, 'the device has STUN credentials of its own');
    const ms = 'Device.ManagementServer.';
    assert.equal(sim.model.value(`${ms}STUNEnable`), 'true');
    assert.equal(sim.model.value(`${ms}STUNServerAddress`), '127.0.0.1', 'the host of the device ACS URL');
    assert.equal(sim.model.value(`${ms}STUNServerPort`), String(port));
    assert.equal(sim.model.value(`${ms}STUNUsername`), creds.username);
    assert.equal(sim.model.value(`${ms}STUNPassword`), creds.password);
    const binding = await until('the STUN binding', () => h.store.stunBindings.get(id)?.address ?? null);
    assert.equal(binding, '127.0.0.1');
    assert.equal(h.store.stunBindings.get(id)?.port, sim.nat?.localPort);
    assert.equal(h.store.stunBindings.get(id)?.authenticated, true, 'MESSAGE-INTEGRITY checked with the kept password');

    const step = stunStep(await provisioning(id));
    assert.deepEqual([step?.label, step?.state, step?.value], ['STUN for NAT traversal', 'done', `on, 127.0.0.1:${port}`]);
    const apps = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/profile-applications`)).json;
    assert.ok(!JSON.stringify(apps).includes(creds.password), 'the STUN password is masked in the applications');

    // A second Inform sends nothing (the password, reported empty, is compared by hash).
    const from = sim.sessions.length;
    const tasks = h.store.tasks.listForDevice(id).length;
    assert.equal((await sim.runSession(['2 PERIODIC'])).ok, true);
    await sim.idle();
    assert.deepEqual(
      sim.sessions.slice(from).flatMap((s) => s.rpcs.filter((r) => r !== 'GetParameterValues')),
      [],
    );
    assert.equal(h.store.tasks.listForDevice(id).length, tasks, 'no task for a converged device');
    assert.equal(h.store.stunBindings.get(id)?.password, creds.password, 'the credentials are created once');

    await h.acs.api.setDeviceCredentials({ id, ...CR });
    const sessions = sim.sessions.length;
    const result = await h.acs.api.createTask({
      id,
      task: { name: 'getParameterValues', names: [`${ms}PeriodicInformInterval`] },
      connectionRequest: true,
      waitSeconds: 10,
    });
    assert.equal(result.connectionRequest?.outcome, 'reached', result.connectionRequest?.message);
    assert.match(result.connectionRequest?.message ?? '', /UDP connection request/);
    assert.equal(result.task.status, 'done');
    await sim.idle();
    assert.equal(sim.sessions.length, sessions + 1);
    assert.deepEqual(sim.sessions.at(-1)?.events, ['6 CONNECTION REQUEST']);
  });

  test('TR-098: the dry run lists the STUN values and keeps nothing; enabled, it is applied', async () => {
    await saveProfile({
      name: 'nat-098',
      enabled: false,
      match: { serial: 'PSTUN098*' },
      stun: { enabled: true, serverAddress: 'acs.example.net' },
    });
    const { sim, id } = await boot('tr098', 'PSTUN098A');
    const ms = 'InternetGatewayDevice.ManagementServer.';
    const first = await dryRun('nat-098', id);
    assert.deepEqual(first.reads, [ms], 'the STUN parameters are read first');
    await h.acs.api.createTask({ id, task: { name: 'refresh', path: ms } });
    assert.equal((await sim.runSession()).ok, true);
    const dry = await dryRun('nat-098', id);
    assert.equal(dry.reason, 'the profile is disabled');
    assert.deepEqual(dry.reads, []);
    assert.deepEqual(dry.unsupported, []);
    assert.equal(dry.rpcs.length, 1);
    const rpc = dry.rpcs[0];
    assert.ok(rpc);
    assert.equal(rpc.method, 'SetParameterValues');
    assert.equal(rpc.reason, 'nat-098: stun');
    const list = (rpc.detail as { parameterList: { name: string; value: string }[] }).parameterList;
    assert.deepEqual(
      list.map((p) => [p.name.slice(ms.length), p.value]),
      [
        ['STUNEnable', 'true'],
        ['STUNServerAddress', 'acs.example.net'],
        ['STUNServerPort', String(h.acs.info.stunPort)],
        ['STUNUsername', '••••••'],
        ['STUNPassword', '••••••'],
      ],
    );
    assert.equal(h.store.stunBindings.get(id), undefined, 'a dry run keeps no credentials');

    await saveProfile(
      { name: 'nat-098', enabled: true, match: { serial: 'PSTUN098*' }, stun: { enabled: true, serverAddress: 'acs.example.net' } },
      'PUT',
    );
    assert.equal((await sim.runSession(['2 PERIODIC'])).ok, true);
    await sim.idle();
    const creds = h.store.stunBindings.get(id);
    assert.ok(creds);
    assert.equal(sim.model.value(`${ms}STUNEnable`), 'true');
    assert.equal(sim.model.value(`${ms}STUNServerAddress`), 'acs.example.net');
    assert.equal(sim.model.value(`${ms}STUNUsername`), creds.username);
    assert.equal(sim.model.value(`${ms}STUNPassword`), creds.password);
    assert.equal(stunStep(await provisioning(id))?.state, 'done');
    assert.deepEqual((await dryRun('nat-098', id)).rpcs, [], 'nothing left to send');
  });

  test('a device without the STUN parameters: read once, then unsupported', async () => {
    const { sim, id } = await boot('tr181', 'PSTUN181PLAIN', false);
    const step = stunStep(await provisioning(id));
    assert.equal(step?.state, 'unsupported');
    assert.match(step?.message ?? '', /the device has no Device\.ManagementServer\.STUNEnable \(it does not support STUN/);
    assert.equal(h.store.stunBindings.get(id), undefined, 'no credentials for a device that cannot use them');
    // Known to lack them: the checklist says so at once, and the next session reads nothing again.
    const reads = (): number => h.store.tasks.listForDevice(id).filter((t) => t.name === 'refresh').length;
    const before = reads();
    assert.equal((await sim.runSession(['1 BOOT'])).ok, true);
    await sim.idle();
    assert.equal(reads(), before, 'the STUN parameters are not looked for again');
    assert.equal(stunStep(await provisioning(id))?.state, 'unsupported');
    assert.deepEqual(
      sim.sessions.flatMap((s) => s.rpcs.filter((r) => r === 'SetParameterValues')),
      [],
    );
  });

  test('enabled false sets STUNEnable false only', async () => {
    const id = h.store.devices.search({ q: 'PSTUN181A' }).items[0]?.id ?? '';
    const sim = sims[0];
    assert.ok(sim);
    await saveProfile({ name: 'nat-181', match: { serial: 'PSTUN181*' }, stun: { enabled: false } }, 'PUT');
    const from = sim.sessions.length;
    assert.equal((await sim.runSession(['2 PERIODIC'])).ok, true);
    await sim.idle();
    assert.equal(sim.model.value('Device.ManagementServer.STUNEnable'), 'false');
    const apps = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/profile-applications`)).json as {
      version: number;
      rpcs: { method: string; detail: { parameterList: { name: string }[] } }[];
    }[];
    const latest = apps.find((a) => a.version === 2);
    assert.deepEqual(
      latest?.rpcs.map((r) => [r.method, r.detail.parameterList.map((p) => p.name)]),
      [['SetParameterValues', ['Device.ManagementServer.STUNEnable']]],
    );
    assert.equal(stunStep(await provisioning(id))?.value, 'off');
    assert.ok(sim.sessions.length > from);
  });
});

describe('STUN as a profile item, with the STUN server off', () => {
  let h: Harness;
  const sims: SimulatorHandle[] = [];
  const { boot, saveProfile, provisioning, dryRun } = helpers(() => h, sims);

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    for (const s of sims) await s.close();
    await h?.close();
  });

  test('the step is unsupported with the reason, and nothing is sent', async () => {
    await saveProfile({ name: 'nat-off', match: { serial: 'PSTUNOFF*' }, stun: { enabled: true } });
    const { sim, id } = await boot('tr181', 'PSTUNOFF1');
    const step = stunStep(await provisioning(id));
    assert.equal(step?.state, 'unsupported');
    assert.match(step?.message ?? '', /the STUN server is off: start DeskACS with a STUN port/);
    assert.equal(sim.model.value('Device.ManagementServer.STUNEnable'), 'false');
    assert.equal(h.store.stunBindings.get(id), undefined);
    const dry = await dryRun('nat-off', id);
    assert.deepEqual(dry.rpcs, []);
    assert.equal(dry.unsupported.length, 1);
    assert.match(dry.unsupported[0] ?? '', /^stun: the STUN server is off/);
  });
});
