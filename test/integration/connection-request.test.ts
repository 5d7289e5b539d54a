import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import {
  describeConnectionRequestResult,
  generateCrCredentials,
  sendConnectionRequest,
  type ConnectionRequestResult,
} from '../../electron/core/services/connection-request.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { ScriptedAcs, eventCodes } from './simulator-acs-helper.ts';

const CR = { username: 'cr-user', password: 'cr-s3cret-pass' };
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A simulated CPE (bootstrapped with a scripted ACS) whose ConnectionRequestURL we can GET. */
async function simulatedCpe(t: test.TestContext, cr = CR): Promise<{ sim: SimulatorHandle; acs: ScriptedAcs; url: string }> {
  const acs = await ScriptedAcs.start();
  const sim = await startSimulator({
    acsUrl: acs.url,
    serial: `CR-${Math.random().toString(36).slice(2, 8)}`,
    connectionRequest: cr,
    autoSessions: false,
  });
  t.after(async () => {
    await sim.close();
    await acs.close();
  });
  const boot = await sim.runSession();
  assert.equal(boot.ok, true, boot.error);
  return { sim, acs, url: sim.connectionRequestUrl ?? '' };
}

interface TinyServer {
  url: string;
  requests: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** A loopback HTTP server with a handler under test control; records every request's headers. */
async function tinyServer(
  t: test.TestContext,
  handle: (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void,
): Promise<TinyServer> {
  const requests: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.headers);
    req.resume();
    handle(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  t.after(close);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cr?id=1`, requests, close };
}

function reply(res: http.ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': '0' });
  res.end();
}

function params(header: string): Record<string, string> {
  return Object.fromEntries(
    [...header.matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)].map((m) => [m[1] ?? '', (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1')]),
  );
}

/**
 * A Digest check written independently of the client (RFC 2617 3.2.2.1), for the forms the
 * simulator does not use: no qop (RFC 2069) and MD5-sess.
 */
function digestOk(
  header: string | undefined,
  o: { qop: boolean; algorithm: 'MD5' | 'MD5-sess'; nonce: string; password: string },
): boolean {
  if (header === undefined || !header.startsWith('Digest ')) return false;
  const p = params(header);
  if (p.username !== CR.username || p.realm !== 'tiny' || p.nonce !== o.nonce || p.uri !== '/cr?id=1') return false;
  let ha1 = md5(`${CR.username}:tiny:${o.password}`);
  if (o.algorithm === 'MD5-sess') ha1 = md5(`${ha1}:${o.nonce}:${p.cnonce ?? ''}`);
  const ha2 = md5('GET:/cr?id=1');
  const expected = o.qop ? md5(`${ha1}:${o.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:auth:${ha2}`) : md5(`${ha1}:${o.nonce}:${ha2}`);
  if (o.qop && (p.qop !== 'auth' || p.nc !== '00000001')) return false;
  return p.response === expected;
}

function assertNoSecret(r: ConnectionRequestResult, secret: string): void {
  assert.doesNotMatch(JSON.stringify(r), new RegExp(secret));
  assert.doesNotMatch(describeConnectionRequestResult(r), new RegExp(secret));
}

describe('connection requests against the simulated CPE', () => {
  test('Digest with the right credentials reaches the CPE, which then informs 6 CONNECTION REQUEST', async (t) => {
    const { sim, acs, url } = await simulatedCpe(t);
    const next = sim.nextSession();
    const r = await sendConnectionRequest(url, CR, { timeoutMs: 5000 });
    assert.equal(r.outcome, 'reached', JSON.stringify(r));
    assert.ok(r.outcome === 'reached');
    assert.equal(r.status, 200);
    assert.equal(r.scheme, 'digest');
    assert.ok(r.ms >= 0 && r.ms < 5000);
    assert.match(describeConnectionRequestResult(r), /^Reached the device in \d+ ms/);
    const report = await next;
    assert.equal(report.ok, true, report.error);
    assert.deepEqual(report.events, ['6 CONNECTION REQUEST']);
    assert.deepEqual(eventCodes(acs.informs().at(-1)), ['6 CONNECTION REQUEST']);
    assertNoSecret(r, CR.password);
  });

  test('a wrong password is auth-failed (Digest) and starts no session', async (t) => {
    const { sim, url } = await simulatedCpe(t);
    const r = await sendConnectionRequest(url, { username: CR.username, password: 'wrong-pass-123' }, { timeoutMs: 5000 });
    assert.deepEqual(
      { ...r, message: undefined },
      { outcome: 'auth-failed', url, status: 401, scheme: 'digest', reason: 'rejected', message: undefined },
    );
    assert.equal(
      describeConnectionRequestResult(r),
      'The device refused the credentials (Digest): check the connection-request username and password',
    );
    assertNoSecret(r, 'wrong-pass-123');
    await sleep(100);
    assert.equal(sim.sessions.length, 1, 'only the bootstrap session ran');
  });

  test('with no known credentials the challenge is not answered and the result says so', async (t) => {
    const { url } = await simulatedCpe(t);
    const r = await sendConnectionRequest(url, null, { timeoutMs: 5000 });
    assert.equal(r.outcome, 'auth-failed');
    assert.ok(r.outcome === 'auth-failed');
    assert.equal(r.scheme, 'none');
    assert.equal(r.reason, 'no-credentials');
    assert.match(r.message, /asks for Digest authentication but no connection-request credentials are known for this device/);
    assert.match(describeConnectionRequestResult(r), /none are known for it/);
  });

  test('a username with quotes and backslashes is escaped in the Digest answer', async (t) => {
    const odd = { username: 'o"brien\\admin', password: 'pw' };
    const { sim, url } = await simulatedCpe(t, odd);
    const next = sim.nextSession();
    const r = await sendConnectionRequest(url, odd, { timeoutMs: 5000 });
    assert.equal(r.outcome, 'reached', JSON.stringify(r));
    await next;
  });

  test('generated credentials are random letters and digits, and work once set on the device', async (t) => {
    const a = generateCrCredentials();
    const b = generateCrCredentials();
    assert.notEqual(a.password, b.password);
    assert.notEqual(a.username, b.username);
    assert.match(a.username, /^deskacs-[a-z0-9]{10}$/);
    assert.match(a.password, /^[A-Za-z0-9]{20}$/);
    const { sim, url } = await simulatedCpe(t, a);
    const next = sim.nextSession();
    assert.equal((await sendConnectionRequest(url, a, { timeoutMs: 5000 })).outcome, 'reached');
    await next;
  });

  test('a path the CPE does not serve is an http-error with the status', async (t) => {
    const { url } = await simulatedCpe(t);
    const wrong = url.replace(/\/cr\/[^/]+$/, '/cr/SOMEONE-ELSE');
    const r = await sendConnectionRequest(wrong, CR, { timeoutMs: 5000 });
    assert.deepEqual({ outcome: r.outcome, status: r.outcome === 'http-error' ? r.status : 0 }, { outcome: 'http-error', status: 404 });
    assert.match(describeConnectionRequestResult(r), /answered 404 Not Found: the ConnectionRequestURL may be wrong/);
  });
});

describe('connection requests: network failures and limits', () => {
  test('a closed port on 127.0.0.1 is unreachable (ECONNREFUSED)', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await sendConnectionRequest(`http://127.0.0.1:${port}/cr`, CR, { timeoutMs: 5000 });
    assert.equal(r.outcome, 'unreachable', JSON.stringify(r));
    assert.ok(r.outcome === 'unreachable');
    assert.equal(r.code, 'ECONNREFUSED');
    assert.match(r.message, new RegExp(`127\\.0\\.0\\.1:${port}.*connection refused`));
    assert.equal(
      describeConnectionRequestResult(r),
      `127.0.0.1:${port} refused the connection: nothing listens on that port, or a firewall rejects it`,
    );
  });

  test('a server that accepts and never answers is timed-out within the timeout', async (t) => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      for (const s of sockets) s.destroy();
      silent.close();
    });
    const port = (silent.address() as AddressInfo).port;
    const started = performance.now();
    const r = await sendConnectionRequest(`http://127.0.0.1:${port}/`, CR, { timeoutMs: 300 });
    const elapsed = performance.now() - started;
    assert.equal(r.outcome, 'timed-out', JSON.stringify(r));
    assert.ok(elapsed >= 290 && elapsed < 1500, `took ${elapsed} ms`);
    assert.equal(sockets.size, 1, 'the connection was made');
    assert.equal(
      describeConnectionRequestResult(r),
      `No answer from 127.0.0.1:${port} within 0.3 s: the device may be offline or behind NAT`,
    );
  });

  test('one timeout covers the whole exchange: a slow challenge then silence ends at the limit', async (t) => {
    const server = await tinyServer(t, (_req, res, n) => {
      if (n === 1) setTimeout(() => reply(res, 401, { 'WWW-Authenticate': 'Digest realm="tiny", nonce="n1", qop="auth"' }), 250);
      // The answer to the challenge never comes.
    });
    const started = performance.now();
    const r = await sendConnectionRequest(server.url, CR, { timeoutMs: 450 });
    const elapsed = performance.now() - started;
    assert.equal(r.outcome, 'timed-out', JSON.stringify(r));
    assert.equal(server.requests.length, 2, 'the challenge was answered');
    // A per-request timeout would have ended at ~250 + 450 ms.
    assert.ok(elapsed >= 440 && elapsed < 650, `took ${elapsed} ms`);
  });

  test('aborting the caller signal rejects instead of returning a result', async (t) => {
    const server = await tinyServer(t, () => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    await assert.rejects(sendConnectionRequest(server.url, CR, { timeoutMs: 5000, signal: controller.signal }), /shutting down/);
  });

  test('URLs other than http: and https: are bad-url, without touching the network', async () => {
    for (const url of ['ftp://127.0.0.1/cr', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', '']) {
      const r = await sendConnectionRequest(url, CR, { timeoutMs: 1000 });
      assert.equal(r.outcome, 'bad-url', `${url}: ${JSON.stringify(r)}`);
      assert.match(describeConnectionRequestResult(r), /^Cannot send a connection request: /);
    }
  });
});

describe('connection requests: authentication variants', () => {
  test('a Basic-only CPE is reached with Basic, and a wrong Basic password is auth-failed', async (t) => {
    const expected = `Basic ${Buffer.from(`${CR.username}:${CR.password}`).toString('base64')}`;
    const server = await tinyServer(t, (req, res) => {
      if (req.headers.authorization === expected) return reply(res, 204);
      reply(res, 401, { 'WWW-Authenticate': 'Basic realm="tiny"' });
    });
    const ok = await sendConnectionRequest(server.url, CR, { timeoutMs: 5000 });
    assert.deepEqual({ ...ok, ms: 0 }, { outcome: 'reached', url: server.url, status: 204, scheme: 'basic', ms: 0 });
    assert.equal(server.requests[0]?.authorization, undefined, 'nothing is sent before the challenge');
    assert.equal(server.requests[0]?.connection, 'close');

    const bad = await sendConnectionRequest(server.url, { ...CR, password: 'nope' }, { timeoutMs: 5000 });
    assert.equal(bad.outcome, 'auth-failed');
    assert.ok(bad.outcome === 'auth-failed');
    assert.equal(bad.scheme, 'basic');
    assert.equal(
      describeConnectionRequestResult(bad),
      'The device refused the credentials (Basic): check the connection-request username and password',
    );
  });

  for (const variant of [
    { name: 'legacy Digest without qop (RFC 2069)', qop: false, algorithm: 'MD5' as const },
    { name: 'Digest MD5-sess with qop=auth', qop: true, algorithm: 'MD5-sess' as const },
  ]) {
    test(`${variant.name} is answered correctly`, async (t) => {
      const challenge = `Digest realm="tiny", nonce="abc123"${variant.qop ? ', qop="auth"' : ''}, algorithm=${variant.algorithm}, opaque="xyz"`;
      const server = await tinyServer(t, (req, res) => {
        if (digestOk(req.headers.authorization, { ...variant, nonce: 'abc123', password: CR.password })) return reply(res, 200);
        reply(res, 401, { 'WWW-Authenticate': challenge });
      });
      const r = await sendConnectionRequest(server.url, CR, { timeoutMs: 5000 });
      assert.equal(r.outcome, 'reached', `${JSON.stringify(r)} ${server.requests[1]?.authorization ?? ''}`);
      assert.match(server.requests[1]?.authorization ?? '', /opaque="xyz"/);
      const wrong = await sendConnectionRequest(server.url, { ...CR, password: 'x' }, { timeoutMs: 5000 });
      assert.equal(wrong.outcome, 'auth-failed');
    });
  }

  test('Digest is preferred when one header offers Basic first, and a stale nonce is retried once', async (t) => {
    const server = await tinyServer(t, (req, res, n) => {
      const nonce = n === 1 ? 'old' : 'new'; // the stale=true challenge (n = 2) carries the fresh nonce
      if (n === 3 && digestOk(req.headers.authorization, { qop: true, algorithm: 'MD5', nonce: 'new', password: CR.password }))
        return reply(res, 200);
      const stale = n === 2 ? ', stale=true' : '';
      reply(res, 401, { 'WWW-Authenticate': `Basic realm="tiny", Digest realm="tiny", nonce="${nonce}", qop="auth,auth-int"${stale}` });
    });
    const r = await sendConnectionRequest(server.url, CR, { timeoutMs: 5000 });
    assert.equal(r.outcome, 'reached', JSON.stringify(r));
    assert.ok(r.outcome === 'reached');
    assert.equal(r.scheme, 'digest');
    assert.equal(server.requests.length, 3);
    assert.match(server.requests[1]?.authorization ?? '', /^Digest .*nonce="old"/);
  });

  test('a challenge DeskACS cannot answer, or a bare 403, is auth-failed without sending credentials', async (t) => {
    const ntlm = await tinyServer(t, (_req, res) => reply(res, 401, { 'WWW-Authenticate': 'NTLM' }));
    const r = await sendConnectionRequest(ntlm.url, CR, { timeoutMs: 5000 });
    assert.equal(r.outcome === 'auth-failed' && r.reason, 'unsupported');
    assert.match(describeConnectionRequestResult(r), /^Cannot authenticate to the device: .*\(NTLM\)/);
    assert.equal(ntlm.requests.length, 1);

    const forbidden = await tinyServer(t, (_req, res) => reply(res, 403));
    const f = await sendConnectionRequest(forbidden.url, CR, { timeoutMs: 5000 });
    assert.deepEqual(f.outcome === 'auth-failed' && [f.status, f.reason], [403, 'refused']);
  });

  test('a busy CPE (503) is an http-error that says so', async (t) => {
    const busy = await tinyServer(t, (_req, res) => reply(res, 503, { 'Retry-After': '5' }));
    const r = await sendConnectionRequest(busy.url, CR, { timeoutMs: 5000 });
    assert.equal(r.outcome === 'http-error' && r.status, 503);
    assert.match(describeConnectionRequestResult(r), /busy/);
  });
});
