// The UDP leg of a wake (TR-069 Annex G): when the HTTP connection request cannot reach a device
// that has a public UDP binding learnt by the STUN server, the request goes over UDP from the
// STUN port, repeated until the device's session starts.
import type { ConnectionRequestReport } from '../../../shared/models.ts';
import type { HttpCredentials } from '../http-auth/client.ts';
import { sendUdpConnectionRequest, type UdpConnectionRequestResult, type UdpTarget } from './udp-connection-request.ts';

export interface UdpWake {
  /** The device's public UDP binding, learnt by STUN, or null. */
  binding(deviceId: string): UdpTarget | null;
  /** Sends a datagram from the STUN port. */
  send(bytes: Buffer, port: number, address: string): Promise<void>;
  /** Whether the device has had a session (open now, or an Inform) since `since`. */
  sessionSince(deviceId: string, since: Date): boolean;
  /** How long to keep repeating the request without a session (default 10 s). */
  timeoutMs?: number;
}

const DEFAULT_UDP_TIMEOUT_MS = 10_000;

/** Null when there is nothing to send: no binding, or no credentials to sign with. */
export async function wakeOverUdp(
  udp: UdpWake,
  deviceId: string,
  creds: HttpCredentials | null,
  httpReport: ConnectionRequestReport,
  opts: { signal?: AbortSignal | undefined },
): Promise<{ report: ConnectionRequestReport; result: UdpConnectionRequestResult } | null> {
  const target = udp.binding(deviceId);
  if (target === null || creds === null) return null;
  const since = new Date();
  const result = await sendUdpConnectionRequest(target, creds, {
    send: (bytes, port, address) => udp.send(bytes, port, address),
    started: () => udp.sessionSince(deviceId, since),
    timeoutMs: udp.timeoutMs ?? DEFAULT_UDP_TIMEOUT_MS,
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
  });
  return { report: reportOf(result, httpReport), result };
}

function reportOf(r: UdpConnectionRequestResult, httpReport: ConnectionRequestReport): ConnectionRequestReport {
  const before =
    httpReport.outcome === 'no-url' ? 'The device has no ConnectionRequestURL' : `HTTP did not reach the device (${httpReport.message})`;
  switch (r.outcome) {
    case 'reached':
      return {
        outcome: 'reached',
        message: `Reached the device by a UDP connection request to ${r.target} (behind NAT, learnt by STUN) in ${r.ms} ms: its session has started. ${before}.`,
      };
    case 'timed-out':
      return {
        outcome: httpReport.outcome === 'no-url' ? 'timed-out' : httpReport.outcome,
        message: `${httpReport.message}. A UDP connection request to ${r.target} was sent ${r.sent} times with no session within ${Math.round(r.timeoutMs / 1000)} s: the NAT binding may have expired or the credentials may be wrong.`,
      };
    case 'unreachable':
      return {
        outcome: httpReport.outcome,
        message: `${httpReport.message}. The UDP connection request to ${r.target} could not be sent: ${r.message}.`,
      };
  }
}
