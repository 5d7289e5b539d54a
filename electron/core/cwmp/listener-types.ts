// What the CWMP listener needs from the rest of the ACS, and its options.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SecureContextOptions } from 'node:tls';
import type { Logger } from '../acs-types.ts';
import type { CpePrincipal } from './auth/index.ts';
import type { AccessLogSink } from './access-log.ts';
import type { CapturedMessage } from './message-log.ts';
import type { QueuedRequest, SessionEffect } from './session/types.ts';

/** Durable effects and the task queue (services/session-backend.ts). */
export interface SessionBackend {
  /** Performs one step's effects atomically; throws when they could not be stored. */
  apply(effects: SessionEffect[], session: { key: string; remoteAddress: string }): void;
  nextRequest(deviceId: string): QueuedRequest | undefined;
  /**
   * Runs fn in one transaction (each apply inside it is a savepoint) and returns once it is
   * committed (throws if it was not): the group commit that lets concurrent CPEs share one
   * fsync. `onDurable` is called once the commit is on disk, or with the error that kept it
   * from getting there; the replies wait for it, not the event loop. `durable` false: nothing
   * in the batch must survive a power cut (only empty POSTs: session ends, tasks picked up), so
   * onDurable is called as soon as it is committed.
   */
  batch(fn: () => void, durable: boolean, onDurable: (err: Error | null) => void): void;
  /** Forgets in-memory state of a device whose step was not committed. */
  forget(deviceId: string): void;
  /**
   * The messages of the session that just ended under this key (its 'session-ended' effect was
   * applied), for the session inspector; called inside the batch when there is one.
   */
  sessionLog(key: string, messages: CapturedMessage[]): void;
  /**
   * Closes (as aborted) every stored session still open that is not one of these live
   * sessions' (by key): those whose end could not be committed. Returns how many; throws when
   * the storage still fails. Absent: nothing to close (backends of protocol tests).
   */
  closeOrphans?(liveKeys: string[]): number;
}

/** Authentication and admission of CPEs (services/cpe-gate.ts). */
export interface CpeGate {
  /** Checks a request that belongs to no session yet, before its body is read. */
  authenticate(
    req: IncomingMessage,
  ): { kind: 'ok'; principal: CpePrincipal | null } | { kind: 'reply'; status: number; headers: Record<string, string>; message: string };
  /** Once the Inform names the device: may it hold a session? */
  admit(deviceId: string, principal: CpePrincipal | null): { ok: true } | { ok: false; status: number; message: string };
}

export interface ListenerOptions {
  host: string;
  port: number;
  sessionTimeoutMs: number;
  maxConcurrentSessions: number;
  /**
   * Live sessions one source address may hold (many CPEs share one address behind a NAT, so
   * not tiny); defaults to max(16, half of maxConcurrentSessions).
   */
  maxSessionsPerAddress?: number | undefined;
  /**
   * How long a session may idle after its InformResponse before it is dropped (a CPE sends its
   * next POST at once, TR-069 3.7.1.2); defaults to min(10 s, sessionTimeoutMs). Keeps a client
   * that opens sessions and goes silent from holding slots for the whole session timeout.
   */
  informIdleTimeoutMs?: number | undefined;
  maxBodyBytes: number;
  /** Seconds a refused CPE is asked to wait (Retry-After). */
  retryAfterSeconds: number;
  backend: SessionBackend;
  /** null: every CPE is accepted (tests of the protocol alone). */
  gate: CpeGate | null;
  log: Logger;
  /** One entry per HTTP request, for the CWMP access log (access-log.ts); absent: none kept. */
  accessLog?: AccessLogSink | undefined;
  /** Requests under /files/ (library files served to CPEs, files/serve.ts); absent: none served. */
  files?: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  /**
   * CWMP over TLS beside plain HTTP (TR-069 3.4.5): the same sessions and handler on an https
   * server with this certificate and key (replaced while running by setSecureContext).
   */
  tls?: { host: string; port: number; context: SecureContextOptions } | undefined;
}

/** An HTTP response decided while stepping, written once the step's writes are committed. */
export interface Outgoing {
  status: number;
  headers: Record<string, string | number>;
  body: string;
}

export function textOutgoing(status: number, text: string, headers: Record<string, string | number> = {}): Outgoing {
  return { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: `${text}\n` };
}
