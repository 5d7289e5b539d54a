// sendUdpConnectionRequest repeats the same datagram with a doubling gap until the device's
// session starts, at most maxSends times, and reports what happened (TR-069 Annex G: UDP may
// lose it). Gaps are checked from below only: a slow machine may stretch them, never shorten them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendUdpConnectionRequest } from '../../electron/core/services/udp-connection-request.ts';

const target = { address: '127.0.0.1', port: 7547 };
const creds = { username: 'u', password: 'p' };

describe('UDP connection request repeats', () => {
  test('sent again with a doubling gap until the session starts, then no more', async () => {
    const at: number[] = [];
    const bytes: string[] = [];
    const result = await sendUdpConnectionRequest(target, creds, {
      send: async (b) => {
        at.push(performance.now());
        bytes.push(b.toString('latin1'));
      },
      started: () => at.length >= 3,
      timeoutMs: 10_000,
      firstGapMs: 50,
    });
    assert.equal(result.outcome, 'reached');
    assert.equal(result.sent, 3);
    assert.equal(at.length, 3);
    assert.ok((at[1] ?? 0) - (at[0] ?? 0) >= 45, `first gap ${(at[1] ?? 0) - (at[0] ?? 0)} ms`);
    assert.ok((at[2] ?? 0) - (at[1] ?? 0) >= 95, `second gap ${(at[2] ?? 0) - (at[1] ?? 0)} ms`);
    assert.equal(new Set(bytes).size, 1, 'every repeat is the same message (same id: the CPE ignores the extras)');
    assert.match(bytes[0] ?? '', /^GET http:\/\/127\.0\.0\.1:7547\?ts=\d+&id=\d+&un=u&cn=[0-9a-f]+&sig=[0-9A-F]{40} HTTP\/1\.1\r\n/);
  });

  test('without a session it stops after maxSends and reports timed-out', async () => {
    let sent = 0;
    const result = await sendUdpConnectionRequest(target, creds, {
      send: async () => {
        sent += 1;
      },
      started: () => false,
      timeoutMs: 1500,
      firstGapMs: 20,
      maxSends: 4,
    });
    assert.deepEqual(result, { outcome: 'timed-out', target: '127.0.0.1:7547', sent: 4, timeoutMs: 1500 });
    assert.equal(sent, 4);
  });

  test('a send that fails ends it as unreachable, with the reason', async () => {
    const result = await sendUdpConnectionRequest(target, creds, {
      send: async () => {
        throw new Error('EHOSTUNREACH');
      },
      started: () => false,
      timeoutMs: 1000,
    });
    assert.deepEqual(result, { outcome: 'unreachable', target: '127.0.0.1:7547', sent: 0, message: 'EHOSTUNREACH' });
  });

  test('an abort stops the repeats', async () => {
    const controller = new AbortController();
    let sent = 0;
    const run = sendUdpConnectionRequest(target, creds, {
      send: async () => {
        sent += 1;
        if (sent === 2) controller.abort(new Error('stop'));
      },
      started: () => false,
      timeoutMs: 5000,
      firstGapMs: 10,
      signal: controller.signal,
    });
    await assert.rejects(run, /stop/);
    assert.equal(sent, 2);
  });
});
