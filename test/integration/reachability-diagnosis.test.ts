// getReachability on a flat network (issue #14): nothing tried yet, credentials refused (and
// with which scheme), reached, and a device that went away: each with its plain advice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { startHarness, type Harness } from '../helpers/acs-harness.ts';

const CR = { username: 'cr-user', password: 'cr-s3cret-pass' };

describe('reachability diagnosis without NAT', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let id = '';

  before(async () => {
    h = await startHarness();
    sim = await startSimulator({ acsUrl: h.cwmpUrl, serial: 'FLAT-0001', connectionRequest: CR, autoSessions: false });
    assert.equal((await sim.runSession()).ok, true);
    id = (await h.acs.api.listDevices({ q: 'FLAT-0001' })).items[0]?.id ?? '';
  });
  after(async () => {
    await sim.close();
    await h.close();
  });

  test('before any connection request the verdict is unknown, and no NAT is seen', async () => {
    const reach = await h.acs.api.getReachability({ id });
    assert.equal(reach.verdict, 'unknown');
    assert.equal(reach.natDetected, false);
    assert.equal(reach.informAddress, '127.0.0.1');
    assert.equal(reach.connectionRequestHost, '127.0.0.1');
    assert.equal(reach.stun.serverPort, null);
    assert.match(reach.advice, /send one to test it/);
  });

  test('wrong credentials: the attempt names Digest and the advice says to set them', async () => {
    await h.acs.api.setDeviceCredentials({ id, username: CR.username, password: 'not-it' });
    const report = await h.acs.api.connectionRequest({ id });
    assert.equal(report.outcome, 'auth-failed');
    const reach = await h.acs.api.getReachability({ id });
    assert.equal(reach.attempts[0]?.result, 'auth-rejected');
    assert.equal(reach.attempts[0]?.scheme, 'digest');
    assert.equal(reach.attempts[0]?.status, 401);
    assert.equal(reach.verdict, 'credentials');
    assert.match(reach.advice, /refused the connection-request credentials \(Digest\)/);
  });

  test('the right credentials: reachable, newest attempt first', async () => {
    await h.acs.api.setDeviceCredentials({ id, ...CR });
    const report = await h.acs.api.connectionRequest({ id });
    assert.equal(report.outcome, 'reached', report.message);
    await sim.idle();
    const reach = await h.acs.api.getReachability({ id });
    assert.equal(reach.verdict, 'reachable');
    assert.deepEqual(
      reach.attempts.map((a) => a.result),
      ['reached', 'auth-rejected'],
    );
  });

  test('a device whose connection-request port is closed: forward the port or shorten the interval', async () => {
    const url = new URL(sim.connectionRequestUrl ?? '');
    await sim.close();
    const report = await h.acs.api.connectionRequest({ id });
    assert.notEqual(report.outcome, 'reached');
    const reach = await h.acs.api.getReachability({ id });
    assert.equal(reach.attempts[0]?.result, 'refused');
    assert.equal(reach.attempts[0]?.target, url.host);
    assert.equal(reach.verdict, 'unreachable');
    assert.match(reach.advice, /forward that port/);
    assert.match(reach.advice, /periodic inform interval/);
    sim = await startSimulator({ acsUrl: h.cwmpUrl, serial: 'FLAT-0002', autoSessions: false, connectionRequest: false });
  });
});
