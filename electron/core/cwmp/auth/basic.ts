// HTTP Basic authentication of CPEs (RFC 7617). The password crosses the wire in clear, so
// TR-069 3.4.4 allows it only under TLS; DeskACS offers it for TLS-terminating proxies and for
// CPE clients that cannot do Digest. Credentials are decoded as UTF-8 when they are valid
// UTF-8, else as ISO-8859-1 (what older clients send; RFC 7617 2.1 leaves it unspecified).
import { parseAuthorization, quoted } from '../../http-auth/headers.ts';
import { safeEqual } from './compare.ts';
import type { PasswordLookup } from './digest.ts';

export interface BasicCredentials {
  username: string;
  password: string;
}

export type BasicFailure = 'malformed' | 'unknown-user' | 'bad-password';

export type BasicResult = { ok: true; username: string } | { ok: false; reason: BasicFailure; username?: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** The user-id and password of `Basic <base64>`, or undefined when it is not one. */
export function parseBasic(header: string | undefined): BasicCredentials | undefined {
  const parsed = parseAuthorization(header);
  if (parsed === undefined || parsed.scheme !== 'basic') return undefined;
  // token68; padding is optional in practice.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(parsed.rest)) return undefined;
  const text = decodeText(Buffer.from(parsed.rest, 'base64'));
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

export function verifyBasic(header: string | undefined, users: PasswordLookup): BasicResult {
  const c = parseBasic(header);
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
