// HTTP authentication for both sides of the simulator: a client that answers Basic or Digest
// challenges (RFC 7616/2617, MD5 and MD5-sess, qop=auth, nonce reuse with an increasing nc, as
// CPEs do towards the ACS), and a server-side Digest check for connection requests (TR-069 3.2.2).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** Parses `Scheme k=v, k="quoted, value"` (one challenge or one credentials header). */
export function parseAuthHeader(header: string): Challenge {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  const params: Record<string, string> = {};
  const re = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const m of trimmed.slice(scheme.length).matchAll(re)) {
    const key = m[1];
    if (key) params[key.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return { scheme, params };
}

export interface DigestInput {
  username: string;
  password: string;
  realm: string;
  nonce: string;
  method: string;
  uri: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  algorithm?: string;
}

/** The Digest `response` value (RFC 2617 3.2.2.1). */
export function digestResponse(d: DigestInput): string {
  let ha1 = md5(`${d.username}:${d.realm}:${d.password}`);
  if ((d.algorithm ?? '').toLowerCase() === 'md5-sess') ha1 = md5(`${ha1}:${d.nonce}:${d.cnonce ?? ''}`);
  const ha2 = md5(`${d.method}:${d.uri}`);
  if (d.qop) return md5(`${ha1}:${d.nonce}:${d.nc ?? ''}:${d.cnonce ?? ''}:${d.qop}:${ha2}`);
  return md5(`${ha1}:${d.nonce}:${ha2}`);
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** Client credentials that remember the last Digest challenge, so later requests reuse the nonce. */
export class AuthClient {
  private challenge: Challenge | undefined;
  private nc = 0;

  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  /** Takes the WWW-Authenticate headers of a 401; false when none is usable. Prefers Digest. */
  accept(headers: string[]): boolean {
    const parsed = headers.map(parseAuthHeader);
    const chosen = parsed.find((c) => c.scheme.toLowerCase() === 'digest') ?? parsed.find((c) => c.scheme.toLowerCase() === 'basic');
    if (!chosen) return false;
    this.challenge = chosen;
    this.nc = 0;
    return true;
  }

  /** Authorization header for a request, or undefined before any challenge. */
  authorization(method: string, uri: string): string | undefined {
    const c = this.challenge;
    if (!c) return undefined;
    if (c.scheme.toLowerCase() === 'basic') return basicAuthorization(this.username, this.password);
    return this.digest(c.params, method, uri);
  }

  private digest(p: Record<string, string>, method: string, uri: string): string {
    const qop = (p.qop ?? '')
      .split(',')
      .map((q) => q.trim())
      .includes('auth')
      ? 'auth'
      : undefined;
    this.nc += 1;
    const nc = this.nc.toString(16).padStart(8, '0');
    const cnonce = randomBytes(8).toString('hex');
    const realm = p.realm ?? '';
    const nonce = p.nonce ?? '';
    const response = digestResponse({
      username: this.username,
      password: this.password,
      realm,
      nonce,
      method,
      uri,
      qop,
      nc,
      cnonce,
      algorithm: p.algorithm,
    });
    const parts = [`username="${this.username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, `response="${response}"`];
    if (p.algorithm) parts.push(`algorithm=${p.algorithm}`);
    if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
    if (p.opaque !== undefined) parts.push(`opaque="${p.opaque}"`);
    return `Digest ${parts.join(', ')}`;
  }
}

/** Server-side Digest verifier (qop=auth, MD5) with its own short-lived nonces. */
export class DigestVerifier {
  private readonly nonces = new Map<string, number>();

  constructor(
    readonly realm: string,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  challenge(): string {
    const now = Date.now();
    for (const [n, expires] of this.nonces) if (expires < now) this.nonces.delete(n);
    const nonce = randomBytes(16).toString('hex');
    this.nonces.set(nonce, now + this.ttlMs);
    return `Digest realm="${this.realm}", qop="auth", nonce="${nonce}", algorithm=MD5`;
  }

  /** True when `header` answers one of our nonces with the right password. */
  verify(header: string | undefined, request: { method: string; uri: string }, username: string, password: string): boolean {
    if (!header) return false;
    const { scheme, params: p } = parseAuthHeader(header);
    const method = request.method;
    if (p.uri !== request.uri) return false;
    const expires = this.nonces.get(p.nonce ?? '');
    if (scheme.toLowerCase() !== 'digest' || expires === undefined || expires < Date.now()) return false;
    if (p.username !== username || p.realm !== this.realm || p.qop !== 'auth') return false;
    const expected = digestResponse({
      username,
      password,
      realm: this.realm,
      nonce: p.nonce ?? '',
      method,
      uri: p.uri ?? '',
      qop: p.qop,
      nc: p.nc,
      cnonce: p.cnonce,
      algorithm: p.algorithm,
    });
    const given = Buffer.from(p.response ?? '');
    return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
  }
}
