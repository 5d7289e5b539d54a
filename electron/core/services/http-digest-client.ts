// The client side of HTTP authentication for connection requests (TR-069 3.2.2): parsing
// WWW-Authenticate challenges (RFC 7235 2.1: several challenges may share one header) and
// building the Authorization answer, Digest (RFC 7616 / RFC 2617, also the qop-less RFC 2069
// form many older CPEs still send) or Basic (RFC 7617). Pure: no I/O, no clock.
import { createHash, randomBytes } from 'node:crypto';

export interface AuthChallenge {
  /** As sent ('Digest', 'basic', ...); compare case-insensitively. */
  scheme: string;
  /** Parameter names lower-cased, quoted values unescaped. */
  params: Readonly<Record<string, string>>;
}

export interface HttpCredentials {
  username: string;
  password: string;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Every challenge in these WWW-Authenticate header values, in order. Lenient, as CPEs are:
 * unknown parameters are kept, a parameter before any scheme is dropped, token68 data ignored.
 */
export function parseChallenges(headerValues: readonly string[]): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  for (const header of headerValues) {
    let current: { scheme: string; params: Record<string, string> } | undefined;
    let i = 0;
    const skip = (re: RegExp): void => {
      while (i < header.length && re.test(header.charAt(i))) i += 1;
    };
    const token = (): string => {
      const start = i;
      while (i < header.length && TOKEN_CHAR.test(header.charAt(i))) i += 1;
      return header.slice(start, i);
    };
    const quoted = (): string => {
      let value = '';
      i += 1;
      while (i < header.length && header.charAt(i) !== '"') {
        if (header.charAt(i) === '\\' && i + 1 < header.length) i += 1;
        value += header.charAt(i);
        i += 1;
      }
      i += 1; // the closing quote (or past the end of a cut-short header)
      return value;
    };
    while (i < header.length) {
      skip(/[\s,]/);
      const name = token();
      if (name === '') {
        i += 1; // a stray character: step over it rather than loop forever
        continue;
      }
      skip(/\s/);
      if (header.charAt(i) !== '=') {
        current = { scheme: name, params: {} };
        out.push(current);
        continue;
      }
      i += 1;
      skip(/\s/);
      const value = header.charAt(i) === '"' ? quoted() : token();
      if (current !== undefined) current.params[name.toLowerCase()] = value;
    }
  }
  return out;
}

type HashName = 'md5' | 'sha256';

/** Digest algorithms we can answer, by the name a challenge uses (RFC 7616 3.3; absent = MD5). */
function digestHash(algorithm: string | undefined): { hash: HashName; sess: boolean } | undefined {
  switch ((algorithm ?? 'MD5').toUpperCase()) {
    case 'MD5':
      return { hash: 'md5', sess: false };
    case 'MD5-SESS':
      return { hash: 'md5', sess: true };
    case 'SHA-256':
      return { hash: 'sha256', sess: false };
    case 'SHA-256-SESS':
      return { hash: 'sha256', sess: true };
    default:
      return undefined;
  }
}

export function isDigest(c: AuthChallenge): boolean {
  return c.scheme.toLowerCase() === 'digest' && digestHash(c.params.algorithm) !== undefined && c.params.nonce !== undefined;
}

export function isBasic(c: AuthChallenge): boolean {
  return c.scheme.toLowerCase() === 'basic';
}

/** The challenge to answer: a Digest we support (first offered wins), else Basic, else none. */
export function pickChallenge(challenges: readonly AuthChallenge[]): AuthChallenge | undefined {
  return challenges.find(isDigest) ?? challenges.find(isBasic);
}

export function basicAuthorization(creds: HttpCredentials): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`, 'utf8').toString('base64')}`;
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

/** RFC 7230 quoted-string: backslash-escape quote and backslash. */
function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * The Authorization header answering a Digest challenge, or undefined when the challenge names an
 * algorithm we do not know. qop: 'auth' when offered; 'auth-int' alone is answered too (a GET has
 * an empty body, so its hash is known); no qop is the RFC 2069 form.
 */
export function digestAuthorization(challenge: AuthChallenge, creds: HttpCredentials, req: DigestRequest): string | undefined {
  const p = challenge.params;
  const algo = digestHash(p.algorithm);
  if (algo === undefined || p.nonce === undefined) return undefined;
  const h = (text: string): string => createHash(algo.hash).update(text, 'utf8').digest('hex');
  const offered = (p.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
  const qop = offered.includes('auth') ? 'auth' : offered.includes('auth-int') ? 'auth-int' : undefined;
  const realm = p.realm ?? '';
  const nonce = p.nonce;
  const cnonce = req.cnonce ?? randomBytes(8).toString('hex');
  const nc = (req.nc ?? 1).toString(16).padStart(8, '0');
  let ha1 = h(`${creds.username}:${realm}:${creds.password}`);
  if (algo.sess) ha1 = h(`${ha1}:${nonce}:${cnonce}`);
  const ha2 = qop === 'auth-int' ? h(`${req.method}:${req.uri}:${h('')}`) : h(`${req.method}:${req.uri}`);
  const response = qop === undefined ? h(`${ha1}:${nonce}:${ha2}`) : h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
  const parts = [
    `username=${quote(creds.username)}`,
    `realm=${quote(realm)}`,
    `nonce=${quote(nonce)}`,
    `uri=${quote(req.uri)}`,
    `response="${response}"`,
  ];
  if (p.algorithm !== undefined) parts.push(`algorithm=${p.algorithm}`);
  // cnonce is sent with -sess even without qop: the server needs it to compute HA1.
  if (qop !== undefined || algo.sess) parts.push(`cnonce=${quote(cnonce)}`);
  if (qop !== undefined) parts.push(`qop=${qop}`, `nc=${nc}`);
  if (p.opaque !== undefined) parts.push(`opaque=${quote(p.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
