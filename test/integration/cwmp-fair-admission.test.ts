// Fair admission through the real listener: one client holding idle sessions cannot keep other
// CPEs out. Loopback addresses 127.0.0.x stand for distinct source addresses (Linux routes the
// whole 127/8 to lo).
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { describe, test } from 'node:test';
import { send, startHarness, type RawResponse } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';

/** One Inform from `from`, on its own connection, left idle afterwards. */
async function informFrom(url: string, from: string, serial: string): Promise<RawResponse> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: from });
  const body = Buffer.from(informXml({ serial }));
  try {
    return await send(url, 'POST', { 'Content-Type': 'text/xml', 'Content-Length': String(body.length) }, body, agent);
  } finally {
    agent.destroy();
  }
}

/** Retries the victim's Inform every 200 ms; the ms it took to be admitted. */
async function admitted(url: string, from: string, serial: string, withinMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    const res = await informFrom(url, from, serial);
    if (res.status === 200) return Date.now() - start;
    assert.equal(res.status, 503);
    if (Date.now() - start > withinMs) assert.fail(`not admitted within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('fair admission', () => {
  test('200 idle sessions opened from one address leave room: a victim from another address is admitted at once', async () => {
    const h = await startHarness({ maxConcurrentSessions: 40, sessionTimeoutMs: 60_000 });
    try {
      const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => informFrom(h.cwmpUrl, '127.0.0.1', `HOG${i}`)));
      const held = statuses.filter((r) => r.status === 200).length;
      assert.equal(held, 20, 'one address holds at most half the slots');
      assert.ok(statuses.filter((r) => r.status === 503).every((r) => r.headers['retry-after'] !== undefined));
      const ms = await admitted(h.cwmpUrl, '127.0.0.2', 'VICTIM', 5_000);
      assert.ok(ms < 5_000);
      assert.ok(h.store.devices.get('00AA11-HG1-VICTIM') !== undefined);
    } finally {
      await h.close();
    }
  });

  test('slots filled by sessions that went silent after their Inform are freed within seconds', async () => {
    const h = await startHarness({ maxConcurrentSessions: 20, sessionTimeoutMs: 60_000, admission: { informIdleTimeoutMs: 1_500 } });
    try {
      const hogs = await Promise.all(Array.from({ length: 200 }, (_, i) => informFrom(h.cwmpUrl, `127.0.0.${10 + (i % 10)}`, `IDLE${i}`)));
      assert.equal(hogs.filter((r) => r.status === 200).length, 20, 'every slot taken');
      assert.equal((await informFrom(h.cwmpUrl, '127.0.0.2', 'VICTIM')).status, 503);
      const ms = await admitted(h.cwmpUrl, '127.0.0.2', 'VICTIM', 5_000);
      assert.ok(ms < 5_000, `admitted after ${ms} ms`);
      // The silent sessions were recorded as timed out, not left open.
      const open = h.store.sessions.listForDevice('00AA11-HG1-IDLE0', 1)[0];
      assert.ok(open === undefined || open.outcome !== 'open', JSON.stringify(open));
    } finally {
      await h.close();
    }
  });
});
