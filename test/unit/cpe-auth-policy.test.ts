import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createChallenge } from '../../electron/core/cwmp/auth/digest.ts';
import {
  admitDevice,
  authenticateRequest,
  type AdmissionLookups,
  type AuthOutcome,
  type CpeAuthConfig,
  type CredentialLookups,
} from '../../electron/core/cwmp/auth/policy.ts';

const secret = Buffer.alloc(32, 3);
const t0 = new Date('2024-05-01T12:00:00.000Z');
const later = (ms: number): Date => new Date(t0.getTime() + ms);
const config: CpeAuthConfig = {
  mode: 'digest',
  realm: 'DeskACS',
  username: 'deskacs',
  password: 'globalPass1',
  unknownDevices: 'register',
};
const perDevice: Record<string, { deviceId: string; password: string }> = {
  'cpe-own': { deviceId: '00D09E-Box-S1', password: 'ownPass' },
};
const lookups: CredentialLookups = { findByUsername: (u) => perDevice[u] };
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

function digestAnswer(username: string, password: string, nonce: string, realm = 'DeskACS'): string {
  const ha1 = md5(`${username}:${realm}:${password}`);
  const ha2 = md5('POST:/');
  const response = md5(`${ha1}:${nonce}:00000001:c0ffee:auth:${ha2}`);
  return `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="/", qop=auth, nc=00000001, cnonce="c0ffee", response="${response}"`;
}

function nonceOf(h: string): string {
  return /nonce="([^"]+)"/.exec(h)?.[1] ?? assert.fail(`no nonce in ${h}`);
}

const basic = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

function auth(authorization: string | undefined, c: CpeAuthConfig = config, now = later(1000)): AuthOutcome {
  return authenticateRequest({ authorization }, 'POST', c, lookups, now, { secret });
}

function challengeOf(o: AuthOutcome): Extract<AuthOutcome, { kind: 'challenge' }> {
  if (o.kind !== 'challenge') return assert.fail(`expected a challenge, got ${JSON.stringify(o)}`);
  return o;
}

describe('CPE auth: authenticateRequest', () => {
  test('mode none accepts every request, with or without credentials', () => {
    const none: CpeAuthConfig = { ...config, mode: 'none' };
    assert.deepEqual(auth(undefined, none), { kind: 'ok', principal: { username: null, deviceId: null } });
    assert.deepEqual(auth(basic('x', 'y'), none), { kind: 'ok', principal: { username: null, deviceId: null } });
  });

  test('digest mode: a request without credentials gets a Digest challenge and is no failure', () => {
    const c = challengeOf(auth(undefined));
    assert.equal(c.status, 401);
    assert.equal(c.failure, null);
    assert.match(c.header, /^Digest realm="DeskACS", qop="auth", nonce="[^"]+", opaque="[^"]+", algorithm=MD5$/);
  });

  test('digest mode: the global credentials answering the challenge authenticate', () => {
    const nonce = nonceOf(challengeOf(auth(undefined)).header);
    assert.deepEqual(auth(digestAnswer('deskacs', 'globalPass1', nonce)), {
      kind: 'ok',
      principal: { username: 'deskacs', deviceId: null },
    });
  });

  test('digest mode: a device username is checked against its own password and names its device', () => {
    const nonce = nonceOf(challengeOf(auth(undefined)).header);
    assert.deepEqual(auth(digestAnswer('cpe-own', 'ownPass', nonce)), {
      kind: 'ok',
      principal: { username: 'cpe-own', deviceId: '00D09E-Box-S1' },
    });
    const wrong = challengeOf(auth(digestAnswer('cpe-own', 'globalPass1', nonce)));
    assert.deepEqual(wrong.failure, { reason: 'bad-response', username: 'cpe-own', counts: true });
  });

  test('digest mode: a wrong password or unknown user gets a fresh challenge and counts as a failure', () => {
    const nonce = nonceOf(challengeOf(auth(undefined)).header);
    const bad = challengeOf(auth(digestAnswer('deskacs', 'guess', nonce)));
    assert.deepEqual(bad.failure, { reason: 'bad-response', username: 'deskacs', counts: true });
    assert.doesNotMatch(bad.header, /stale/);
    const unknown = challengeOf(auth(digestAnswer('mallory', 'globalPass1', nonce)));
    assert.deepEqual(unknown.failure, { reason: 'unknown-user', username: 'mallory', counts: true });
  });

  test('digest mode: an expired nonce gets stale=true and does not count', () => {
    const nonce = nonceOf(challengeOf(auth(undefined, config, t0)).header);
    const c = challengeOf(auth(digestAnswer('deskacs', 'globalPass1', nonce), config, later(10 * 60_000)));
    assert.deepEqual(c.failure, { reason: 'expired', username: 'deskacs', counts: false });
    assert.match(c.header, /stale=true/);
  });

  test('digest mode: Basic is refused even with the right password, without counting', () => {
    const c = challengeOf(auth(basic('deskacs', 'globalPass1')));
    assert.deepEqual(c.failure, { reason: 'scheme-not-allowed', username: null, counts: false });
    assert.match(c.header, /^Digest /);
  });

  test('garbage in Authorization counts as a malformed failure', () => {
    assert.deepEqual(challengeOf(auth('???')).failure, { reason: 'malformed', username: null, counts: true });
    assert.deepEqual(challengeOf(auth('Digest nonsense')).failure, { reason: 'malformed', username: null, counts: true });
  });

  test('basic mode: asks for Basic, accepts Basic and also Digest answers', () => {
    const b: CpeAuthConfig = { ...config, mode: 'basic' };
    assert.equal(challengeOf(auth(undefined, b)).header, 'Basic realm="DeskACS", charset="UTF-8"');
    assert.deepEqual(auth(basic('deskacs', 'globalPass1'), b), { kind: 'ok', principal: { username: 'deskacs', deviceId: null } });
    assert.deepEqual(auth(basic('cpe-own', 'ownPass'), b), { kind: 'ok', principal: { username: 'cpe-own', deviceId: '00D09E-Box-S1' } });
    assert.deepEqual(challengeOf(auth(basic('deskacs', 'nope'), b)).failure, { reason: 'bad-password', username: 'deskacs', counts: true });
    const nonce = nonceOf(createChallenge('DeskACS', t0, { secret }));
    assert.deepEqual(auth(digestAnswer('deskacs', 'globalPass1', nonce), b), {
      kind: 'ok',
      principal: { username: 'deskacs', deviceId: null },
    });
  });
});

function admission(known: string[], registered: string[], withOwn: string[]): AdmissionLookups {
  return {
    deviceExists: (id) => known.includes(id),
    isRegistered: (id) => registered.includes(id),
    hasOwnCredentials: (id) => withOwn.includes(id),
  };
}

const global = { username: 'deskacs', deviceId: null };
const anonymous = { username: null, deviceId: null };

describe('CPE auth: admitDevice', () => {
  test('register: known and unknown devices are admitted; the unknown one is new', () => {
    const l = admission(['A'], [], []);
    assert.deepEqual(admitDevice('A', 'register', l, global), { kind: 'admit', newDevice: false });
    assert.deepEqual(admitDevice('B', 'register', l, global), { kind: 'admit', newDevice: true });
  });

  test('refuse: only known or pre-registered devices are admitted', () => {
    const l = admission(['A'], ['R'], []);
    assert.deepEqual(admitDevice('A', 'refuse', l, global), { kind: 'admit', newDevice: false });
    assert.deepEqual(admitDevice('R', 'refuse', l, global), { kind: 'admit', newDevice: true });
    assert.deepEqual(admitDevice('B', 'refuse', l, global), { kind: 'refused', status: 403, reason: 'not-registered' });
    assert.deepEqual(admitDevice('B', 'refuse', l, anonymous), { kind: 'refused', status: 403, reason: 'not-registered' });
  });

  test('refuse: credentials made for a device id pre-register it', () => {
    const l = admission([], [], ['C']);
    assert.deepEqual(admitDevice('C', 'refuse', l, { username: 'cpe-c', deviceId: 'C' }), { kind: 'admit', newDevice: true });
  });

  test("a device's own credentials do not admit another device", () => {
    const l = admission(['A', 'C'], [], ['C']);
    assert.deepEqual(admitDevice('A', 'register', l, { username: 'cpe-c', deviceId: 'C' }), {
      kind: 'refused',
      status: 403,
      reason: 'credentials-of-another-device',
    });
  });

  test('a device with its own credentials cannot use the global ones (but can with auth off)', () => {
    const l = admission(['C'], [], ['C']);
    assert.deepEqual(admitDevice('C', 'register', l, global), { kind: 'refused', status: 403, reason: 'device-credentials-required' });
    assert.deepEqual(admitDevice('C', 'register', l, anonymous), { kind: 'admit', newDevice: false });
  });
});
