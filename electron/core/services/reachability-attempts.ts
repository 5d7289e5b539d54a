// A wake's outcomes (wake.ts) as the reachability diagnosis lists them.
import type { ReachAttempt } from '../../../shared/models-reach.ts';
import { describeConnectionRequestResult, type ConnectionRequestResult } from './connection-request.ts';
import type { UdpConnectionRequestResult } from './udp-connection-request.ts';
import type { WakeAttempt } from './wake.ts';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function httpAttempt(at: string, r: ConnectionRequestResult): ReachAttempt {
  const base = { at, via: 'http' as const, target: hostOf(r.url), message: describeConnectionRequestResult(r) };
  switch (r.outcome) {
    case 'reached':
      return { ...base, result: 'reached', scheme: r.scheme === 'none' ? null : r.scheme, status: r.status };
    case 'auth-failed': {
      const result = r.reason === 'rejected' ? 'auth-rejected' : r.reason === 'no-credentials' ? 'auth-missing' : 'auth-other';
      // 'no-credentials' is reported with scheme 'none' though the device did ask for one.
      const scheme =
        r.scheme === 'none' ? (/\bBasic\b/.test(r.message) ? 'basic' : /\bDigest\b/.test(r.message) ? 'digest' : null) : r.scheme;
      return { ...base, result, scheme, status: r.status };
    }
    case 'unreachable':
      return { ...base, result: r.code === 'ECONNREFUSED' ? 'refused' : 'unreachable', scheme: null, status: null };
    case 'timed-out':
      return { ...base, result: 'timeout', scheme: null, status: null };
    case 'bad-url':
      return { ...base, result: 'bad-url', scheme: null, status: null };
    case 'http-error':
      return { ...base, result: 'http-error', scheme: null, status: r.status };
  }
}

export function udpAttempt(at: string, r: UdpConnectionRequestResult): ReachAttempt {
  const base = { at, via: 'udp' as const, target: r.target, scheme: null, status: null };
  switch (r.outcome) {
    case 'reached':
      return { ...base, result: 'reached', message: `UDP connection request answered by a session in ${r.ms} ms (${r.sent} sent)` };
    case 'timed-out':
      return {
        ...base,
        result: 'udp-no-session',
        message: `UDP connection request sent ${r.sent} times; no session within ${Math.round(r.timeoutMs / 1000)} s`,
      };
    case 'unreachable':
      return { ...base, result: 'unreachable', message: `UDP connection request not sent: ${r.message}` };
  }
}

/** Newest first; a wake that tried HTTP then UDP lists the UDP attempt first. */
export function reachAttempts(attempts: readonly WakeAttempt[]): ReachAttempt[] {
  const out: ReachAttempt[] = [];
  for (const a of attempts) {
    if (a.udp !== null) out.push(udpAttempt(a.at, a.udp));
    if (a.http !== null) out.push(httpAttempt(a.at, a.http));
  }
  return out;
}
