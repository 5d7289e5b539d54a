// The session inspector against the real ACS and the CPE simulator: a task's session shows every
// message in order with secrets masked, only the last ten logged sessions of a device keep their
// messages, plain periodic sessions are not written unless asked for, and pruning a session
// drops its log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AcsError } from '../../shared/errors.ts';
import type { SessionDetail } from '../../shared/models-device.ts';
import type { SessionRecord } from '../../shared/models.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { apiGet, startHarness, type Harness } from '../helpers/acs-harness.ts';

const CR = { username: 'cr-user', password: 'cr-secret' };
const SECRET = 'hunter2-pppoe-secret';

async function bootstrapped(h: Harness, serial: string, connectionRequest: boolean): Promise<{ sim: SimulatorHandle; id: string }> {
  const sim = await startSimulator({
    acsUrl: h.cwmpUrl,
    model: 'tr181',
    serial,
    autoSessions: connectionRequest,
    connectionRequest: connectionRequest ? CR : false,
  });
  await sim.idle();
  if (sim.sessions.length === 0) await sim.runSession();
  const d = h.store.devices.search({ q: serial }).items.find((x) => x.serialNumber === serial);
  assert.ok(d, `${serial} did not bootstrap`);
  return { sim, id: d.id };
}

describe('session inspector', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let id: string;
  const ended: { deviceId: string; sessionId: number | null }[] = [];

  before(async () => {
    h = await startHarness();
    h.acs.events.on('sessionEnded', (e) => ended.push(e));
    ({ sim, id } = await bootstrapped(h, 'INSPECT-1', true));
    await h.acs.api.setDeviceCredentials({ id, ...CR });
    const refresh = await h.acs.api.createTask({ id, task: { name: 'refresh' }, connectionRequest: true, waitSeconds: 15 });
    assert.equal(refresh.task.status, 'done');
  });
  after(async () => {
    await sim?.close();
    await h?.close();
  });

  test('a task session: Inform, the SetParameterValues and its response in order, the password masked', async () => {
    const r = await h.acs.api.createTask({
      id,
      task: {
        name: 'setParameterValues',
        values: [
          ['Device.PPP.Interface.1.Password', SECRET],
          ['Device.PPP.Interface.1.Username', 'bob@isp'],
        ],
      },
      connectionRequest: true,
      waitSeconds: 15,
    });
    assert.equal(r.task.status, 'done', JSON.stringify(r.task.fault));
    await sim.idle();
    assert.equal(sim.model.value('Device.PPP.Interface.1.Password'), SECRET, 'the device got the real value');
    const [latest] = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}/sessions?limit=1`)).json as SessionRecord[];
    assert.ok(latest);
    const detail = (await apiGet(h, `/api/sessions/${latest.id}`)).json as SessionDetail;
    assert.equal(detail.deviceId, id);
    assert.deepEqual(
      detail.messageLog.map((m) => `${m.seq} ${m.direction} ${m.rpc}`),
      [
        '1 cpe Inform',
        '2 acs InformResponse',
        '3 cpe empty',
        '4 acs SetParameterValues',
        '5 cpe SetParameterValuesResponse',
        '6 acs empty',
      ],
    );
    const spv = detail.messageLog[3];
    assert.ok(spv);
    assert.match(spv.soap, /Device\.PPP\.Interface\.1\.Password<\/Name>\s*<Value[^>]*>\*{8}<\/Value>/);
    assert.match(spv.soap, /bob@isp/, 'other values are shown as sent');
    assert.ok(!JSON.stringify(detail).includes(SECRET), 'the password appears nowhere in the session');
    assert.match(detail.messageLog[0]?.soap ?? '', /6 CONNECTION REQUEST/);
    assert.equal(detail.messageLog[0]?.truncated, false);
    assert.ok(detail.messageLog.every((m, i) => i === 0 || m.at >= (detail.messageLog[i - 1]?.at ?? '')));
    assert.equal(ended.findLast((e) => e.deviceId === id)?.sessionId, latest.id, 'sessionEnded names the session');
  });

  test('unknown sessions and devices are not_found', async () => {
    await assert.rejects(h.acs.api.getSession({ sessionId: 999_999 }), (e: unknown) => e instanceof AcsError && e.code === 'not_found');
    await assert.rejects(h.acs.api.listSessions({ id: 'NOPE-X-1' }), (e: unknown) => e instanceof AcsError && e.code === 'not_found');
  });
});

describe('which sessions keep their messages', () => {
  test('only the last ten logged sessions of a device; plain periodic ones are not written; pruning drops logs', async () => {
    const h = await startHarness();
    const { sim, id } = await bootstrapped(h, 'RING-1', false);
    try {
      for (let i = 0; i < 12; i++) await sim.runSession(['6 CONNECTION REQUEST']);
      await sim.runSession(['2 PERIODIC']);
      const sessions = await h.acs.api.listSessions({ id, limit: 14 });
      assert.equal(sessions.length, 14, 'the bootstrap, 12 connection-request sessions, one periodic');
      assert.ok(
        sessions.every((s, i) => i === 0 || s.id < (sessions[i - 1]?.id ?? 0)),
        'newest first',
      );
      const logs = await Promise.all(sessions.map((s) => h.acs.api.getSession({ sessionId: s.id })));
      assert.deepEqual(
        logs.map((d) => d.messageLog.length > 0),
        [false, ...Array<boolean>(10).fill(true), false, false, false],
        'the periodic session (newest) keeps none; of the 13 others only the 10 newest keep theirs',
      );
      assert.deepEqual(
        logs[1]?.messageLog.map((m) => m.rpc),
        ['Inform', 'InformResponse', 'empty', 'empty'],
      );
      assert.equal(logs[0]?.outcome, 'ok', 'the session row itself is kept');

      // Pruning everything but the newest session removes the logs of the sessions it removes.
      h.store.transaction(() =>
        h.store.history.pruneBatch({ cutoff: '9999-01-01T00:00:00.000Z', keepPerDevice: 1, afterSeq: 0, maxDevices: 10, maxRows: 1000 }),
      );
      assert.deepEqual(h.store.sessionLogs.sessionIds(id), [], 'the only session left is the periodic one, which had no log');
    } finally {
      await sim.close();
      await h.close();
    }
  });

  test('with logPeriodicSessions the plain periodic session is kept too', async () => {
    const h = await startHarness({ logPeriodicSessions: true });
    const { sim, id } = await bootstrapped(h, 'RING-2', false);
    try {
      await sim.runSession(['2 PERIODIC']);
      const [latest] = await h.acs.api.listSessions({ id, limit: 1 });
      assert.ok(latest);
      const detail = await h.acs.api.getSession({ sessionId: latest.id });
      assert.deepEqual(
        detail.messageLog.map((m) => `${m.direction} ${m.rpc}`),
        ['cpe Inform', 'acs InformResponse', 'cpe empty', 'acs empty'],
      );
      assert.match(detail.messageLog[0]?.soap ?? '', /2 PERIODIC/);
    } finally {
      await sim.close();
      await h.close();
    }
  });
});
