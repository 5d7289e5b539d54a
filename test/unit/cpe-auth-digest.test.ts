import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createChallenge, NONCE_LIFETIME_MS, verifyDigest, type DigestOptions } from '../../electron/core/cwmp/auth/digest.ts';
import { digestResponse } from '../../electron/core/http-auth/digest.ts';
import { NonceCounts } from '../../electron/core/cwmp/auth/nonce-counts.ts';
import { AuthClient } from '../../electron/core/http-auth/client.ts';

const secret = Buffer.alloc(32, 7);
const opts: DigestOptions & { realm: string } = { realm: 'DeskACS', secret };
const t0 = new Date('2024-05-01T12:00:00.000Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const users = { lookupPassword: (u: string): string | undefined => (u === 'cpe1' ? 'Secr3t pass' : undefined) };

/** The challenge's parameter value (test-local, independent of the code under test). */
function param(header: string, name: string): string {
  const m = new RegExp(`${name}="([^"]*)"`).exec(header);
  assert.ok(m?.[1] !== undefined, `${name} in ${header}`);
  return m[1];
}

interface AnswerInput {
  username?: string;
  password?: string;
  nonce: string;
  realm?: string;
  method?: string;
  uri?: string;
  qop?: string | null;
  nc?: string;
  cnonce?: string;
  response?: string;
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

/** A client's Authorization header, computed here independently of digestResponse(). */
function answer(a: AnswerInput): string {
  const username = a.username ?? 'cpe1';
  const realm = a.realm ?? 'DeskACS';
  const uri = a.uri ?? '/acs';
  const nc = a.nc ?? '00000001';
  const cnonce = a.cnonce ?? 'abcdef0123';
  const ha1 = md5(`${username}:${realm}:${a.password ?? 'Secr3t pass'}`);
  const ha2 = md5(`${a.method ?? 'POST'}:${uri}`);
  const qop = a.qop === undefined ? 'auth' : a.qop;
  const response = a.response ?? (qop === null ? md5(`${ha1}:${a.nonce}:${ha2}`) : md5(`${ha1}:${a.nonce}:${nc}:${cnonce}:${qop}:${ha2}`));
  const parts = [`username="${username}"`, `realm="${realm}"`, `nonce="${a.nonce}"`, `uri="${uri}"`, `response="${response}"`];
  if (qop !== null) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  return `Digest ${parts.join(', ')}`;
}

describe('CPE auth: digest', () => {
  test('computes the RFC 2617 3.5 example response', () => {
    const response = digestResponse({
      username: 'Mufasa',
      realm: 'testrealm@host.com',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      qop: 'auth',
      nc: '00000001',
      cnonce: '0a4f113b',
    });
    assert.equal(response, '6629fae49393a05397450978507c4ef1');
  });

  test('computes the RFC 2069 form (no qop) as md5(HA1:nonce:HA2)', () => {
    const ha1 = md5('Mufasa:testrealm@host.com:Circle Of Life');
    const ha2 = md5('GET:/dir/index.html');
    assert.equal(
      digestResponse({
        username: 'Mufasa',
        realm: 'testrealm@host.com',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'n1',
      }),
      md5(`${ha1}:n1:${ha2}`),
    );
  });

  test('a challenge offers MD5 with qop=auth, a nonce and an opaque', () => {
    const h = createChallenge('DeskACS', t0, { secret });
    assert.match(h, /^Digest realm="DeskACS", qop="auth", nonce="[A-Za-z0-9_-]{32}", opaque="[A-Za-z0-9_-]+", algorithm=MD5$/);
    assert.match(createChallenge('DeskACS', t0, { secret, stale: true }), /, stale=true$/);
    assert.match(createChallenge('a "quoted" realm', t0, { secret }), /^Digest realm="a \\"quoted\\" realm"/);
  });

  test('challenge -> answer -> verify succeeds with the right password', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    assert.deepEqual(verifyDigest(answer({ nonce }), 'POST', users, at(1000), opts), { ok: true, username: 'cpe1' });
  });

  test('a real client (the simulator) answering our challenge is accepted', () => {
    const client = new AuthClient('cpe1', 'Secr3t pass');
    assert.equal(client.accept([createChallenge('DeskACS', t0, { secret })]), true);
    const header = client.authorization('POST', '/');
    assert.deepEqual(verifyDigest(header, 'POST', users, at(10), opts), { ok: true, username: 'cpe1' });
    // The same client's next request reuses the nonce with nc=2.
    const second = client.authorization('POST', '/');
    assert.match(second ?? '', /nc=00000002/);
    assert.deepEqual(verifyDigest(second, 'POST', users, at(20), opts), { ok: true, username: 'cpe1' });
  });

  test('a wrong password is a bad response', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    assert.deepEqual(verifyDigest(answer({ nonce, password: 'guess' }), 'POST', users, at(1000), opts), {
      ok: false,
      reason: 'bad-response',
      username: 'cpe1',
    });
  });

  test('a response over another method does not verify', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    assert.equal(verifyDigest(answer({ nonce, method: 'GET' }), 'POST', users, at(1), opts).ok, false);
  });

  test('an unknown username is reported as such', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    assert.deepEqual(verifyDigest(answer({ nonce, username: 'nobody' }), 'POST', users, at(1), opts), {
      ok: false,
      reason: 'unknown-user',
      username: 'nobody',
    });
  });

  test('a nonce older than its lifetime is expired (right password), and still good just before', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    assert.equal(verifyDigest(answer({ nonce }), 'POST', users, at(NONCE_LIFETIME_MS), opts).ok, true);
    assert.deepEqual(verifyDigest(answer({ nonce }), 'POST', users, at(NONCE_LIFETIME_MS + 1), opts), {
      ok: false,
      reason: 'expired',
      username: 'cpe1',
    });
    assert.equal(verifyDigest(answer({ nonce }), 'POST', users, at(30_001), { ...opts, lifetimeMs: 30_000 }).ok, false);
  });

  test('an expired nonce with a wrong password is a bad response, not stale', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    const r = verifyDigest(answer({ nonce, password: 'x' }), 'POST', users, at(NONCE_LIFETIME_MS + 1), opts);
    assert.deepEqual(r, { ok: false, reason: 'bad-response', username: 'cpe1' });
  });

  test('a tampered nonce is not ours: stale when the digest is right, bad-response when not', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    // Move the issue time forward by editing the nonce's first character.
    const tampered = (nonce[0] === 'A' ? 'B' : 'A') + nonce.slice(1);
    assert.notEqual(tampered, nonce);
    assert.deepEqual(verifyDigest(answer({ nonce: tampered }), 'POST', users, at(1), opts), {
      ok: false,
      reason: 'stale',
      username: 'cpe1',
    });
    const original = answer({ nonce });
    const swapped = original.replace(`nonce="${nonce}"`, `nonce="${tampered}"`);
    assert.deepEqual(verifyDigest(swapped, 'POST', users, at(1), opts), { ok: false, reason: 'bad-response', username: 'cpe1' });
  });

  test('a nonce from another process (another secret) or another realm is stale', () => {
    const foreign = param(createChallenge('DeskACS', t0, { secret: Buffer.alloc(32, 9) }), 'nonce');
    assert.deepEqual(verifyDigest(answer({ nonce: foreign }), 'POST', users, at(1), opts), {
      ok: false,
      reason: 'stale',
      username: 'cpe1',
    });
    const otherRealm = param(createChallenge('Other', t0, { secret }), 'nonce');
    assert.equal(verifyDigest(answer({ nonce: otherRealm }), 'POST', users, at(1), opts).ok, false);
  });

  test('a nonce dated in the future is stale', () => {
    const nonce = param(createChallenge('DeskACS', at(60_000), { secret }), 'nonce');
    assert.deepEqual(verifyDigest(answer({ nonce }), 'POST', users, t0, opts), { ok: false, reason: 'stale', username: 'cpe1' });
  });

  test('the legacy form without qop (RFC 2069) is accepted', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    const header = answer({ nonce, qop: null });
    assert.doesNotMatch(header, /qop|nc=|cnonce/);
    assert.deepEqual(verifyDigest(header, 'POST', users, at(1), opts), { ok: true, username: 'cpe1' });
  });

  test('qop=auth without nc or cnonce, qop=auth-int, other algorithms and missing fields are malformed', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    const good = answer({ nonce });
    const cases = [
      good.replace(/, nc=00000001/, ''),
      good.replace(/, cnonce="[^"]*"/, ''),
      good.replace('qop=auth', 'qop=auth-int'),
      `${good}, algorithm=SHA-256`,
      good.replace(/, uri="[^"]*"/, ''),
      good.replace(/response="[^"]*"/, 'response="not-hex"'),
      good.replace('Digest ', 'Basic '),
      'Digest',
      `${good}, nonce="x"`, // duplicated parameter
      'Digest username="cpe1" garbage',
    ];
    for (const h of cases) {
      const r = verifyDigest(h, 'POST', users, at(1), opts);
      assert.equal(r.ok ? 'ok' : r.reason, 'malformed', h);
    }
    assert.deepEqual(verifyDigest(undefined, 'POST', users, at(1), opts), { ok: false, reason: 'malformed' });
  });

  test('an answer for another realm is malformed', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    const r = verifyDigest(answer({ nonce, realm: 'Elsewhere' }), 'POST', users, at(1), opts);
    assert.deepEqual(r, { ok: false, reason: 'malformed', username: 'cpe1' });
  });

  test('without a nonce-count table a reused nc passes; with one it is a replay, a higher nc passes', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    const header = answer({ nonce, nc: '00000001' });
    assert.equal(verifyDigest(header, 'POST', users, at(1), opts).ok, true);
    assert.equal(verifyDigest(header, 'POST', users, at(2), opts).ok, true);
    const tracked = { ...opts, nonceCounts: new NonceCounts() };
    assert.equal(verifyDigest(header, 'POST', users, at(1), tracked).ok, true);
    assert.deepEqual(verifyDigest(header, 'POST', users, at(2), tracked), { ok: false, reason: 'replayed', username: 'cpe1' });
    assert.equal(verifyDigest(answer({ nonce, nc: '00000002' }), 'POST', users, at(3), tracked).ok, true);
    assert.equal(verifyDigest(answer({ nonce, nc: '00000002' }), 'POST', users, at(4), tracked).ok, false);
    // Expired nonces leave the table; the expiry itself still refuses them.
    assert.equal(tracked.nonceCounts.size, 1);
    tracked.nonceCounts.accept('other', 1, at(NONCE_LIFETIME_MS + 10).getTime(), at(NONCE_LIFETIME_MS + 5).getTime());
    assert.equal(tracked.nonceCounts.size, 1);
  });

  test('MD5-sess, upper-case hex, unquoted and quoted qop, and escaped usernames verify', () => {
    const nonce = param(createChallenge('DeskACS', t0, { secret }), 'nonce');
    const sess = digestResponse({
      username: 'cpe1',
      realm: 'DeskACS',
      password: 'Secr3t pass',
      method: 'POST',
      uri: '/',
      nonce,
      qop: 'auth',
      nc: '00000001',
      cnonce: 'c',
      algorithm: 'MD5-sess',
    });
    const h = `Digest username="cpe1", realm="DeskACS", nonce="${nonce}", uri="/", algorithm=MD5-sess, qop="auth", nc=00000001, cnonce="c", response="${sess.toUpperCase()}"`;
    assert.deepEqual(verifyDigest(h, 'POST', users, at(1), opts), { ok: true, username: 'cpe1' });
    const quotedUsers = { lookupPassword: (u: string): string | undefined => (u === 'we"ird\\user' ? 'p' : undefined) };
    const r = digestResponse({ username: 'we"ird\\user', realm: 'DeskACS', password: 'p', method: 'POST', uri: '/', nonce });
    const esc = `Digest username="we\\"ird\\\\user", realm="DeskACS", nonce="${nonce}", uri="/", response="${r}"`;
    assert.deepEqual(verifyDigest(esc, 'POST', quotedUsers, at(1), opts), { ok: true, username: 'we"ird\\user' });
  });
});
