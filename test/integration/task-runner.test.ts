// The task runner on a real store with a controlled clock: retries after backoff, and
// confirmations that arrive in later Informs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InformRequest } from '../../electron/core/cwmp/messages.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { makeInform } from '../helpers/inform.ts';
import { defaultQuirks } from '../../electron/core/services/quirks.ts';
import { TaskRunner } from '../../electron/core/services/tasks/runner.ts';
import { openStore, type Store } from '../../electron/core/store/index.ts';

function setup(): { store: Store; runner: TaskRunner; clock: { t: number }; deviceId: string } {
  const store = openStore({ memory: true });
  const clock = { t: Date.parse('2026-11-21T10:00:00Z') };
  const now = (): Date => new Date(clock.t);
  const r = store.informs.record({
    inform: inform(['0 BOOTSTRAP']),
    remoteAddress: '127.0.0.1',
    cwmpVersion: '1.0',
    at: now(),
    warnings: [],
  });
  const runner = new TaskRunner({ store, log: silentLogger, now, quirksFor: () => ({ ...defaultQuirks }), changed: () => {} });
  return { store, runner, clock, deviceId: r.deviceId };
}

function inform(events: string[], commandKey = ''): InformRequest {
  return makeInform({ serial: 'RUN1', oui: '00AA11', productClass: 'PC', events, commandKey });
}

const internalError = {
  name: 'Fault' as const,
  faultCode: 'Server',
  faultString: 'CWMP fault',
  code: 9002,
  string: 'Internal error',
  setParameterValuesFaults: [],
};

describe('task runner', () => {
  test('a transient fault is retried after its backoff and then succeeds', () => {
    const { store, runner, clock, deviceId } = setup();
    const task = store.tasks.enqueue(deviceId, 'getRPCMethods', { name: 'getRPCMethods' }, { commandKey: 'k1' });
    const first = runner.nextRequest(deviceId);
    assert.equal(first?.request.name, 'GetRPCMethods');
    runner.onAnswer(deviceId, task.id, { kind: 'fault', fault: internalError });
    assert.equal(store.tasks.get(task.id)?.status, 'queued');
    assert.equal(runner.nextRequest(deviceId), undefined, 'not before its retry time');
    clock.t += 61_000;
    const again = runner.nextRequest(deviceId);
    assert.equal(again?.taskId, task.id);
    runner.onAnswer(deviceId, task.id, { kind: 'response', response: { name: 'GetRPCMethodsResponse', methods: ['Inform', 'Reboot'] } });
    const done = store.tasks.get(task.id);
    assert.equal(done?.status, 'done');
    assert.equal(done?.attempts, 2);
    assert.deepEqual((done?.result as { methods: string[] } | undefined)?.methods, ['Inform', 'Reboot']);
  });

  test('after the last attempt a transient fault is final, with its explanation', () => {
    const { store, runner, clock, deviceId } = setup();
    const task = store.tasks.enqueue(deviceId, 'getRPCMethods', { name: 'getRPCMethods' });
    for (let i = 0; i < 3; i++) {
      assert.equal(runner.nextRequest(deviceId)?.taskId, task.id, `attempt ${i + 1}`);
      runner.onAnswer(deviceId, task.id, { kind: 'fault', fault: internalError });
      clock.t += 16 * 60_000;
    }
    const t = store.tasks.get(task.id);
    assert.equal(t?.status, 'fault');
    assert.equal(t?.fault?.code, 9002);
    const detail = t?.fault?.detail as { explanation: string } | undefined;
    assert.ok(detail, 'the fault has a detail');
    assert.match(String(detail.explanation), /\w/);
  });

  test('a reboot waits for its M Reboot (a periodic Inform confirms nothing); a boot that never comes expires it', () => {
    const { store, runner, clock, deviceId } = setup();
    const reboot = store.tasks.enqueue(deviceId, 'reboot', { name: 'reboot' }, { commandKey: 'rb-1' });
    assert.equal(runner.nextRequest(deviceId)?.request.name, 'Reboot');
    runner.onAnswer(deviceId, reboot.id, { kind: 'response', response: { name: 'RebootResponse' } });
    assert.equal(store.tasks.get(reboot.id)?.awaiting, 'boot');
    runner.onInform(deviceId, inform(['2 PERIODIC']));
    assert.equal(store.tasks.get(reboot.id)?.status, 'running', 'a periodic Inform confirms nothing');
    runner.onInform(deviceId, inform(['1 BOOT', 'M Reboot'], 'rb-1'));
    assert.equal(store.tasks.get(reboot.id)?.status, 'done');

    const second = store.tasks.enqueue(deviceId, 'reboot', { name: 'reboot' }, { commandKey: 'rb-2' });
    runner.nextRequest(deviceId);
    runner.onAnswer(deviceId, second.id, { kind: 'response', response: { name: 'RebootResponse' } });
    clock.t += 11 * 60_000;
    assert.deepEqual(store.tasks.expireOlderThan(new Date(clock.t)), [second.id]);
  });
});
