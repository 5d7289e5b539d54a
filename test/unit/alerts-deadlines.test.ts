// The offline deadlines: a min-heap keyed by (rule, device), moved by each contact, fired in
// order once passed, stale entries skipped; driven by a test clock (no timer).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DeadlineQueue } from '../../electron/core/services/alerts/deadlines.ts';

describe('DeadlineQueue', () => {
  test('fires passed deadlines in order, once each', () => {
    let now = 0;
    const fired: string[] = [];
    const q = new DeadlineQueue(
      () => now,
      (key) => fired.push(key),
      false,
    );
    q.set('c', 30);
    q.set('a', 10);
    q.set('b', 20);
    now = 25;
    assert.equal(q.runDue(), 2);
    assert.deepEqual(fired, ['a', 'b']);
    now = 100;
    q.runDue();
    assert.deepEqual(fired, ['a', 'b', 'c']);
    assert.equal(q.runDue(), 0);
  });

  test('a moved deadline fires at its new time only; a deleted one never', () => {
    let now = 0;
    const fired: [string, number][] = [];
    const q = new DeadlineQueue(
      () => now,
      (key, at) => fired.push([key, at]),
      false,
    );
    q.set('dev', 10);
    q.set('dev', 50);
    q.set('gone', 5);
    q.delete('gone');
    now = 20;
    assert.equal(q.runDue(), 0);
    now = 60;
    q.runDue();
    assert.deepEqual(fired, [['dev', 50]]);
  });

  test('many moves keep the heap small and the order right', () => {
    let now = 0;
    const fired: string[] = [];
    const q = new DeadlineQueue(
      () => now,
      (key) => fired.push(key),
      false,
    );
    for (let round = 0; round < 50; round++) for (let d = 0; d < 100; d++) q.set(`d${d}`, 1000 + round * 10 + ((d * 7919) % 100));
    assert.equal(q.size, 100);
    now = 10_000;
    q.runDue();
    assert.equal(fired.length, 100);
    const order = fired.map((k) => (Number(k.slice(1)) * 7919) % 100);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
  });
});
