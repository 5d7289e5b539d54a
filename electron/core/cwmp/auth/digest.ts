// Server-side HTTP Digest authentication of CPEs (RFC 7616 / RFC 2617, MD5, qop=auth, and the
// RFC 2069 form without qop that old CPE clients still send). TR-069 3.4.4: without TLS the ACS
// must use Digest, never Basic.
//
// Nonces are stateless: base64url(8-byte issue time in ms || first 16 bytes of
// HMAC-SHA256(secret, time || realm)). Verifying one needs no table of issued nonces, so a
// fleet of CPEs costs no memory and any listener of this process can verify any nonce. The
// secret is random per process: after a restart, old nonces fail the MAC and the CPE is told
// `stale=true`, so it re-answers the new challenge without a visible failure.
//
// Nonce counts are tracked when a NonceCounts table is given (the listener always gives one):
// a repeated or lower `nc` for a nonce is refused as a replay with a fresh challenge and
// stale=true (nonce-counts.ts), so a captured Authorization header is worth nothing, while a
// CPE that reuses nonce counts (cwmp-notes: Authentication) just answers the new nonce.
// The digest-uri is taken as the client hashed it and not compared with the request target:
// the ACS serves one endpoint and CPEs behind rewriting proxies disagree on absolute vs path.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { digestResponse } from '../../http-auth/digest.ts';
import { parseAuthorization, quoted } from '../../http-auth/headers.ts';
import { safeEqual } from '../../http-auth/compare.ts';
import type { NonceCounts } from './nonce-counts.ts';

export const NONCE_LIFETIME_MS = 5 * 60_000;
/** Nonces dated this far in the future are still accepted (clock steps on the ACS host). */
const MAX_FUTURE_SKEW_MS = 5_000;
const TIME_BYTES = 8;
const MAC_BYTES = 16;
const NONCE_PATTERN = /^[A-Za-z0-9_-]{32}$/; // base64url of TIME_BYTES + MAC_BYTES = 24 bytes

export interface DigestOptions {
  /** HMAC key for nonces; defaults to a random key made once per process. */
  secret?: Uint8Array;
  /** How long a nonce is accepted; defaults to NONCE_LIFETIME_MS. */
  lifetimeMs?: number;
  /** Nonce counts already used; absent: not tracked (a captured header can be replayed until its nonce expires). */
  nonceCounts?: NonceCounts;
}

export interface ChallengeOptions extends DigestOptions {
  /** The previous answer had a valid digest but an old nonce (RFC 7616 3.3). */
  stale?: boolean;
}

export interface PasswordLookup {
  /** The password of this username, or undefined when there is no such user. */
  lookupPassword(username: string): string | undefined;
}

export type DigestFailure = 'stale' | 'expired' | 'replayed' | 'bad-response' | 'unknown-user' | 'malformed';

/**
 * - malformed: not a Digest header, required fields missing, unsupported qop/algorithm, other realm
 * - unknown-user: no password for the username
 * - bad-response: wrong password (or a response computed over other values)
 * - stale: right password, but a nonce this process did not issue (ACS restarted, or altered)
 * - expired: right password, our nonce, but older than the lifetime
 * - replayed: right digest, our nonce, but its nc was already used (a replay, or a CPE reusing nc)
 * `stale`, `expired` and `replayed` deserve a new challenge with stale=true and are not counted
 * as attacks (an honest CPE reusing nonce counts gets there too).
 */
export type DigestResult = { ok: true; username: string } | { ok: false; reason: DigestFailure; username?: string };

let processSecret: Buffer | undefined;

function secretOf(opts: DigestOptions): Uint8Array {
  if (opts.secret !== undefined) return opts.secret;
  processSecret ??= randomBytes(32);
  return processSecret;
}

function nonceMac(secret: Uint8Array, time: Buffer, realm: string): Buffer {
  return createHmac('sha256', secret).update(time).update(realm, 'utf8').digest().subarray(0, MAC_BYTES);
}

export function createNonce(realm: string, now: Date, opts: DigestOptions = {}): string {
  const time = Buffer.alloc(TIME_BYTES);
  time.writeBigUInt64BE(BigInt(Math.max(0, Math.trunc(now.getTime()))));
  return Buffer.concat([time, nonceMac(secretOf(opts), time, realm)]).toString('base64url');
}

/** The nonce's issue time in ms, or undefined when this process (secret) did not issue it for realm. */
export function nonceIssuedAt(nonce: string, realm: string, opts: DigestOptions = {}): number | undefined {
  if (!NONCE_PATTERN.test(nonce)) return undefined;
  const bytes = Buffer.from(nonce, 'base64url');
  if (bytes.length !== TIME_BYTES + MAC_BYTES) return undefined;
  const time = bytes.subarray(0, TIME_BYTES);
  if (!timingSafeEqual(bytes.subarray(TIME_BYTES), nonceMac(secretOf(opts), time, realm))) return undefined;
  return Number(time.readBigUInt64BE());
}

function opaqueFor(realm: string, opts: DigestOptions): string {
  return createHmac('sha256', secretOf(opts)).update('opaque\0').update(realm, 'utf8').digest().subarray(0, 12).toString('base64url');
}

/** The WWW-Authenticate value of a 401 asking for Digest. */
export function createChallenge(realm: string, now: Date, opts: ChallengeOptions = {}): string {
  const parts = [
    `realm=${quoted(realm)}`,
    'qop="auth"',
    `nonce=${quoted(createNonce(realm, now, opts))}`,
    `opaque=${quoted(opaqueFor(realm, opts))}`,
    'algorithm=MD5',
  ];
  if (opts.stale === true) parts.push('stale=true');
  return `Digest ${parts.join(', ')}`;
}

interface DigestAnswer {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  /** As sent (hashed as sent); checked to be 'auth' in any case. */
  qop: string | undefined;
  nc: string | undefined;
  cnonce: string | undefined;
  algorithm: string | undefined;
}

/** The Digest answer's fields, or undefined when something required is missing or unsupported. */
function readAnswer(header: string | undefined): DigestAnswer | undefined {
  const parsed = parseAuthorization(header);
  if (parsed === undefined || parsed.scheme !== 'digest' || parsed.params === undefined) return undefined;
  const p = parsed.params;
  const username = p.get('username');
  const realm = p.get('realm');
  const nonce = p.get('nonce');
  const uri = p.get('uri');
  const response = p.get('response')?.toLowerCase();
  if (username === undefined || username === '' || realm === undefined || nonce === undefined || uri === undefined) return undefined;
  if (response === undefined || !/^[0-9a-f]{32}$/.test(response)) return undefined;
  const algorithm = p.get('algorithm');
  if (algorithm !== undefined && !/^md5(-sess)?$/i.test(algorithm)) return undefined;
  const qopRaw = p.get('qop');
  const nc = p.get('nc');
  const cnonce = p.get('cnonce');
  if (qopRaw === undefined) {
    if (algorithm !== undefined && algorithm.toLowerCase() === 'md5-sess') return undefined;
    return { username, realm, nonce, uri, response, qop: undefined, nc: undefined, cnonce: undefined, algorithm };
  }
  // Only qop=auth was offered; auth-int would hash the body, which is read after authentication.
  if (qopRaw.toLowerCase() !== 'auth' || nc === undefined || !/^[0-9a-fA-F]{8}$/.test(nc) || cnonce === undefined) return undefined;
  return { username, realm, nonce, uri, response, qop: qopRaw, nc, cnonce, algorithm };
}

/**
 * Checks a Digest Authorization header answering one of our challenges for `opts.realm`.
 * The digest is checked before the nonce so that `stale` is reported only to a client that
 * knows the password (RFC 7616 3.3).
 */
export function verifyDigest(
  header: string | undefined,
  method: string,
  users: PasswordLookup,
  now: Date,
  opts: DigestOptions & { realm: string },
): DigestResult {
  const a = readAnswer(header);
  if (a === undefined) return { ok: false, reason: 'malformed' };
  if (a.realm !== opts.realm) return { ok: false, reason: 'malformed', username: a.username };
  const password = users.lookupPassword(a.username);
  if (password === undefined) return { ok: false, reason: 'unknown-user', username: a.username };
  const expected = digestResponse({ ...a, password, method });
  if (!safeEqual(expected, a.response)) return { ok: false, reason: 'bad-response', username: a.username };
  const issued = nonceIssuedAt(a.nonce, opts.realm, opts);
  const t = now.getTime();
  if (issued === undefined || issued > t + MAX_FUTURE_SKEW_MS) return { ok: false, reason: 'stale', username: a.username };
  const lifetime = opts.lifetimeMs ?? NONCE_LIFETIME_MS;
  if (t - issued > lifetime) return { ok: false, reason: 'expired', username: a.username };
  const nc = a.nc === undefined ? undefined : Number.parseInt(a.nc, 16);
  if (opts.nonceCounts !== undefined && !opts.nonceCounts.accept(a.nonce, nc, issued + lifetime, t)) {
    return { ok: false, reason: 'replayed', username: a.username };
  }
  return { ok: true, username: a.username };
}
