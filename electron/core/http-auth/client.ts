// The client side of HTTP authentication (RFC 7235): DeskACS answering a CPE's connection-request
// challenge (TR-069 3.2.2), and the simulator's CPE answering DeskACS. Digest (RFC 7616 / RFC
// 2617, also the qop-less RFC 2069 form many older CPEs still send) or Basic (RFC 7617). Pure
// apart from the random cnonce: no I/O, no clock.
import { randomBytes } from 'node:crypto';
import { basicAuthorization } from './basic.ts';
import { digestAlgorithm, digestResponse } from './digest.ts';
import { type AuthChallenge, parseChallenges, quoted } from './headers.ts';

export interface HttpCredentials {
  username: string;
  password: string;
}

export function isDigest(c: AuthChallenge): boolean {
  return c.scheme.toLowerCase() === 'digest' && digestAlgorithm(c.params.algorithm) !== undefined && c.params.nonce !== undefined;
}

export function isBasic(c: AuthChallenge): boolean {
  return c.scheme.toLowerCase() === 'basic';
}

/** The challenge to answer: a Digest we support (first offered wins), else Basic, else none. */
export function pickChallenge(challenges: readonly AuthChallenge[]): AuthChallenge | undefined {
  return challenges.find(isDigest) ?? challenges.find(isBasic);
}

export interface DigestRequest {
  method: string;
  /** The request-target exactly as sent on the request line (path and query). */
  uri: string;
  /** Fixed only in tests; random otherwise. */
  cnonce?: string;
  /** The nonce count for this nonce; 1 for a fresh challenge. */
  nc?: number;
}

/**
 * The Authorization header answering a Digest challenge, or undefined when the challenge names an
 * algorithm we do not know. qop: 'auth' when offered; 'auth-int' alone is answered too (a GET has
 * an empty body, so its hash is known); no qop is the RFC 2069 form.
 */
export function digestAuthorization(challenge: AuthChallenge, creds: HttpCredentials, req: DigestRequest): string | undefined {
  const p = challenge.params;
  const algo = digestAlgorithm(p.algorithm);
  if (algo === undefined || p.nonce === undefined) return undefined;
  const offered = (p.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
  const qop = offered.includes('auth') ? 'auth' : offered.includes('auth-int') ? 'auth-int' : undefined;
  const realm = p.realm ?? '';
  const nonce = p.nonce;
  const cnonce = req.cnonce ?? randomBytes(8).toString('hex');
  const nc = (req.nc ?? 1).toString(16).padStart(8, '0');
  const response = digestResponse({ ...creds, realm, nonce, method: req.method, uri: req.uri, qop, nc, cnonce, algorithm: p.algorithm });
  const parts = [
    `username=${quoted(creds.username)}`,
    `realm=${quoted(realm)}`,
    `nonce=${quoted(nonce)}`,
    `uri=${quoted(req.uri)}`,
    `response="${response}"`,
  ];
  if (p.algorithm !== undefined) parts.push(`algorithm=${p.algorithm}`);
  // cnonce is sent with -sess even without qop: the server needs it to compute HA1.
  if (qop !== undefined || algo.sess) parts.push(`cnonce=${quoted(cnonce)}`);
  if (qop !== undefined) parts.push(`qop=${qop}`, `nc=${nc}`);
  if (p.opaque !== undefined) parts.push(`opaque=${quoted(p.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}

/**
 * Credentials that remember the last challenge, so that later requests of a session answer it
 * again with a growing nonce count instead of waiting for another 401 (as CPEs do).
 */
export class AuthClient {
  private challenge: AuthChallenge | undefined;
  private nc = 0;

  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  /** Takes the WWW-Authenticate header values of a 401; false when none is usable. Prefers Digest. */
  accept(headers: readonly string[]): boolean {
    const chosen = pickChallenge(parseChallenges(headers));
    if (chosen === undefined) return false;
    this.challenge = chosen;
    this.nc = 0;
    return true;
  }

  /** The Authorization header for a request, or undefined before any challenge. */
  authorization(method: string, uri: string): string | undefined {
    const c = this.challenge;
    if (c === undefined) return undefined;
    const creds = { username: this.username, password: this.password };
    if (isBasic(c)) return basicAuthorization(creds);
    this.nc += 1;
    return digestAuthorization(c, creds, { method, uri, nc: this.nc });
  }
}

export { basicAuthorization };
