// Connection requests to an https:// ConnectionRequestURL (issue #14). A CPE's certificate is
// self-signed in practice, so it is not required to verify; what may travel over it is limited:
// Digest (which never reveals the password) is answered, Basic is not sent to an endpoint whose
// certificate does not verify unless the caller allows it.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sendConnectionRequest } from '../../electron/core/services/connection-request.ts';
import { DigestVerifier } from '../../electron/simulator/digest.ts';
import { createCa, createServerCertificate } from '../../electron/core/tls/local-ca.ts';

const CREDS = { username: 'cr-user', password: 'cr-pass-1234' };

describe('connection requests over https', () => {
  let server: Server;
  let base = '';
  const seen: { path: string; authorization: string | undefined }[] = [];
  const digest = new DigestVerifier('cpe');

  before(async () => {
    // A CPE's own certificate: signed by a CA nobody trusts.
    const cert = createServerCertificate(createCa(), { dns: ['localhost'], ips: ['127.0.0.1'] });
    server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      const basic = `Basic ${Buffer.from(`${CREDS.username}:${CREDS.password}`).toString('base64')}`;
      if (req.url === '/open') res.writeHead(204);
      else if (req.url === '/digest') {
        const ok = digest.verify(req.headers.authorization, { method: 'GET', uri: '/digest' }, CREDS.username, CREDS.password);
        res.writeHead(ok ? 204 : 401, ok ? {} : { 'WWW-Authenticate': digest.challenge() });
      } else if (req.headers.authorization === basic) res.writeHead(204);
      else res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="cpe"' });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a device that asks no credentials is reached over a self-signed certificate', async () => {
    const r = await sendConnectionRequest(`${base}/open`, CREDS, { timeoutMs: 5000 });
    assert.equal(r.outcome, 'reached');
  });

  test('Digest over a self-signed certificate is answered and verified by the device', async () => {
    const r = await sendConnectionRequest(`${base}/digest`, CREDS, { timeoutMs: 5000 });
    assert.equal(r.outcome, 'reached', JSON.stringify(r));
    assert.equal(r.outcome === 'reached' ? r.scheme : '', 'digest');
    const wrong = await sendConnectionRequest(`${base}/digest`, { ...CREDS, password: 'wrong' }, { timeoutMs: 5000 });
    assert.equal(wrong.outcome, 'auth-failed');
  });

  test('Basic is not sent to an endpoint whose certificate does not verify, unless allowed', async () => {
    const n = seen.length;
    const r = await sendConnectionRequest(`${base}/basic`, CREDS, { timeoutMs: 5000 });
    assert.equal(r.outcome, 'auth-failed');
    assert.equal(r.outcome === 'auth-failed' ? r.reason : '', 'unsupported');
    assert.match(r.outcome === 'auth-failed' ? r.message : '', /certificate does not verify/);
    assert.deepEqual(
      seen.slice(n).map((s) => s.authorization),
      [undefined],
      'no credentials went out',
    );
    const allowed = await sendConnectionRequest(`${base}/basic`, CREDS, { timeoutMs: 5000, allowInvalidCertificates: true });
    assert.equal(allowed.outcome, 'reached');
  });
});
