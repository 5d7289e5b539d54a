// Pure parts of rollouts: wave numbers from wave sizes, maintenance windows (local time, passing
// midnight), and a device's rollout state read from its download task.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { waveOf } from '../../electron/core/services/rollouts.ts';
import { inWindow, outcomeOf } from '../../electron/core/services/rollouts-scheduler.ts';
import type { StoredTask } from '../../electron/core/store/tasks.ts';

const at = (h: number, m: number): Date => new Date(2026, 0, 15, h, m);

describe('rollout scheduling', () => {
  test('the first wave sizes are used in order, then the last one repeats', () => {
    const sizes = [2, 10, 20];
    const waves = Array.from({ length: 53 }, (_, i) => waveOf(i, sizes));
    const count = (w: number): number => waves.filter((x) => x === w).length;
    assert.deepEqual([count(1), count(2), count(3), count(4), count(5)], [2, 10, 20, 20, 1]);
    assert.deepEqual(
      [0, 1, 5].map((p) => waveOf(p, [1])),
      [1, 2, 6],
    );
  });

  test('a maintenance window may pass midnight; equal ends mean all day; no window is always open', () => {
    const night = { start: '23:00', end: '05:00' };
    assert.equal(inWindow(night, at(23, 30)), true);
    assert.equal(inWindow(night, at(4, 59)), true);
    assert.equal(inWindow(night, at(5, 0)), false);
    assert.equal(inWindow(night, at(12, 0)), false);
    const day = { start: '09:00', end: '17:30' };
    assert.equal(inWindow(day, at(9, 0)), true);
    assert.equal(inWindow(day, at(17, 30)), false);
    assert.equal(inWindow({ start: '02:00', end: '02:00' }, at(14, 0)), true);
    assert.equal(inWindow(null, at(3, 0)), true);
  });

  test("a device's state follows its download task", () => {
    const task = (t: Partial<StoredTask>): StoredTask =>
      ({ status: 'queued', result: null, fault: null, awaiting: null, ...t }) as StoredTask;
    assert.equal(outcomeOf(task({}), false, 3_600_000).state, 'downloading');
    assert.equal(outcomeOf(task({ status: 'running', awaiting: 'transfer', result: { verifying: true } }), false, 1).state, 'rebooting');
    assert.deepEqual(outcomeOf(task({ status: 'done', result: { verified: true, version: '2.0' } }), false, 1), {
      state: 'verified',
      toVersion: '2.0',
      message: '',
    });
    assert.deepEqual(outcomeOf(task({ status: 'expired', awaiting: 'transfer' }), false, 3_600_000), {
      state: 'failed',
      message: 'no TransferComplete within 1 h of the download',
    });
    assert.equal(outcomeOf(task({ status: 'cancelled' }), true, 1).state, 'skipped');
    assert.equal(outcomeOf(undefined, false, 1).state, 'failed');
  });
});
