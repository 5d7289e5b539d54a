// The simulated CPE's server-side Digest check of connection requests (TR-069 3.2.2: MD5,
// qop=auth), with its own short-lived nonces. Parsing and the digest itself are DeskACS's
// (electron/core/http-auth), so both sides of every test speak through one implementation.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { digestResponse } from '../core/http-auth/digest.ts';
import { parseAuthorization } from '../core/http-auth/headers.ts';

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
    const parsed = parseAuthorization(header);
    if (parsed === undefined || parsed.scheme !== 'digest' || parsed.params === undefined) return false;
    const p = (name: string): string | undefined => parsed.params?.get(name);
    if (p('uri') !== request.uri) return false;
    const expires = this.nonces.get(p('nonce') ?? '');
    if (expires === undefined || expires < Date.now()) return false;
    if (p('username') !== username || p('realm') !== this.realm || p('qop') !== 'auth') return false;
    const expected = digestResponse({
      username,
      password,
      realm: this.realm,
      nonce: p('nonce') ?? '',
      method: request.method,
      uri: request.uri,
      qop: 'auth',
      nc: p('nc'),
      cnonce: p('cnonce'),
      algorithm: p('algorithm'),
    });
    const given = Buffer.from(p('response') ?? '');
    return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
  }
}
