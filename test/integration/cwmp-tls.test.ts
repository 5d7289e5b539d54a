// CWMP over TLS on loopback (issue #14): a listener with a generated local CA serves a
// simulated CPE that trusts that CA and refuses one that does not; Basic over plain HTTP is
// refused beside TLS unless allowed; the operator's certificate swapped on disk is used
// without a restart.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { startSimulator } from '../../electron/simulator/index.ts';
import { createCa, createServerCertificate } from '../../electron/core/tls/local-ca.ts';
import { send, startHarness, type Harness } from '../helpers/acs-harness.ts';

const CPE = { username: 'cpe-user', password: 'cpe-pass-1234' };

describe('CWMP over TLS with the local CA', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ tls: { port: 0, host: '127.0.0.1' }, cpeAuth: { mode: 'basic', ...CPE } });
  });
  after(() => h.close());

  test('the CA certificate is offered and signs the listener certificate', async () => {
    const ca = await h.acs.api.getCaCertificate({});
    assert.match(ca.pem, /^-----BEGIN CERTIFICATE-----/);
    assert.equal(ca.cwmpTlsUrl, h.acs.info.cwmpTlsUrl);
    assert.match(ca.cwmpTlsUrl ?? '', /^https:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(new X509Certificate(ca.pem).ca, true);
    const info = await h.acs.api.serverInfo({});
    assert.equal(info.cwmpTlsUrl, ca.cwmpTlsUrl);
    assert.equal(info.localCa, true);
    assert.equal(info.stunPort, null);
  });

  test('a CPE that trusts the CA runs a session with Basic over TLS; one that does not is refused', async () => {
    const { pem } = await h.acs.api.getCaCertificate({});
    const url = h.acs.info.cwmpTlsUrl ?? '';
    const trusting = await startSimulator({
      acsUrl: url,
      acsCa: pem,
      serial: 'TLS-OK',
      ...CPE,
      connectionRequest: false,
      autoSessions: false,
    });
    const other = await startSimulator({ acsUrl: url, serial: 'TLS-NO', ...CPE, connectionRequest: false, autoSessions: false });
    try {
      const ok = await trusting.runSession();
      assert.equal(ok.ok, true, ok.error);
      const refused = await other.runSession();
      assert.equal(refused.ok, false);
      assert.match(refused.error ?? '', /certificate/i);
      assert.equal((await h.acs.api.listDevices({ q: 'TLS-NO' })).items.length, 0);
    } finally {
      await trusting.close();
      await other.close();
    }
  });

  test('Basic over plain HTTP is answered with a Digest challenge, until the operator allows it', async () => {
    const basic = `Basic ${Buffer.from(`${CPE.username}:${CPE.password}`).toString('base64')}`;
    const refused = await send(h.cwmpUrl, 'POST', { Authorization: basic, 'Content-Length': '0' }, null);
    assert.equal(refused.status, 401);
    assert.match(String(refused.headers['www-authenticate']), /^Digest /);
    // A CPE that can do Digest still gets in over plain HTTP.
    const digest = await startSimulator({
      acsUrl: h.cwmpUrl,
      serial: 'PLAIN-DIGEST',
      ...CPE,
      connectionRequest: false,
      autoSessions: false,
    });
    try {
      const report = await digest.runSession();
      assert.equal(report.ok, true, report.error);
    } finally {
      await digest.close();
    }
    const settings = await h.acs.api.setCpeAuth({ allowBasicOverHttp: true });
    assert.equal(settings.allowBasicOverHttp, true);
    const allowed = await send(h.cwmpUrl, 'POST', { Authorization: basic, 'Content-Length': '0' }, null);
    assert.notEqual(allowed.status, 401);
    await h.acs.api.setCpeAuth({ allowBasicOverHttp: false });
  });
});

describe("CWMP over TLS with the operator's certificate", () => {
  let h: Harness;
  let dir: string;
  const caA = createCa();
  const caB = createCa();
  const names = { dns: ['localhost'], ips: ['127.0.0.1'] };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'deskacs-tls-'));
    const first = createServerCertificate(caA, names);
    writeFileSync(join(dir, 'cert.pem'), first.certPem);
    writeFileSync(join(dir, 'key.pem'), first.keyPem);
    h = await startHarness({
      tls: { port: 0, host: '127.0.0.1', certPath: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem'), watchIntervalMs: 50 },
    });
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Whether a TLS client trusting `ca` accepts the listener's certificate. */
  function trusts(ca: string): Promise<boolean> {
    const url = new URL(h.acs.info.cwmpTlsUrl ?? '');
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: Number(url.port), ca, servername: 'localhost' }, () => {
        resolve(socket.authorized);
        socket.end();
      });
      socket.on('error', () => resolve(false));
    });
  }

  test('there is no local CA to download', async () => {
    await assert.rejects(h.acs.api.getCaCertificate({}), /operator's own certificate/);
    assert.equal((await h.acs.api.serverInfo({})).localCa, false);
  });

  test('a certificate swapped on disk is used without a restart', async () => {
    assert.equal(await trusts(caA.certPem), true);
    assert.equal(await trusts(caB.certPem), false);
    const next = createServerCertificate(caB, names);
    writeFileSync(join(dir, 'key.pem'), next.keyPem);
    writeFileSync(join(dir, 'cert.pem'), next.certPem);
    const end = Date.now() + 5000;
    while (!(await trusts(caB.certPem))) {
      if (Date.now() > end) assert.fail('the new certificate was not picked up');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(await trusts(caA.certPem), false);
    const sim = await startSimulator({
      acsUrl: h.acs.info.cwmpTlsUrl ?? '',
      acsCa: caB.certPem,
      serial: 'TLS-SWAP',
      connectionRequest: false,
      autoSessions: false,
    });
    try {
      const report = await sim.runSession();
      assert.equal(report.ok, true, report.error);
    } finally {
      await sim.close();
    }
  });
});
