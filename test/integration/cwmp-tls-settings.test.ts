// CWMP over TLS from Settings (the desktop app has no command line): saved through the API,
// used at the next start; a saved port that is taken leaves DeskACS running on plain HTTP and
// says why; bad settings are refused.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { test } from 'node:test';
import type { AcsConfig } from '../../electron/core/acs-types.ts';
import { assembleAcs } from '../../electron/core/acs.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { createCa, createServerCertificate } from '../../electron/core/tls/local-ca.ts';

function config(dataDir: string, extra: Partial<AcsConfig> = {}): AcsConfig {
  return {
    dataDir,
    cwmpHost: '127.0.0.1',
    cwmpPort: 0,
    httpHost: '127.0.0.1',
    httpPort: null,
    webRoot: null,
    sessionTimeoutMs: 5_000,
    maxConcurrentSessions: 20,
    cpeAuth: { mode: 'none' },
    log: silentLogger,
    ...extra,
  };
}

/** A port that was free a moment ago (bound to 0, then released), or kept taken by `hold`. */
async function freePort(hold = false): Promise<{ port: number; server: Server | null }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  if (hold) return { port, server };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { port, server: null };
}

/** The certificate the TLS port presents (its subject's CN), or the error. */
function presented(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const cn = socket.getPeerCertificate().subject?.CN;
      socket.end();
      resolve(String(cn));
    });
    socket.on('error', (err) => resolve(`error: ${err.message}`));
  });
}

test('saved TLS settings start the HTTPS listener at the next start; what runs is told beside them', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-tls-settings-'));
  try {
    const first = await assembleAcs(config(dataDir));
    const before = await first.acs.api.getCwmpTlsSettings({});
    assert.deepEqual([before.port, before.runningUrl, before.restartNeeded], [null, null, false]);
    const { port } = await freePort();
    const saved = await first.acs.api.setCwmpTlsSettings({ port });
    assert.deepEqual([saved.port, saved.runningUrl, saved.restartNeeded], [port, null, true]);
    await first.acs.close();

    const second = await assembleAcs(config(dataDir));
    try {
      const now = await second.acs.api.getCwmpTlsSettings({});
      assert.equal(now.runningUrl, `https://127.0.0.1:${port}/`);
      assert.deepEqual([now.source, now.restartNeeded, now.startError], ['settings', false, null]);
      assert.equal(second.acs.info.cwmpTlsUrl, now.runningUrl);
      // Without files of its own, the local CA signed the certificate it presents.
      assert.doesNotMatch(await presented(port), /^error/);
      assert.equal((await second.acs.api.getCaCertificate({})).cwmpTlsUrl, now.runningUrl);
      const off = await second.acs.api.setCwmpTlsSettings({ port: null });
      assert.deepEqual([off.port, off.restartNeeded], [null, true]);
    } finally {
      await second.acs.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a saved port that is taken leaves DeskACS on plain HTTP, saying why; the command line wins over settings', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-tls-settings-'));
  const taken = await freePort(true);
  try {
    const first = await assembleAcs(config(dataDir));
    await first.acs.api.setCwmpTlsSettings({ port: taken.port });
    await first.acs.close();
    const second = await assembleAcs(config(dataDir));
    try {
      const now = await second.acs.api.getCwmpTlsSettings({});
      assert.equal(now.runningUrl, null);
      assert.match(now.startError ?? '', new RegExp(`HTTPS port ${taken.port}: .*EADDRINUSE`));
      assert.equal(now.restartNeeded, true);
      assert.match(second.acs.info.cwmpUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    } finally {
      await second.acs.close();
    }
    const { port } = await freePort();
    const third = await assembleAcs(config(dataDir, { tls: { port, host: '127.0.0.1' } }));
    try {
      const now = await third.acs.api.getCwmpTlsSettings({});
      assert.deepEqual([now.runningUrl, now.source, now.port], [`https://127.0.0.1:${port}/`, 'command-line', taken.port]);
    } finally {
      await third.acs.close();
    }
  } finally {
    taken.server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('bad settings are refused: the plain CWMP port, a certificate and key that are not a pair', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-tls-settings-'));
  try {
    const h = await assembleAcs(config(dataDir));
    try {
      const cwmpPort = Number(new URL(h.acs.info.cwmpUrl).port);
      await assert.rejects(h.acs.api.setCwmpTlsSettings({ port: cwmpPort }), /plain CWMP port/);
      const ca = createCa();
      const one = createServerCertificate(ca, { dns: ['localhost'], ips: ['127.0.0.1'] });
      const other = createServerCertificate(ca, { dns: ['localhost'], ips: ['127.0.0.1'] });
      writeFileSync(join(dataDir, 'cert.pem'), one.certPem);
      writeFileSync(join(dataDir, 'key.pem'), other.keyPem);
      await assert.rejects(
        h.acs.api.setCwmpTlsSettings({ port: 7548, certPath: join(dataDir, 'cert.pem'), keyPath: join(dataDir, 'key.pem') }),
        /do not load as a PEM pair/,
      );
      await assert.rejects(
        h.acs.api.setCwmpTlsSettings({ port: 7548, certPath: join(dataDir, 'missing.pem'), keyPath: join(dataDir, 'key.pem') }),
        /ENOENT/,
      );
      assert.equal((await h.acs.api.getCwmpTlsSettings({})).port, null, 'nothing saved');
    } finally {
      await h.acs.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
