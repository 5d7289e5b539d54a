// HTTP Basic credentials (RFC 7617), read by every DeskACS server that takes them: the CWMP
// listener (CPE authentication) and the per-transfer file URLs. Decoded as UTF-8 when they are
// valid UTF-8, else as ISO-8859-1 (what older clients send; RFC 7617 2.1 leaves it unspecified).
import { parseAuthorization } from './headers.ts';

export interface BasicCredentials {
  username: string;
  password: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** The user-id and password of `Basic <base64>`, or undefined when it is not one. */
export function parseBasicCredentials(header: string | undefined): BasicCredentials | undefined {
  const parsed = parseAuthorization(header);
  if (parsed === undefined || parsed.scheme !== 'basic') return undefined;
  // token68; padding is optional in practice.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(parsed.rest)) return undefined;
  const text = decodeText(Buffer.from(parsed.rest, 'base64'));
  const colon = text.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** `Basic <base64>` for a client. */
export function basicAuthorization(creds: BasicCredentials): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64')}`;
}
