// Digest replay protection through the real listener: a captured Authorization header replayed on
// a new connection is refused, while a CPE that reuses its nonce with a higher nc still gets in.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { digestResponse } from '../../electron/core/cwmp/auth/index.ts';
import { CpeConnection, startHarness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';

const creds = { username: 'acs-user', password: 'acs-pass-123' };

function answer(challenge: string, nc: number, cnonce: string): string {
  const nonce = /nonce="([^"]+)"/.exec(challenge)?.[1] ?? '';
  const realm = /realm="([^"]+)"/.exec(challenge)?.[1] ?? '';
  const ncHex = nc.toString(16).padStart(8, '0');
  const response = digestResponse({ ...creds, realm, method: 'POST', uri: '/', nonce, qop: 'auth', nc: ncHex, cnonce });
  return `Digest username="${creds.username}", realm="${realm}", nonce="${nonce}", uri="/", qop=auth, nc=${ncHex}, cnonce="${cnonce}", response="${response}", algorithm=MD5`;
}

describe('Digest replay protection', () => {
  test('a captured Authorization header replayed on a new connection gets 401 stale=true and stores nothing', async () => {
    const h = await startHarness({ cpeAuth: { mode: 'digest', ...creds } });
    try {
      const first = new CpeConnection(h.cwmpUrl);
      const challenged = await first.post(informXml({ serial: 'REPLAY-1' }));
      assert.equal(challenged.status, 401);
      const header = answer(String(challenged.headers['www-authenticate']), 1, 'c0ffee');
      const ok = await first.post(informXml({ serial: 'REPLAY-1' }), { Authorization: header });
      assert.equal(ok.status, 200);
      first.close();

      for (const serial of ['REPLAY-1', 'REPLAY-2']) {
        const attacker = new CpeConnection(h.cwmpUrl);
        const replayed = await attacker.post(informXml({ serial }), { Authorization: header });
        attacker.close();
        assert.equal(replayed.status, 401, `replay as ${serial}`);
        assert.match(String(replayed.headers['www-authenticate']), /stale=true/);
      }
      assert.equal(h.store.devices.count(), 1);
      assert.equal(h.store.devices.search({ q: 'REPLAY-2' }).total, 0);
    } finally {
      await h.close();
    }
  });

  test('the same nonce with a higher nc is accepted on a new connection; a lower one is refused', async () => {
    const h = await startHarness({ cpeAuth: { mode: 'digest', ...creds } });
    try {
      const conn = new CpeConnection(h.cwmpUrl, false);
      const challenge = String((await conn.post(informXml({ serial: 'NC-1' }))).headers['www-authenticate']);
      conn.close();
      const post = async (nc: number): Promise<number> => {
        const c = new CpeConnection(h.cwmpUrl, false);
        const res = await c.post(informXml({ serial: 'NC-1' }), { Authorization: answer(challenge, nc, `cn${nc}`) });
        c.close();
        return res.status;
      };
      assert.equal(await post(5), 200);
      // The first session is still live on the listener: wait until it is replaced (new connection, same device).
      assert.equal(await post(6), 200);
      assert.equal(await post(3), 401);
    } finally {
      await h.close();
    }
  });
});
