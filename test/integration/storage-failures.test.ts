// Storage failures through the real listener, API and SQLite file: a database locked by another
// program and a full disk answer CPEs 503 + Retry-After and API callers `unavailable`, and the
// ACS recovers by itself once the cause is gone; sessions whose end could not be stored are
// closed afterwards, not left open.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { storePath } from '../../electron/core/store/data-dir.ts';
import { apiPost, CpeConnection, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function inform(h: Harness, serial: string): Promise<{ status: number; retryAfter: unknown; conn: CpeConnection }> {
  const conn = new CpeConnection(h.cwmpUrl);
  const res = await conn.post(informXml({ serial, extraParams: [['InternetGatewayDevice.DeviceInfo.Description', 'x'.repeat(3000)]] }));
  return { status: res.status, retryAfter: res.headers['retry-after'], conn };
}

/** Retries until the CPE is admitted (the ACS refuses batches for a moment after a failure). */
async function informUntilOk(h: Harness, serial: string, withinMs = 5_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const r = await inform(h, serial);
    r.conn.close();
    if (r.status === 200) return;
    if (Date.now() - start > withinMs) assert.fail(`${serial}: still ${r.status} after ${withinMs} ms`);
    await sleep(250);
  }
}

function openSessions(h: Harness, serial: string): number {
  return h.store.sessions.listForDevice(`00AA11-HG1-${serial}`, 10).filter((s) => s.outcome === 'open').length;
}

describe('storage failures', () => {
  test('a database locked by another program: CPEs 503 + Retry-After, API unavailable; both recover after release', async () => {
    const h = await startHarness();
    const other = new Database(storePath(h.dataDir, process.platform));
    try {
      h.store.maintenance.setPragma('busy_timeout', 100);
      const live = await inform(h, 'LIVE');
      assert.equal(live.status, 200);

      other.exec('BEGIN IMMEDIATE');
      const refused = await inform(h, 'LOCKED');
      refused.conn.close();
      assert.equal(refused.status, 503);
      assert.equal(refused.retryAfter, '10');
      // A session in progress whose end cannot be stored: dropped with 503, closed later.
      const end = await live.conn.post('');
      assert.equal(end.status, 503);
      const api = await apiPost(h, '/api/registrations', { id: 'REG-1' });
      assert.equal(api.status, 503);
      assert.equal((api.json as { error: { code: string } }).error.code, 'unavailable');
      assert.equal(openSessions(h, 'LIVE'), 1);

      other.exec('ROLLBACK');
      await informUntilOk(h, 'LOCKED');
      assert.ok(h.store.devices.get('00AA11-HG1-LOCKED') !== undefined);
      assert.equal((await apiPost(h, '/api/registrations', { id: 'REG-1' })).status, 200);
      const start = Date.now();
      while (openSessions(h, 'LIVE') > 0 && Date.now() - start < 5_000) await sleep(100);
      assert.equal(openSessions(h, 'LIVE'), 0, 'the dropped session is closed once the database is back');
      live.conn.close();
    } finally {
      other.close();
      await h.close();
    }
  });

  test('a full disk (max_page_count reached): CPEs 503 + Retry-After, API unavailable; recovers when space is back', async () => {
    const h = await startHarness();
    try {
      const pages = h.store.maintenance.setPragma('max_page_count', 1);
      assert.ok(pages > 1, 'max_page_count cannot go below the current size');
      let full: { status: number; retryAfter: unknown } | undefined;
      for (let i = 0; i < 200 && full === undefined; i++) {
        const r = await inform(h, `FULL${i}`);
        r.conn.close();
        if (r.status !== 200) full = r;
      }
      assert.ok(full !== undefined, 'the database filled up');
      assert.equal(full.status, 503);
      assert.equal(full.retryAfter, '10');
      await sleep(1_100);
      const api = await apiPost(h, '/api/registrations', { id: `REG-${'y'.repeat(20_000)}` });
      assert.equal(api.status, 503, JSON.stringify(api.json));
      assert.equal((api.json as { error: { code: string } }).error.code, 'unavailable');

      h.store.maintenance.setPragma('max_page_count', 1_000_000);
      await informUntilOk(h, 'AFTERFULL');
      assert.ok(h.store.devices.get('00AA11-HG1-AFTERFULL') !== undefined);
      // No session stays open past its timeout: neither those cut off by the full disk (closed
      // by the orphan sweep once space is back) nor the ones that informed before it filled.
      const serials = Array.from({ length: 200 }, (_, i) => `FULL${i}`);
      const stillOpen = (): string[] => serials.filter((serial) => openSessions(h, serial) > 0);
      const deadline = Date.now() + 15_000;
      while (stillOpen().length > 0 && Date.now() < deadline) await sleep(250);
      assert.deepEqual(stillOpen(), [], 'sessions left open after the disk had space again');
    } finally {
      await h.close();
    }
  });
});
