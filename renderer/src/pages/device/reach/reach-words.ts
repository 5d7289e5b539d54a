// The Reachability tab's words for getReachability's facts: can DeskACS wake the device now and
// how, what each connection-request attempt's result means, the STUN binding's freshness. Pure.
import type { ReachAttempt, Reachability } from '../../../../../shared/models-reach.ts';

export type Tone = 'good' | 'warn' | 'bad' | 'idle';

export interface WakeAnswer {
  answer: string;
  how: string;
  tone: Tone;
}

/** A binding older than this may have been dropped by the NAT (as the core judges it). */
export const staleBindingSeconds = 600;

/** "Can DeskACS wake it now?" from the diagnosis: the last attempt first, then what STUN offers. */
export function wakeAnswer(r: Reachability): WakeAnswer {
  const last = r.attempts[0];
  if (last?.result === 'reached') {
    return last.via === 'udp'
      ? { answer: 'Yes', how: `by UDP connection request to ${last.target} (behind NAT, through STUN)`, tone: 'good' }
      : { answer: 'Yes', how: `by HTTP connection request to ${last.target}`, tone: 'good' };
  }
  const s = r.stun;
  const freshBinding = s.serverPort !== null && s.binding !== null && (s.bindingAgeSeconds ?? 0) <= staleBindingSeconds;
  const udpFailed = r.attempts.some((a) => a.via === 'udp' && a.result !== 'reached');
  if (r.natDetected && freshBinding && !udpFailed) {
    return { answer: 'Likely', how: `by UDP connection request to ${s.binding} (its STUN binding is fresh; not tried yet)`, tone: 'warn' };
  }
  if (last === undefined) {
    return r.natDetected
      ? { answer: 'No', how: 'HTTP connection requests cannot pass the NAT, and there is no STUN binding', tone: 'bad' }
      : { answer: 'Not tested', how: 'no connection request sent since DeskACS started', tone: 'idle' };
  }
  return { answer: 'No', how: `the last request ${last.via === 'udp' ? 'over UDP' : 'over HTTP'}: ${resultWords(last)}`, tone: 'bad' };
}

export function resultWords(a: Pick<ReachAttempt, 'result' | 'scheme' | 'status'>): string {
  const scheme = a.scheme === 'basic' ? ' (Basic)' : a.scheme === 'digest' ? ' (Digest)' : '';
  switch (a.result) {
    case 'reached':
      return 'reached';
    case 'refused':
      return 'connection refused';
    case 'timeout':
      return 'timed out';
    case 'unreachable':
      return 'unreachable';
    case 'auth-rejected':
      return `credentials refused${scheme}`;
    case 'auth-missing':
      return `no credentials known${scheme}`;
    case 'auth-other':
      return `authentication failed${a.status === null ? '' : ` (${a.status})`}`;
    case 'http-error':
      return `HTTP error${a.status === null ? '' : ` ${a.status}`}`;
    case 'bad-url':
      return 'unusable URL';
    case 'udp-no-session':
      return 'sent, no session followed';
  }
}

export function resultTone(a: Pick<ReachAttempt, 'result'>): Tone {
  if (a.result === 'reached') return 'good';
  if (a.result.startsWith('auth') || a.result === 'udp-no-session') return 'warn';
  return 'bad';
}

/** "fresh (12 s old)", "stale (42 min old)", or null without a binding. */
export function bindingAge(seconds: number | null): { text: string; tone: Tone } | null {
  if (seconds === null) return null;
  const age = seconds < 90 ? `${seconds} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
  return seconds <= staleBindingSeconds
    ? { text: `${age} old`, tone: 'good' }
    : { text: `${age} old: the NAT may have dropped it`, tone: 'warn' };
}

/** What Enable STUN does, or why it cannot. */
export function stunOffer(r: Reachability): { can: boolean; label: string; hint: string } {
  if (r.stun.serverPort === null) {
    return {
      can: false,
      label: 'Enable STUN',
      hint: 'The STUN server is off: start DeskACS with a STUN port (serve --stun-port 3478) to wake devices behind NAT.',
    };
  }
  if (r.stun.credentialsSet) {
    return {
      can: true,
      label: 'Enable STUN again',
      hint: `Writes DeskACS's STUN server (UDP port ${r.stun.serverPort}) and the same STUN credentials to the device again.`,
    };
  }
  return {
    can: true,
    label: 'Enable STUN',
    hint: `Sets the device's ManagementServer.STUN* parameters: DeskACS's STUN server on UDP port ${r.stun.serverPort} and STUN credentials of its own. The device then reports its public UDP address, and DeskACS wakes it with UDP connection requests.`,
  };
}
