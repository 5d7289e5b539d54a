// History pruning in the store: which sessions, faults, CPE requests and tasks go, which stay
// (open sessions, live tasks, the newest N per device), and that small batches resume where
// the last one stopped and end with the same result as one large batch.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyRemoved, totalRemoved, type HistoryRemoved } from '../../electron/core/store/history.ts';
import type { Store } from '../../electron/core/store/index.ts';
import { makeInform } from '../helpers/inform.ts';
import { tempStore } from '../helpers/temp-store.ts';

const DAY = 86_400_000;
const base = Date.parse('2026-01-01T00:00:00Z');
const day = (n: number): Date => new Date(base + n * DAY);

/** One ended session per listed day; returns the device id. */
function sessionsOn(store: Store, serial: string, days: number[], open = false): string {
  let id = '';
  for (const [i, d] of days.entries()) {
    const r = store.informs.record({
      inform: makeInform({ serial, events: [i === 0 ? '0 BOOTSTRAP' : '2 PERIODIC'] }),
      remoteAddress: '127.0.0.1',
      cwmpVersion: '1.0',
      at: day(d),
      warnings: [],
    });
    id = r.deviceId;
    const last = i === days.length - 1;
    if (!(open && last)) store.sessions.end(r.sessionId, 'ok', { messages: 2, warnings: [] }, day(d));
  }
  return id;
}

function faultsAndRequestsOn(store: Store, deviceId: string, days: number[]): void {
  for (const d of days) {
    store.faults.record({ deviceId, code: 9002, faultString: `day ${d}`, at: day(d) });
    store.cpeRequests.record({ deviceId, sessionId: null, method: 'TransferComplete', detail: { day: d }, at: day(d) });
  }
}

function pruneAll(
  store: Store,
  cutoff: Date,
  keepPerDevice: number,
  maxDevices = 1000,
  maxRows = 100_000,
): { removed: HistoryRemoved; batches: number } {
  const removed = emptyRemoved();
  let after = 0;
  let batches = 0;
  for (;;) {
    batches += 1;
    const r = store.lightTransaction(() =>
      store.history.pruneBatch({ afterSeq: after, cutoff: cutoff.toISOString(), keepPerDevice, maxDevices, maxRows }),
    );
    for (const k of Object.keys(removed) as (keyof HistoryRemoved)[]) removed[k] += r.removed[k];
    assert.ok(batches < 10_000, 'pruning does not end');
    if (r.next === null) return { removed, batches };
    after = r.next;
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);
const sessionDays = (store: Store, id: string): number[] =>
  store.sessions
    .listForDevice(id, 1000)
    .map((s) => Math.round((Date.parse(s.startedAt) - base) / DAY))
    .reverse();

describe('history pruning in the store', () => {
  test('sessions older than the cutoff go, except the newest N of each device', () => {
    const store = tempStore('history');
    const a = sessionsOn(store, 'A1', range(0, 30));
    const b = sessionsOn(store, 'B1', range(0, 3));
    const { removed } = pruneAll(store, day(20), 15);
    // A: the newest 15 are days 15-29; of the older ones, all are before day 20.
    assert.deepEqual(sessionDays(store, a), range(15, 30));
    // B: three sessions, all old, all among its newest 15.
    assert.deepEqual(sessionDays(store, b), [0, 1, 2]);
    assert.equal(removed.sessions, 15);
    // The newest-N rule does not save rows newer than the cutoff from nothing: keep 5.
    const again = pruneAll(store, day(20), 5);
    assert.deepEqual(sessionDays(store, a), range(20, 30));
    assert.deepEqual(sessionDays(store, b), [0, 1, 2]);
    assert.equal(again.removed.sessions, 5);
  });

  test('keep 1 leaves only the newest, an open session stays, and session ids are never reused', () => {
    const store = tempStore('history');
    const a = sessionsOn(store, 'OPEN1', range(0, 4), true);
    const b = sessionsOn(store, 'SHUT1', range(0, 3));
    const before = Math.max(...store.sessions.listForDevice(b, 10).map((x) => x.id));
    pruneAll(store, day(100), 1);
    const left = store.sessions.listForDevice(a, 10);
    assert.deepEqual(
      left.map((x) => x.outcome),
      ['open'],
    );
    assert.deepEqual(
      store.sessions.listForDevice(b, 10).map((x) => x.id),
      [before],
    );
    // A rowid table hands out max(id) + 1: the newest session of each device is kept, so the
    // largest id survives and a new session does not take an id faults may still point at.
    const c = store.informs.record({
      inform: makeInform({ serial: 'NEW1', events: ['0 BOOTSTRAP'] }),
      remoteAddress: '127.0.0.1',
      cwmpVersion: '1.0',
      at: day(101),
      warnings: [],
    });
    assert.ok(c.sessionId > before, `new session id ${c.sessionId} after ${before}`);
  });

  test('one batch removes at most maxRows rows, all kinds together', () => {
    const store = tempStore('history');
    const a = sessionsOn(store, 'BUDGET1', range(0, 10));
    faultsAndRequestsOn(store, a, range(0, 10));
    const r = store.lightTransaction(() =>
      store.history.pruneBatch({ afterSeq: 0, cutoff: day(50).toISOString(), keepPerDevice: 1, maxDevices: 10, maxRows: 12 }),
    );
    assert.equal(totalRemoved(r.removed), 12);
    assert.equal(r.devices, 0, 'the device is not finished');
    assert.equal(r.next, 0, 'the next batch resumes at the same device');
  });

  test('the events listing reads what is left, newest first', () => {
    const store = tempStore('history');
    const a = sessionsOn(store, 'EV1', range(0, 10));
    pruneAll(store, day(8), 1);
    const events = store.events.listForDevice(a, 10);
    assert.deepEqual(
      events.map((e) => [e.code, e.at]),
      [
        ['2 PERIODIC', day(9).toISOString()],
        ['2 PERIODIC', day(8).toISOString()],
      ],
    );
  });

  test('faults and CPE requests follow the same rule', () => {
    const store = tempStore('history');
    const a = sessionsOn(store, 'F1', [0]);
    faultsAndRequestsOn(store, a, range(0, 10));
    const { removed } = pruneAll(store, day(5), 2);
    assert.deepEqual(
      store.faults
        .listForDevice(a)
        .map((f) => f.faultString)
        .reverse(),
      range(5, 10).map((d) => `day ${d}`),
    );
    assert.deepEqual(
      store.cpeRequests
        .listForDevice(a, 100)
        .map((r) => (r.detail as { day: number }).day)
        .reverse(),
      range(5, 10),
    );
    assert.equal(removed.faults, 5);
    assert.equal(removed.cpeRequests, 5);
  });

  test('finished tasks go by their end time; queued and running tasks always stay', () => {
    const store = tempStore('history');
    const a = sessionsOn(store, 'T1', [0]);
    const finished = [0, 1, 2, 3].map((d) => {
      const t = store.tasks.enqueue(a, 'reboot', null, { at: day(d) });
      store.tasks.markRunning(t.id, day(d));
      store.tasks.finish(t.id, d === 3 ? 'fault' : 'done', {}, day(d));
      return t.id;
    });
    const queued = store.tasks.enqueue(a, 'refresh', null, { at: day(0) }).id;
    const running = store.tasks.enqueue(a, 'reboot', null, { at: day(0) }).id;
    store.tasks.markRunning(running, day(0));
    const late = store.tasks.enqueue(a, 'refresh', null, { at: day(0) }).id;
    store.tasks.finish(late, 'cancelled', {}, day(9)); // created long ago, ended after the cutoff
    // Newer live tasks do not count towards the finished ones kept.
    const newer = [store.tasks.enqueue(a, 'reboot', null, { at: day(9) }).id, store.tasks.enqueue(a, 'reboot', null, { at: day(9) }).id];
    const { removed } = pruneAll(store, day(5), 2);
    const left = store.tasks
      .listForDevice(a)
      .map((t) => t.id)
      .sort((x, y) => x - y);
    // Kept: the two newest finished (task 3 and late), and every live task; 0-2 ended before day 5.
    assert.deepEqual(
      left,
      [finished[3], queued, running, late, ...newer].sort((x, y) => (x ?? 0) - (y ?? 0)),
    );
    assert.equal(removed.tasks, 3);
  });

  test('small batches resume where they stopped, inside a device too, and end like one big batch', () => {
    const build = (): { store: Store; ids: string[] } => {
      const store = tempStore('history');
      const ids = ['S1', 'S2', 'S3', 'S4'].map((s, i) => sessionsOn(store, s, range(0, 12 + i)));
      for (const id of ids) faultsAndRequestsOn(store, id, range(0, 7));
      return { store, ids };
    };
    const big = build();
    const one = pruneAll(big.store, day(10), 2);
    assert.equal(one.batches, 1);
    const small = build();
    const many = pruneAll(small.store, day(10), 2, 1, 3);
    assert.ok(many.batches > 10, `expected many batches, got ${many.batches}`);
    assert.deepEqual(many.removed, one.removed);
    assert.ok(totalRemoved(one.removed) > 40);
    for (const [i, id] of small.ids.entries()) {
      assert.deepEqual(sessionDays(small.store, id), sessionDays(big.store, big.ids[i] ?? ''));
      assert.equal(small.store.faults.listForDevice(id).length, 2);
    }
  });

  test('an empty store is one batch that removes nothing', () => {
    const store = tempStore('history');
    const { removed, batches } = pruneAll(store, day(0), 0);
    assert.equal(batches, 1);
    assert.equal(totalRemoved(removed), 0);
  });
});
