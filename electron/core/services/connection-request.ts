// Connection requests (TR-069 3.2.2): the ACS asks a CPE to open a session now by an HTTP GET to
// the CPE's ConnectionRequestURL. The CPE answers 401 with a Digest (most) or Basic challenge,
// checks our answer against its ConnectionRequestUsername/Password, replies 200 or 204, and then
// informs with '6 CONNECTION REQUEST'. A CPE reports ConnectionRequestPassword as empty when read
// (TR-069 A.3.2.1), so the ACS knows only what the operator entered or what DeskACS set itself.
//
// The outcome is data, never an exception: the UI shows it, the task service decides what next.
// Credentials never appear in a result, a message or a log line.
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { generateCredentials } from '../generated-credentials.ts';
import { basicAuthorization, digestAuthorization, isBasic, pickChallenge, type HttpCredentials } from '../http-auth/client.ts';
import { parseChallenges, type AuthChallenge } from '../http-auth/headers.ts';

export type AuthScheme = 'digest' | 'basic' | 'none';

export type ConnectionRequestResult =
  | { outcome: 'reached'; url: string; status: number; scheme: AuthScheme; ms: number }
  | { outcome: 'auth-failed'; url: string; status: 401 | 403; scheme: AuthScheme; reason: AuthFailure; message: string }
  | { outcome: 'unreachable'; url: string; code: string; message: string }
  | { outcome: 'timed-out'; url: string; ms: number; timeoutMs: number }
  | { outcome: 'bad-url'; url: string; message: string }
  | { outcome: 'http-error'; url: string; status: number; message: string };

export type ConnectionRequestOutcome = ConnectionRequestResult['outcome'];

/**
 * Why authentication failed: our credentials were refused; none are known for the device; the
 * device offers no scheme we speak (e.g. NTLM) or our username cannot be sent; or it refused the
 * request itself (a 401/403 without a challenge, e.g. an address filter).
 */
export type AuthFailure = 'rejected' | 'no-credentials' | 'unsupported' | 'refused';

export interface ConnectionRequestOptions {
  /** One limit for the whole exchange: DNS, connect, challenge, answer. */
  timeoutMs: number;
  /** Aborting rejects the promise with signal.reason (as fetch does); it is not an outcome. */
  signal?: AbortSignal;
  /**
   * https only: send Basic credentials even when the device's certificate does not verify. Off
   * by default: the password would go to whoever holds the address. Most CPEs have self-signed
   * certificates, so an https ConnectionRequestURL is used without verification for Digest
   * (which never reveals the password) and for a device that asks no credentials.
   */
  allowInvalidCertificates?: boolean;
}

/** Body bytes read from a CPE's answer before the connection is dropped (we never need them). */
const MAX_BODY_BYTES = 64 * 1024;
const USER_AGENT = 'DeskACS';

interface Answer {
  status: number;
  challenges: AuthChallenge[];
  /** http, or https with a certificate that verified against the system's CAs. */
  verified: boolean;
}

/** Thrown inside one exchange and turned into a result; never escapes sendConnectionRequest. */
class NetworkFailure extends Error {
  override name = 'NetworkFailure';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends one connection request and says what happened. Never rejects, except when opts.signal
 * aborts. Redirects are not followed (a CPE has no reason to redirect and the credentials must
 * not go elsewhere). A Digest answer refused with stale=true is retried once with the new nonce.
 */
export async function sendConnectionRequest(
  url: string,
  creds: HttpCredentials | null,
  opts: ConnectionRequestOptions,
): Promise<ConnectionRequestResult> {
  opts.signal?.throwIfAborted();
  const target = parseTarget(url);
  if (typeof target === 'string') return { outcome: 'bad-url', url, message: target };
  const started = performance.now();
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), Math.max(0, opts.timeoutMs));
  const signal = opts.signal === undefined ? timeout.signal : AbortSignal.any([timeout.signal, opts.signal]);
  const get = (authorization?: string): Promise<Answer> => httpGet(target, authorization, signal);
  try {
    const result = await exchange(url, target, creds, get, opts.allowInvalidCertificates === true);
    return result.outcome === 'reached' ? { ...result, ms: Math.round(performance.now() - started) } : result;
  } catch (err) {
    if (opts.signal?.aborted === true) throw opts.signal.reason;
    if (timeout.signal.aborted)
      return { outcome: 'timed-out', url, ms: Math.round(performance.now() - started), timeoutMs: opts.timeoutMs };
    if (err instanceof NetworkFailure) return { outcome: 'unreachable', url, code: err.code, message: err.message };
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** The challenge-response dance; network failures are thrown as NetworkFailure. */
async function exchange(
  url: string,
  target: URL,
  creds: HttpCredentials | null,
  get: (authorization?: string) => Promise<Answer>,
  basicUnverified: boolean,
): Promise<ConnectionRequestResult> {
  const first = await get();
  if (first.status !== 401) return judge(url, first.status, 'none');
  const challenge = pickChallenge(first.challenges);
  if (challenge === undefined) {
    if (first.challenges.length === 0)
      return authFailed(url, 401, 'none', 'refused', 'the device answered 401 without a WWW-Authenticate challenge');
    const offered = first.challenges.map((c) => c.scheme).join(', ');
    return authFailed(url, 401, 'none', 'unsupported', `the device offers only authentication DeskACS does not speak (${offered})`);
  }
  const scheme: AuthScheme = isBasic(challenge) ? 'basic' : 'digest';
  if (scheme === 'basic' && !first.verified && !basicUnverified) {
    return authFailed(
      url,
      401,
      scheme,
      'unsupported',
      "the device asks for Basic authentication over https, but its certificate does not verify (self-signed?): DeskACS does not send a password in clear to an endpoint it cannot trust (Digest would be safe; or use the device's http:// connection-request URL)",
    );
  }
  if (creds === null) {
    return authFailed(
      url,
      401,
      'none',
      'no-credentials',
      `the device asks for ${label(scheme)} authentication but no connection-request credentials are known for this device` +
        ' (CPEs report their ConnectionRequestPassword as empty: enter them, or let DeskACS set them on the device)',
    );
  }
  if (scheme === 'digest' && /[^\x20-\x7e]/.test(creds.username)) {
    // The username travels in the header as a quoted-string; Node refuses control characters and
    // CPEs would hash anything non-ASCII differently (RFC 7616 username* is unknown to them).
    return authFailed(
      url,
      401,
      scheme,
      'unsupported',
      'the connection-request username has characters other than printable ASCII, which Digest cannot carry',
    );
  }
  const uri = `${target.pathname}${target.search}`;
  let answer = await get(authorization(challenge, creds, uri));
  if (scheme === 'digest' && answer.status === 401) {
    // RFC 7616 3.3: stale=true means the nonce expired, not that the password is wrong.
    const fresh = answer.challenges.find((c) => c.scheme.toLowerCase() === 'digest' && c.params.stale?.toLowerCase() === 'true');
    if (fresh !== undefined) answer = await get(authorization(fresh, creds, uri));
  }
  return judge(url, answer.status, scheme);
}

function authorization(challenge: AuthChallenge, creds: HttpCredentials, uri: string): string | undefined {
  return isBasic(challenge) ? basicAuthorization(creds) : digestAuthorization(challenge, creds, { method: 'GET', uri });
}

function judge(url: string, status: number, scheme: AuthScheme): ConnectionRequestResult {
  if (status >= 200 && status < 300) return { outcome: 'reached', url, status, scheme, ms: 0 };
  if (status === 401 || status === 403) {
    return scheme === 'none'
      ? authFailed(url, status, scheme, 'refused', `the device refused the request (${status})`)
      : authFailed(url, status, scheme, 'rejected', `the device refused the ${label(scheme)} credentials (${status})`);
  }
  return {
    outcome: 'http-error',
    url,
    status,
    message: `Connection request to ${url} failed: ${status} ${http.STATUS_CODES[status] ?? 'unexpected status'}`,
  };
}

function authFailed(url: string, status: 401 | 403, scheme: AuthScheme, reason: AuthFailure, why: string): ConnectionRequestResult {
  return { outcome: 'auth-failed', url, status, scheme, reason, message: `Connection request to ${url} failed: ${why}` };
}

function label(scheme: AuthScheme): string {
  return scheme === 'digest' ? 'Digest' : scheme === 'basic' ? 'Basic' : 'no';
}

/** The URL, or why it cannot be used. */
function parseTarget(url: string): URL | string {
  let target: URL;
  try {
    target = new URL(url.trim());
  } catch {
    return url.trim() === '' ? 'The device has no ConnectionRequestURL' : `"${url}" is not a URL`;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return `Connection requests go over http: or https:, not ${target.protocol} (${url})`;
  }
  if (target.hostname === '') return `${url} has no host`;
  return target;
}

/** One GET on its own connection (agent: false, Connection: close); resolves once the body ended. */
function httpGet(target: URL, authorization: string | undefined, signal: AbortSignal): Promise<Answer> {
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Connection: 'close' };
  if (authorization !== undefined) headers.Authorization = authorization;
  const options: https.RequestOptions = {
    method: 'GET',
    protocol: target.protocol,
    // URL keeps the brackets of an IPv6 literal; the socket layer wants the bare address.
    hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: target.port === '' ? undefined : Number(target.port),
    path: `${target.pathname}${target.search}`,
    headers,
    agent: false,
    signal,
    // Userinfo in the URL is deliberately not sent: credentials come from the store only.
    // The certificate is checked, not enforced: exchange() decides what may be sent (Basic not
    // to an endpoint that did not verify).
    ...(target.protocol === 'https:' ? { rejectUnauthorized: false } : {}),
  };
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const req = lib.request(options, (res) => {
      const answer: Answer = {
        status: res.statusCode ?? 0,
        challenges: parseChallenges(res.headersDistinct['www-authenticate'] ?? []),
        verified: target.protocol !== 'https:' || (res.socket as TLSSocket).authorized === true,
      };
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_BODY_BYTES) {
          res.destroy();
          resolve(answer);
        }
      });
      res.on('end', () => resolve(answer));
      // The status line and headers are what we came for: a body cut short does not change them.
      res.on('close', () => resolve(answer));
      res.on('error', () => resolve(answer));
    });
    req.on('error', (err) => reject(signal.aborted ? err : networkFailure(target, err)));
    req.end();
  });
}

function errorCode(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (typeof code === 'string') return code;
  // Node 20 tries IPv6 and IPv4 addresses in turn (autoSelectFamily) and reports an AggregateError.
  if (err instanceof AggregateError) {
    for (const inner of err.errors) if (inner instanceof Error) return errorCode(inner);
  }
  return 'UNKNOWN';
}

const REASONS: Partial<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the device',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host is down',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'host name lookup failed temporarily (DNS)',
  EPIPE: 'connection closed by the device',
  ETIMEDOUT: 'the operating system gave up connecting',
  EADDRNOTAVAIL: 'address not available',
};

function networkFailure(target: URL, err: Error): NetworkFailure {
  const code = errorCode(err);
  const reason = REASONS[code] ?? (isTlsCode(code) ? `TLS certificate not accepted: ${err.message}` : err.message);
  return new NetworkFailure(code, `Connection request to ${target.host} failed: ${reason} (${code})`);
}

function isTlsCode(code: string): boolean {
  return /CERT|SELF_SIGNED|SSL|TLS|UNABLE_TO_VERIFY|ERR_TLS/.test(code);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One plain-language sentence for the UI and the API. Never contains credentials. */
export function describeConnectionRequestResult(r: ConnectionRequestResult): string {
  switch (r.outcome) {
    case 'reached':
      return `Reached the device in ${r.ms} ms: it should open a session with the ACS now`;
    case 'auth-failed':
      return describeAuthFailure(r.reason, r.scheme, r.status, r.message);
    case 'unreachable':
      return describeUnreachable(r.url, r.code, r.message);
    case 'timed-out':
      return `No answer from ${hostOf(r.url)} within ${seconds(r.timeoutMs)}: the device may be offline or behind NAT`;
    case 'bad-url':
      return `Cannot send a connection request: ${r.message}`;
    case 'http-error':
      return r.status === 503
        ? 'The device is busy (503): it may be in a session already; try again shortly'
        : `The device answered ${r.status} ${http.STATUS_CODES[r.status] ?? ''}`.trimEnd() + ': the ConnectionRequestURL may be wrong';
  }
}

function describeAuthFailure(reason: AuthFailure, scheme: AuthScheme, status: number, message: string): string {
  switch (reason) {
    case 'rejected':
      return `The device refused the credentials (${label(scheme)}): check the connection-request username and password`;
    case 'no-credentials':
      return 'The device requires a connection-request username and password, and none are known for it: enter them, or let DeskACS set them';
    case 'unsupported':
      return `Cannot authenticate to the device: ${message.replace(/^.*?failed: /, '')}`;
    case 'refused':
      return `The device refused the connection request (${status}) without asking for credentials: it may accept them only from certain addresses`;
  }
}

function describeUnreachable(url: string, code: string, message: string): string {
  const host = hostOf(url);
  switch (code) {
    case 'ECONNREFUSED':
      return `${host} refused the connection: nothing listens on that port, or a firewall rejects it`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
      return `No route to ${host}: the device is offline, or its address is private (behind NAT)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name in ${url} could not be resolved (DNS)`;
    default:
      return isTlsCode(code)
        ? `The device's TLS certificate was not accepted (${code})`
        : `Could not reach ${host}: ${message.replace(/^.*?failed: /, '')}`;
  }
}

/** Fresh connection-request credentials for DeskACS to set on a device itself (well within string(256)). */
export function generateCrCredentials(): HttpCredentials {
  return generateCredentials();
}
