// The HTTP Digest computation (RFC 7616, RFC 2617, and the qop-less RFC 2069 form older CPEs
// still use), once for every side: the listener checking a CPE, DeskACS answering a CPE's
// connection-request challenge, and the simulator doing either.
import { createHash } from 'node:crypto';

export type DigestHashName = 'md5' | 'sha256';

/** A Digest algorithm by the name a challenge or answer uses (absent = MD5), or undefined when unknown. */
export function digestAlgorithm(name: string | undefined): { hash: DigestHashName; sess: boolean } | undefined {
  switch ((name ?? 'MD5').toUpperCase()) {
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

export interface DigestResponseInput {
  username: string;
  realm: string;
  password: string;
  method: string;
  /** The digest-uri as the client hashed it. */
  uri: string;
  nonce: string;
  /** 'auth', 'auth-int' (an empty body), or undefined for the RFC 2069 form. */
  qop?: string | undefined;
  /** The nonce count as 8 hex digits. */
  nc?: string | undefined;
  cnonce?: string | undefined;
  /** 'MD5' (default), 'MD5-sess', 'SHA-256', 'SHA-256-sess'; an unknown one is hashed as MD5. */
  algorithm?: string | undefined;
}

/** The request-digest (RFC 7616 3.4.1, RFC 2617 3.2.2.1), lower-case hex. */
export function digestResponse(d: DigestResponseInput): string {
  const algo = digestAlgorithm(d.algorithm) ?? { hash: 'md5', sess: false };
  const h = (text: string): string => createHash(algo.hash).update(text, 'utf8').digest('hex');
  let ha1 = h(`${d.username}:${d.realm}:${d.password}`);
  if (algo.sess) ha1 = h(`${ha1}:${d.nonce}:${d.cnonce ?? ''}`);
  const qop = d.qop?.toLowerCase();
  const ha2 = qop === 'auth-int' ? h(`${d.method}:${d.uri}:${h('')}`) : h(`${d.method}:${d.uri}`);
  if (qop === undefined) return h(`${ha1}:${d.nonce}:${ha2}`);
  return h(`${ha1}:${d.nonce}:${d.nc ?? ''}:${d.cnonce ?? ''}:${d.qop}:${ha2}`);
}
