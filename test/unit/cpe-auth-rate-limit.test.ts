import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Logger } from '../../electron/core/acs-types.ts';
import { FailureRateLimiter, rateLimitKey } from '../../electron/core/cwmp/auth/rate-limit.ts';

function fakeClock(): { now: () => Date; advance: (ms: number) => void } {
  let t = Date.parse('2024-05-01T12:00:00.000Z');
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

function recordingLog(): Logger & { lines: Array<{ level: string; msg: string; fields: Record<string, unknown> | undefined }> } {
  const lines: Array<{ level: string; msg: string; fields: Record<string, unknown> | undefined }> = [];
  return {
    lines,
    info: (msg, fields) => lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => lines.push({ level: 'error', msg, fields }),
  };
}

describe('CPE auth: rate limit', () => {
  test('the 10th failure within a minute blocks the address for a minute, logged once', () => {
    const clock = fakeClock();
    const log = recordingLog();
    const rl = new FailureRateLimiter({ maxFailures: 10, windowMs: 60_000, now: clock.now, log });
    for (let i = 0; i < 9; i++) {
      assert.equal(rl.recordFailure('192.0.2.7'), false);
      clock.advance(1000);
    }
    assert.deepEqual(rl.check('192.0.2.7'), { allowed: true });
    assert.equal(rl.recordFailure('192.0.2.7', { username: 'deskacs' }), true);
    assert.deepEqual(rl.check('192.0.2.7'), { allowed: false, retryAfterSeconds: 60 });
    assert.deepEqual(rl.check('192.0.2.8'), { allowed: true }, 'other addresses are not affected');
    for (let i = 0; i < 50; i++) {
      clock.advance(500);
      assert.equal(rl.check('192.0.2.7').allowed, false);
    }
    assert.deepEqual(rl.check('192.0.2.7'), { allowed: false, retryAfterSeconds: 35 });
    assert.equal(log.lines.length, 1);
    assert.equal(log.lines[0]?.level, 'warn');
    assert.deepEqual(log.lines[0]?.fields, { key: '192.0.2.7', failures: 10, windowSeconds: 60, blockedSeconds: 60, username: 'deskacs' });
    clock.advance(35_000);
    assert.deepEqual(rl.check('192.0.2.7'), { allowed: true });
    // A fresh start: one more failure does not block again.
    assert.equal(rl.recordFailure('192.0.2.7'), false);
    assert.deepEqual(rl.check('192.0.2.7'), { allowed: true });
  });

  test('failures older than the window do not add up', () => {
    const clock = fakeClock();
    const rl = new FailureRateLimiter({ maxFailures: 3, windowMs: 10_000, now: clock.now });
    rl.recordFailure('k');
    clock.advance(6000);
    rl.recordFailure('k');
    clock.advance(6000); // the first failure is now 12 s old
    assert.equal(rl.recordFailure('k'), false);
    assert.deepEqual(rl.check('k'), { allowed: true });
    clock.advance(1000);
    assert.equal(rl.recordFailure('k'), true);
    assert.deepEqual(rl.check('k'), { allowed: false, retryAfterSeconds: 10 });
  });

  test('blockMs sets the block length independently of the window', () => {
    const clock = fakeClock();
    const rl = new FailureRateLimiter({ maxFailures: 1, windowMs: 1000, blockMs: 300_000, now: clock.now });
    rl.recordFailure('k');
    clock.advance(299_500);
    assert.deepEqual(rl.check('k'), { allowed: false, retryAfterSeconds: 1 });
    clock.advance(500);
    assert.deepEqual(rl.check('k'), { allowed: true });
  });

  test('tracks at most maxKeys addresses, dropping idle ones first', () => {
    const clock = fakeClock();
    const rl = new FailureRateLimiter({ maxFailures: 2, windowMs: 1000, maxKeys: 3, now: clock.now });
    rl.recordFailure('a');
    rl.recordFailure('a'); // blocked
    rl.recordFailure('b');
    rl.recordFailure('c');
    clock.advance(500);
    assert.equal(rl.size, 3);
    rl.recordFailure('d'); // full: nothing idle yet, so the oldest ('a') goes
    assert.equal(rl.size, 3);
    assert.deepEqual(rl.check('a'), { allowed: true });
    clock.advance(2000);
    rl.recordFailure('e'); // b, c, d are idle now
    assert.equal(rl.size, 1);
  });
});

describe('CPE auth: rateLimitKey', () => {
  test('IPv4 as is, IPv4-mapped unwrapped, IPv6 by /64', () => {
    assert.equal(rateLimitKey('192.0.2.1'), '192.0.2.1');
    assert.equal(rateLimitKey('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(rateLimitKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd'), '2001:db8:1:2::/64');
    assert.equal(rateLimitKey('2001:0DB8:0001:0002::1'), '2001:db8:1:2::/64');
    assert.equal(rateLimitKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(rateLimitKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(rateLimitKey('::1'), '0:0:0:0::/64');
    assert.equal(rateLimitKey(undefined), 'unknown');
  });
});
