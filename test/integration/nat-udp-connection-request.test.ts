// Devices behind NAT, end to end on loopback (issue #14): the simulated CPE's ConnectionRequestURL
// is unreachable; once STUN is enabled on it, its Binding Request teaches the ACS its public UDP
// binding, and a UDP connection request (TR-069 Annex G) wakes it so a queued task runs at once;
// lost datagrams are repeated, and a BINDING-CHANGE from a new port moves the binding.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, before, describe, test } from 'node:test';
import { udpConnectionRequestMessage } from '../../electron/core/services/udp-connection-request.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';

const CR = { username: 'cr-user', password: 'cr-s3cret-pass' };
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

describe('a device behind NAT', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let id = '';

  before(async () => {
    h = await startHarness({ stun: { port: 0, host: '127.0.0.1', udpTimeoutMs: 5000 } });
    sim = await startSimulator({
      acsUrl: h.cwmpUrl,
      serial: 'NAT-0001',
      connectionRequest: CR,
      // The advertised URL's address differs from the one sessions come from, as behind a NAT.
      nat: { advertisedHost: process.platform === 'linux' ? '127.0.0.2' : '127.0.0.1' },
      autoSessions: false,
    });
    const boot = await sim.runSession();
    assert.equal(boot.ok, true, boot.error);
    id = (await h.acs.api.listDevices({ q: 'NAT-0001' })).items[0]?.id ?? '';
    await h.acs.api.setDeviceCredentials({ id, ...CR });
    // The STUN parameters must be in the stored tree before they can be set.
    await h.acs.api.createTask({ id, task: { name: 'refresh', path: 'Device.ManagementServer.' } });
    assert.equal((await sim.runSession()).ok, true);
  });

  after(async () => {
    await sim.close();
    await h.close();
  });

  test('the HTTP connection request fails and the diagnosis names the NAT and the fix', async (t) => {
    const report = await h.acs.api.connectionRequest({ id });
    assert.notEqual(report.outcome, 'reached');
    const reach = await h.acs.api.getReachability({ id });
    assert.equal(reach.attempts[0]?.via, 'http');
    assert.match(reach.attempts[0]?.result ?? '', /refused|unreachable|timeout/);
    assert.equal(reach.stun.binding, null);
    if (process.platform !== 'linux') return t.skip('127.0.0.2 is not routed here: the NAT is not visible by address');
    assert.equal(reach.natDetected, true, reach.natReason);
    assert.equal(reach.verdict, 'behind-nat');
    assert.match(reach.advice, /behind NAT/);
    assert.match(reach.advice, /Enable STUN on the device/);
    assert.match(reach.advice, /forward a port/);
  });

  test('enabling STUN teaches the ACS the binding; a UDP connection request runs a task at once', async () => {
    const enabled = await h.acs.api.enableStun({ id });
    assert.equal(enabled.task.name, 'setParameterValues');
    assert.equal((await sim.runSession()).ok, true);
    const binding = await until('the STUN binding', () => h.store.stunBindings.get(id)?.address ?? null);
    const stored = h.store.stunBindings.get(id);
    assert.equal(binding, '127.0.0.1');
    assert.equal(stored?.port, sim.nat?.localPort);
    assert.equal(stored?.authenticated, true, 'the Binding Request carried a valid MESSAGE-INTEGRITY');
    assert.equal(sim.model.value('Device.ManagementServer.STUNEnable'), 'true');

    const sessionsBefore = sim.sessions.length;
    // The simulated device has no periodic informs (autoSessions: false): a session with the
    // event 6 CONNECTION REQUEST is the UDP request's doing, and the task ran in it.
    const result = await h.acs.api.createTask({
      id,
      task: { name: 'refresh', path: 'Device.ManagementServer.' },
      connectionRequest: true,
      waitSeconds: 10,
    });
    assert.equal(result.connectionRequest?.outcome, 'reached', result.connectionRequest?.message);
    assert.match(result.connectionRequest?.message ?? '', /UDP connection request/);
    assert.equal(result.task.status, 'done');
    // The task is done before the session's last exchange: the device lists the session once it ends.
    await sim.idle();
    assert.equal(sim.sessions.length, sessionsBefore + 1);
    assert.deepEqual(sim.sessions.at(-1)?.events, ['6 CONNECTION REQUEST']);
    assert.equal(sim.nat?.stats.accepted, 1);

    const reach = await h.acs.api.getReachability({ id });
    assert.equal(reach.natDetected, true);
    assert.equal(reach.verdict, 'reachable');
    assert.equal(reach.attempts[0]?.via, 'udp');
    assert.equal(reach.stun.binding, `127.0.0.1:${sim.nat?.localPort}`);
    assert.ok((reach.stun.bindingAgeSeconds ?? 99) < 60);
    assert.equal(reach.stun.deviceReportedAddress, `127.0.0.1:${sim.nat?.localPort}`);
  });

  test('the device ignores a UDP connection request with a wrong signature, and repeats', async () => {
    const port = await until('the binding', () => sim.nat?.localPort);
    const socket = createSocket('udp4');
    const sendText = (text: string): Promise<void> =>
      new Promise((resolve, reject) => socket.send(Buffer.from(text), port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
    try {
      const target = { address: '127.0.0.1', port };
      const before = { ...sim.nat?.stats };
      const sessions = sim.sessions.length;
      await sendText(
        udpConnectionRequestMessage(target, { username: CR.username, password: 'not-the-password' }, new Date(), '4242', 'abc'),
      );
      await sendText(udpConnectionRequestMessage(target, { username: 'someone-else', password: CR.password }, new Date(), '4243', 'abc'));
      await sendText('GET nonsense\r\n\r\n');
      await until('the rejections', () => ((sim.nat?.stats.rejected ?? 0) >= (before.rejected ?? 0) + 3 ? true : null));
      await sleep(200);
      assert.equal(sim.sessions.length, sessions, 'no session for a forged request');
      assert.equal(sim.nat?.stats.accepted, before.accepted);

      const good = udpConnectionRequestMessage(target, CR, new Date(), '5000', 'def');
      await sendText(good);
      await sendText(good);
      await until('the accepted request', () => (sim.nat?.stats.accepted === (before.accepted ?? 0) + 1 ? true : null));
      await until('the repeat ignored', () => ((sim.nat?.stats.ignored ?? 0) >= (before.ignored ?? 0) + 1 ? true : null));
      await sim.idle();
    } finally {
      socket.close();
    }
  });

  test('lost UDP connection requests are repeated with a growing gap until the session starts', async () => {
    const nat = sim.nat;
    assert.ok(nat !== undefined);
    const before = { ...nat.stats };
    const sessions = sim.sessions.length;
    nat.dropNext = 2;
    const result = await h.acs.api.createTask({
      id,
      task: { name: 'getParameterValues', names: ['Device.ManagementServer.PeriodicInformInterval'] },
      connectionRequest: true,
      waitSeconds: 10,
    });
    assert.equal(result.connectionRequest?.outcome, 'reached', result.connectionRequest?.message);
    assert.equal(result.task.status, 'done');
    assert.equal(nat.stats.dropped, before.dropped + 2, 'the first two datagrams were lost');
    assert.equal(nat.stats.accepted, before.accepted + 1, 'the third one woke the device');
    await sim.idle();
    assert.equal(sim.sessions.length, sessions + 1);
    const attempt = (await h.acs.api.getReachability({ id })).attempts[0];
    assert.equal(attempt?.via, 'udp');
    assert.equal(attempt?.result, 'reached');
    const sent = Number(/\((\d+) sent\)/.exec(attempt?.message ?? '')?.[1]);
    assert.ok(sent >= 3, attempt?.message);
    await sim.idle();
  });

  test('a BINDING-CHANGE from a new port moves the binding, and the next UDP request goes there', async () => {
    const nat = sim.nat;
    assert.ok(nat !== undefined);
    const oldPort = nat.localPort;
    const changesBefore = h.store.stunBindings.get(id)?.bindingChanges ?? 0;
    const learnt = await nat.rebind();
    assert.equal(learnt, `127.0.0.1:${nat.localPort}`);
    assert.notEqual(nat.localPort, oldPort);
    await until('the new binding', () => (h.store.stunBindings.get(id)?.port === nat.localPort ? true : null));
    assert.equal(h.store.stunBindings.get(id)?.bindingChanges, changesBefore + 1);
    assert.equal(h.store.stunBindings.get(id)?.authenticated, true);

    const accepted = nat.stats.accepted;
    const result = await h.acs.api.createTask({
      id,
      task: { name: 'refresh', path: 'Device.ManagementServer.' },
      connectionRequest: true,
      waitSeconds: 10,
    });
    assert.equal(result.connectionRequest?.outcome, 'reached', result.connectionRequest?.message);
    assert.match(result.connectionRequest?.message ?? '', new RegExp(`127\\.0\\.0\\.1:${nat.localPort}`));
    assert.equal(nat.stats.accepted, accepted + 1);
    const reach = await h.acs.api.getReachability({ id });
    assert.equal(reach.stun.binding, `127.0.0.1:${nat.localPort}`);
    await sim.idle();
  });
});
