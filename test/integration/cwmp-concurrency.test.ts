import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CpeConnection, startHarness } from '../helpers/acs-harness.ts';
import { informXml, peek } from '../helpers/cpe-messages.ts';

describe('CWMP sessions under concurrency', () => {
  test('a second session of the same device is refused with 503 + Retry-After and corrupts nothing', async () => {
    const h = await startHarness();
    try {
      const first = new CpeConnection(h.cwmpUrl);
      const second = new CpeConnection(h.cwmpUrl);
      assert.equal((await first.post(informXml({ serial: 'TWIN', id: 'a' }))).status, 200);
      const refused = await second.post(informXml({ serial: 'TWIN', id: 'b', events: ['1 BOOT'] }));
      assert.equal(refused.status, 503);
      assert.ok(Number(refused.headers['retry-after']) > 0);
      // The first session carries on and ends normally.
      assert.equal((await first.post('')).status, 204);
      // Only the accepted Inform was stored: one session, its event, nothing from the refused one.
      const id = '00AA11-HG1-TWIN';
      const sessions = h.store.sessions.listForDevice(id, 10);
      assert.equal(sessions.length, 1);
      assert.equal(sessions[0]?.outcome, 'ok');
      assert.deepEqual(
        h.store.events.listForDevice(id, 10).map((e) => e.code),
        ['2 PERIODIC'],
      );
      // Once the first session is over, the device may start another.
      assert.equal((await second.post(informXml({ serial: 'TWIN', id: 'c', events: ['1 BOOT'] }))).status, 200);
      assert.equal((await second.post('')).status, 204);
      assert.equal(h.store.sessions.listForDevice(id, 10).length, 2);
      first.close();
      second.close();
    } finally {
      await h.close();
    }
  });

  test('many devices at once: every session completes and every device is stored exactly once', async () => {
    const h = await startHarness({ maxConcurrentSessions: 500 });
    try {
      const n = 120;
      const results = await Promise.all(
        Array.from({ length: n }, async (_, i) => {
          const cpe = new CpeConnection(h.cwmpUrl);
          const a = await cpe.post(informXml({ serial: `C${i}`, events: ['0 BOOTSTRAP', '1 BOOT'] }));
          const b = await cpe.post('');
          cpe.close();
          return [a.status, b.status];
        }),
      );
      assert.ok(results.every(([a, b]) => a === 200 && b === 204));
      assert.equal(h.store.devices.count(), n);
      assert.equal(h.store.devices.search({ q: 'C11', limit: 100 }).total, 11); // C11, C110..C119
    } finally {
      await h.close();
    }
  });

  test('beyond the concurrent-session bound, new CPEs get 503 with Retry-After; sessions in progress continue', async () => {
    const h = await startHarness({ maxConcurrentSessions: 2 });
    try {
      const a = new CpeConnection(h.cwmpUrl);
      const b = new CpeConnection(h.cwmpUrl);
      const c = new CpeConnection(h.cwmpUrl);
      assert.equal((await a.post(informXml({ serial: 'A' }))).status, 200);
      assert.equal((await b.post(informXml({ serial: 'B' }))).status, 200);
      const refused = await c.post(informXml({ serial: 'C' }));
      assert.equal(refused.status, 503);
      assert.equal(refused.headers['retry-after'], '10');
      assert.equal(h.store.devices.get('00AA11-HG1-C'), undefined);
      assert.equal((await a.post('')).status, 204);
      assert.equal((await c.post(informXml({ serial: 'C' }))).status, 200);
      assert.equal((await b.post('')).status, 204);
      assert.equal((await c.post('')).status, 204);
      for (const x of [a, b, c]) x.close();
    } finally {
      await h.close();
    }
  });

  test('a silent CPE is dropped after the session timeout; its in-flight task goes back to the queue', async () => {
    const h = await startHarness({ sessionTimeoutMs: 150 });
    try {
      const id = '00AA11-HG1-SILENT';
      const cpe = new CpeConnection(h.cwmpUrl);
      await cpe.post(informXml({ serial: 'SILENT' }));
      const task = h.store.tasks.enqueue(id, 'reboot', { name: 'reboot' }, { commandKey: 'r1' });
      const req = await cpe.post('');
      assert.equal(peek(req.body).method, 'Reboot');
      assert.equal(h.store.tasks.get(task.id)?.status, 'running');
      await sleep(400);
      assert.equal(h.store.sessions.listForDevice(id, 1)[0]?.outcome, 'timeout');
      assert.equal(h.store.tasks.get(task.id)?.status, 'queued');
      // The session is gone: the same connection's next empty POST is not part of any session.
      assert.equal((await cpe.post('')).status, 400);
      cpe.close();
    } finally {
      await h.close();
    }
  });

  test('shutdown records open sessions as aborted', async () => {
    const h = await startHarness();
    const cpe = new CpeConnection(h.cwmpUrl);
    await cpe.post(informXml({ serial: 'OPEN' }));
    cpe.close();
    await h.acs.close();
    const { openStore } = await import('../../electron/core/store/index.ts');
    const store = openStore({ path: `${h.dataDir}/deskacs.sqlite` });
    try {
      assert.equal(store.sessions.listForDevice('00AA11-HG1-OPEN', 1)[0]?.outcome, 'aborted');
      assert.equal(store.recovered.abortedSessions, 0);
    } finally {
      store.close();
      rmSync(h.dataDir, { recursive: true, force: true });
    }
  });
});
