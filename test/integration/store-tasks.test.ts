import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../electron/core/store/index.ts';
import { makeInform } from '../helpers/inform.ts';

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-store-task-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'acs.sqlite');
}

const t0 = new Date('2024-03-01T00:00:00.000Z');
const minutes = (n: number): Date => new Date(t0.getTime() + n * 60_000);

function storeWithDevice(path: string = tempPath()): { store: Store; id: string } {
  const store = openStore({ path });
  const r = store.informs.record({
    inform: makeInform({ serial: 'T1' }),
    remoteAddress: '192.0.2.1',
    cwmpVersion: '1.0',
    at: t0,
    warnings: [],
  });
  return { store, id: r.deviceId };
}

describe('store tasks', () => {
  test('tasks run oldest first through queued -> running -> done', () => {
    const { store, id } = storeWithDevice();
    assert.equal(store.tasks.hasQueued(id), false);
    const a = store.tasks.enqueue(id, 'getParameterValues', { names: ['Device.'] }, { at: minutes(1) });
    const b = store.tasks.enqueue(id, 'reboot', null, { at: minutes(2), commandKey: 'reboot-b' });
    assert.equal(store.tasks.hasQueued(id), true);
    assert.deepEqual(a, {
      id: a.id,
      deviceId: id,
      name: 'getParameterValues',
      args: { names: ['Device.'] },
      status: 'queued',
      createdAt: minutes(1).toISOString(),
      startedAt: null,
      endedAt: null,
      result: null,
      fault: null,
      attempts: 0,
      commandKey: null,
      expiresAt: null,
      notBefore: null,
      awaiting: null,
      awaitingUntil: null,
      batchId: null,
    });
    assert.equal(store.tasks.nextQueued(id)?.id, a.id);
    assert.equal(store.tasks.markRunning(a.id, minutes(3)), true);
    assert.equal(store.tasks.markRunning(a.id, minutes(3)), false, 'only a queued task starts');
    assert.equal(store.tasks.nextQueued(id)?.id, b.id);
    assert.equal(store.tasks.finish(a.id, 'done', { result: { count: 12 } }, minutes(4)), true);
    assert.equal(store.tasks.finish(a.id, 'fault', {}, minutes(5)), false, 'an ended task stays ended');
    const done = store.tasks.get(a.id);
    assert.equal(done?.status, 'done');
    assert.equal(done?.startedAt, minutes(3).toISOString());
    assert.equal(done?.endedAt, minutes(4).toISOString());
    assert.deepEqual(done?.result, { count: 12 });
    assert.equal(done?.attempts, 1);
    assert.equal(store.tasks.findByCommandKey(id, 'reboot-b')?.id, b.id);
    assert.deepEqual(
      store.tasks.listForDevice(id).map((t) => [t.name, t.status]),
      [
        ['getParameterValues', 'done'],
        ['reboot', 'queued'],
      ],
    );
  });

  test('a fault is stored as data with the task', () => {
    const { store, id } = storeWithDevice();
    const t = store.tasks.enqueue(id, 'setParameterValues', { values: [] }, { at: t0 });
    store.tasks.markRunning(t.id, minutes(1));
    const fault = { code: 9007, message: 'Invalid parameter value', detail: { parameter: 'Device.X' } };
    store.tasks.finish(t.id, 'fault', { fault }, minutes(2));
    assert.deepEqual(store.tasks.get(t.id)?.fault, fault);
    const f = store.faults.record({
      deviceId: id,
      taskId: t.id,
      sessionId: null,
      code: 9007,
      faultString: fault.message,
      detail: fault.detail,
      at: minutes(2),
    });
    assert.deepEqual(store.faults.listForDevice(id), [
      {
        id: f.id,
        deviceId: id,
        taskId: t.id,
        sessionId: null,
        code: 9007,
        faultString: 'Invalid parameter value',
        detail: { parameter: 'Device.X' },
        at: minutes(2).toISOString(),
      },
    ]);
  });

  test('cancel affects queued tasks only; requeue returns a running task to the queue', () => {
    const { store, id } = storeWithDevice();
    const a = store.tasks.enqueue(id, 'a', 1, { at: t0 });
    const b = store.tasks.enqueue(id, 'b', 2, { at: t0 });
    assert.equal(store.tasks.cancel(a.id, minutes(1)), true);
    assert.equal(store.tasks.get(a.id)?.status, 'cancelled');
    store.tasks.markRunning(b.id, minutes(1));
    assert.equal(store.tasks.cancel(b.id, minutes(2)), false);
    assert.equal(store.tasks.requeue(b.id), true);
    assert.equal(store.tasks.nextQueued(id)?.id, b.id);
    assert.equal(store.tasks.get(b.id)?.attempts, 1);
  });

  test('expireOlderThan expires queued tasks past their deadline only', () => {
    const { store, id } = storeWithDevice();
    const soon = store.tasks.enqueue(id, 'soon', null, { at: t0, expiresAt: minutes(10) });
    const later = store.tasks.enqueue(id, 'later', null, { at: t0, expiresAt: minutes(60) });
    const never = store.tasks.enqueue(id, 'never', null, { at: t0 });
    assert.deepEqual(store.tasks.expireOlderThan(minutes(30)), [soon.id]);
    assert.equal(store.tasks.get(soon.id)?.status, 'expired');
    assert.equal(store.tasks.get(soon.id)?.endedAt, minutes(30).toISOString());
    assert.equal(store.tasks.get(later.id)?.status, 'queued');
    assert.equal(store.tasks.get(never.id)?.status, 'queued');
    assert.equal(store.tasks.nextQueued(id)?.id, later.id);
  });

  test('a deferred task waits for its retry time; an awaiting task expires at its deadline and survives a restart', () => {
    const { store, id } = storeWithDevice();
    const retry = store.tasks.enqueue(id, 'retry', null, { at: t0 });
    store.tasks.markRunning(retry.id, t0);
    assert.ok(store.tasks.defer(retry.id, minutes(5), { code: 9002, message: 'Internal error' }));
    assert.equal(store.tasks.nextQueued(id, minutes(4)), undefined);
    assert.equal(store.tasks.nextQueued(id, minutes(5))?.id, retry.id);
    assert.equal(store.tasks.get(retry.id)?.fault?.code, 9002);
    const boot = store.tasks.enqueue(id, 'reboot', null, { at: t0 });
    store.tasks.markRunning(boot.id, t0);
    assert.ok(store.tasks.setAwaiting(boot.id, 'boot', minutes(10), { commandKey: 'k' }));
    assert.deepEqual(
      store.tasks.listAwaiting(id).map((t) => t.id),
      [boot.id],
    );
    assert.equal(store.tasks.requeueRunning(), 0);
    assert.equal(store.tasks.get(boot.id)?.status, 'running');
    assert.deepEqual(store.tasks.expireOlderThan(minutes(11)), [boot.id]);
    assert.equal(store.tasks.get(boot.id)?.status, 'expired');
  });

  test('reopening requeues tasks left running and aborts sessions left open', () => {
    const path = tempPath();
    const { store, id } = storeWithDevice(path);
    const t = store.tasks.enqueue(id, 'download', { url: 'http://x/fw.bin' }, { at: t0 });
    store.tasks.markRunning(t.id, minutes(1));
    store.close();
    const reopened = openStore({ path }, () => minutes(5));
    assert.deepEqual(reopened.recovered, { abortedSessions: 1, requeuedTasks: 1 });
    assert.equal(reopened.tasks.get(t.id)?.status, 'queued');
    assert.equal(reopened.tasks.get(t.id)?.attempts, 1);
    const [session] = reopened.sessions.listForDevice(id, 1);
    assert.equal(session?.outcome, 'aborted');
    assert.equal(session?.endedAt, minutes(5).toISOString());
    reopened.close();
  });

  test('task ids are never reused after a device is removed', () => {
    const path = tempPath();
    const { store, id } = storeWithDevice(path);
    const first = store.tasks.enqueue(id, 'x', null, { at: t0 });
    store.devices.remove(id);
    store.close();
    const { store: again, id: id2 } = storeWithDevice(path);
    assert.equal(again.tasks.enqueue(id2, 'y', null, { at: t0 }).id > first.id, true);
    again.close();
  });
});
