// UDP connection requests (TR-069 Annex G.2.1.1): for a CPE behind NAT the ACS sends an
// HTTP-like GET in one UDP datagram to the public binding the CPE's STUN Binding Requests came
// from. It carries ts (seconds since 1970), id (a fresh number), un (ConnectionRequestUsername),
// cn (a random cnonce) and sig: hex HMAC-SHA1 over ts, id, un and cn concatenated, keyed by the
// ConnectionRequestPassword. UDP may lose it, so the same message (same id: the CPE ignores
// repeats) is sent several times with a growing gap until the device's session starts.
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import type { HttpCredentials } from '../http-auth/client.ts';

export interface UdpTarget {
  address: string;
  port: number;
}

export interface UdpConnectionRequestOptions {
  send(bytes: Buffer, port: number, address: string): Promise<void>;
  /** Whether the device's session has started since the first datagram went out. */
  started(): boolean;
  /** Give up after this long without a session. */
  timeoutMs: number;
  /** Gap before the first repeat; each later gap doubles (default 500 ms). */
  firstGapMs?: number;
  /** Datagrams at most (default 6). */
  maxSends?: number;
  signal?: AbortSignal;
  now?: () => Date;
}

export type UdpConnectionRequestResult =
  | { outcome: 'reached'; target: string; sent: number; ms: number }
  | { outcome: 'timed-out'; target: string; sent: number; timeoutMs: number }
  | { outcome: 'unreachable'; target: string; sent: number; message: string };

/** sig of Annex G.2.1.1: HMAC-SHA1(key = password, text = ts + id + un + cn), upper-case hex. */
export function udpSignature(password: string, ts: string, id: string, un: string, cn: string): string {
  return createHmac('sha1', password).update(`${ts}${id}${un}${cn}`).digest('hex').toUpperCase();
}

/** The datagram's text for one request (CRLF line ends, no body). */
export function udpConnectionRequestMessage(target: UdpTarget, creds: HttpCredentials, at: Date, id: string, cn: string): string {
  const host = target.address.includes(':') ? `[${target.address}]:${target.port}` : `${target.address}:${target.port}`;
  const ts = String(Math.floor(at.getTime() / 1000));
  const un = creds.username;
  const sig = udpSignature(creds.password, ts, id, un, cn);
  const query = `ts=${ts}&id=${id}&un=${encodeURIComponent(un)}&cn=${cn}&sig=${sig}`;
  return `GET http://${host}?${query} HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Sends the request until the session starts (checked every 100 ms), the time is up, or it was sent maxSends times. */
export async function sendUdpConnectionRequest(
  target: UdpTarget,
  creds: HttpCredentials,
  opts: UdpConnectionRequestOptions,
): Promise<UdpConnectionRequestResult> {
  const shown = target.address.includes(':') ? `[${target.address}]:${target.port}` : `${target.address}:${target.port}`;
  const bytes = Buffer.from(
    udpConnectionRequestMessage(
      target,
      creds,
      (opts.now ?? (() => new Date()))(),
      String(randomInt(1, 2 ** 31)),
      randomBytes(8).toString('hex'),
    ),
  );
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  const maxSends = opts.maxSends ?? 6;
  let sent = 0;
  let gap = opts.firstGapMs ?? 500;
  let nextSend = 0;
  while (elapsed() < opts.timeoutMs) {
    opts.signal?.throwIfAborted();
    if (opts.started()) return { outcome: 'reached', target: shown, sent, ms: Math.round(elapsed()) };
    if (sent < maxSends && elapsed() >= nextSend) {
      try {
        await opts.send(bytes, target.port, target.address);
      } catch (err) {
        return { outcome: 'unreachable', target: shown, sent, message: err instanceof Error ? err.message : String(err) };
      }
      sent += 1;
      nextSend = elapsed() + gap;
      gap *= 2;
    }
    await sleep(100, opts.signal);
  }
  if (opts.started()) return { outcome: 'reached', target: shown, sent, ms: Math.round(elapsed()) };
  return { outcome: 'timed-out', target: shown, sent, timeoutMs: opts.timeoutMs };
}
