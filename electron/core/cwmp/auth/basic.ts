// HTTP Basic authentication of CPEs (RFC 7617). The password crosses the wire in clear, so
// TR-069 3.4.4 allows it only under TLS; DeskACS offers it for TLS-terminating proxies and for
// CPE clients that cannot do Digest. Reading the header: http-auth/basic.ts.
import { type BasicCredentials, parseBasicCredentials } from '../../http-auth/basic.ts';
import { quoted } from '../../http-auth/headers.ts';
import { safeEqual } from '../../http-auth/compare.ts';
import type { PasswordLookup } from './digest.ts';

export type BasicFailure = 'malformed' | 'unknown-user' | 'bad-password';

export type BasicResult = { ok: true; username: string } | { ok: false; reason: BasicFailure; username?: string };

export function verifyBasic(header: string | undefined, users: PasswordLookup): BasicResult {
  const c = parseBasicCredentials(header);
  if (c === undefined) return { ok: false, reason: 'malformed' };
  const password = users.lookupPassword(c.username);
  if (password === undefined) return { ok: false, reason: 'unknown-user', username: c.username };
  if (!safeEqual(password, c.password)) return { ok: false, reason: 'bad-password', username: c.username };
  return { ok: true, username: c.username };
}

/** The WWW-Authenticate value of a 401 asking for Basic. */
export function createBasicChallenge(realm: string): string {
  return `Basic realm=${quoted(realm)}, charset="UTF-8"`;
}

export { parseBasicCredentials as parseBasic, type BasicCredentials };
