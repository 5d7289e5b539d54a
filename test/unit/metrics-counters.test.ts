// Throughput from byte counters: wraps at 32 and 64 bits give the right rate, a restart gives
// none, and no input ever gives a negative rate.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { counterStep, parseCounter } from '../../electron/core/services/metrics/counters.ts';

const TWO_32 = 2n ** 32n;
const TWO_64 = 2n ** 64n;

describe('counterStep', () => {
  test('a growing counter: bytes per second', () => {
    const s = counterStep(1_000n, 301_000n, 300);
    assert.deepEqual(s, { kind: 'rate', perSecond: 1000, delta: 300_000n, wrapped: null });
  });

  test('a 32-bit counter that wrapped', () => {
    const s = counterStep(TWO_32 - 1000n, 2000n, 3);
    assert.equal(s.kind, 'rate');
    assert.equal(s.kind === 'rate' && s.wrapped, '32');
    assert.equal(s.kind === 'rate' && s.perSecond, 1000);
  });

  test('a 64-bit counter that wrapped', () => {
    const s = counterStep(TWO_64 - 10n, 90n, 1);
    assert.equal(s.kind === 'rate' && s.wrapped, '64');
    assert.equal(s.kind === 'rate' && s.perSecond, 100);
  });

  test('a counter that went back from low in its range restarted: no rate', () => {
    assert.equal(counterStep(5_000_000n, 1_000n, 300).kind, 'reset');
    assert.equal(counterStep(TWO_32 + 5n, 1n, 300).kind, 'reset', 'above 32 bits but low in 64: a restart');
  });

  test('a reboot in between resets whatever the numbers say', () => {
    assert.equal(counterStep(1n, 100n, 10, { rebooted: true }).kind, 'reset');
  });

  test('a "wrap" that would need an impossible rate is a reset', () => {
    assert.equal(counterStep(TWO_32 - 10n, 5n, 0.001, { maxPerSecond: 1000 }).kind, 'reset');
  });

  test('no time between readings: nothing', () => {
    assert.equal(counterStep(1n, 2n, 0).kind, 'none');
  });

  test('never negative, over many random pairs', () => {
    for (let i = 0; i < 2000; i++) {
      const prev = BigInt(Math.floor(Math.random() * 2 ** 40)) * (i % 3 === 0 ? 4096n : 1n);
      const cur = BigInt(Math.floor(Math.random() * 2 ** 40));
      const s = counterStep(prev % TWO_64, cur, 1 + Math.random() * 600);
      if (s.kind === 'rate') assert.ok(s.perSecond >= 0 && s.delta >= 0n);
    }
  });

  test('parseCounter: unsigned whole numbers up to 2^64-1 only', () => {
    assert.equal(parseCounter(' 42 '), 42n);
    assert.equal(parseCounter('18446744073709551615'), TWO_64 - 1n);
    assert.equal(parseCounter('18446744073709551616'), null);
    assert.equal(parseCounter('-1'), null);
    assert.equal(parseCounter('1.5'), null);
    assert.equal(parseCounter(''), null);
  });
});
