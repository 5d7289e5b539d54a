// The CWMP access log through the real listener: one entry per HTTP request, with the device
// once the Inform named it, the status and the bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CwmpAccessEntry } from '../../electron/core/cwmp/access-log.ts';
import { CpeConnection, startHarness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';

test('each request of a session is logged with device, status and bytes; a refused one too', async () => {
  const entries: CwmpAccessEntry[] = [];
  const h = await startHarness({ accessLog: (e) => entries.push(e) });
  try {
    const conn = new CpeConnection(h.cwmpUrl);
    const inform = informXml({ serial: 'ACCESS1' });
    assert.equal((await conn.post(inform)).status, 200);
    await conn.post('');
    conn.close();
    const bad = new CpeConnection(h.cwmpUrl);
    assert.equal((await bad.post(informXml({ serial: ' ' }))).status, 400);
    bad.close();
    for (let i = 0; i < 50 && entries.length < 3; i += 1) await new Promise((r) => setTimeout(r, 20));
    assert.equal(entries.length, 3);
    const [first, second, refused] = entries as [CwmpAccessEntry, CwmpAccessEntry, CwmpAccessEntry];
    assert.equal(first.method, 'POST');
    assert.equal(first.status, 200);
    assert.match(first.deviceId ?? '', /ACCESS1$/);
    // The request with its headers: more than the body, and not the next request's bytes too.
    assert.ok(first.bytesIn > Buffer.byteLength(inform) && first.bytesIn < Buffer.byteLength(inform) + 2000, String(first.bytesIn));
    assert.ok(second.bytesIn > 0 && second.bytesIn < 2000, String(second.bytesIn));
    assert.ok(first.bytesOut > 0);
    assert.equal(first.completed, true);
    assert.match(second.deviceId ?? '', /ACCESS1$/);
    assert.equal(refused.status, 400);
    assert.equal(refused.remote.endsWith('127.0.0.1'), true);
  } finally {
    await h.close();
  }
});
