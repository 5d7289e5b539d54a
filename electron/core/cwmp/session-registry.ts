// Live CWMP sessions, found by cookie or, for CPEs that drop cookies, by TCP connection.
// Enforces one session per device; counts sessions per source address for the listener's bounds.
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { CpePrincipal } from './auth/index.ts';
import { MessageLog } from './message-log.ts';
import type { SessionState } from './session/types.ts';

export interface LiveSession {
  token: string;
  state: SessionState;
  deviceId: string | null;
  socket: Socket;
  remoteAddress: string;
  startedAt: number;
  timer: NodeJS.Timeout | null;
  /** The ACS request already built while stepping, so it is not built twice. */
  outgoing: string | null;
  /** Who authenticated this session (null when authentication is off). */
  principal: CpePrincipal | null;
  /** The session's messages so far, for the session inspector. */
  log: MessageLog;
}

export const SESSION_COOKIE = 'deskacs_session';

export class SessionRegistry {
  private readonly byToken = new Map<string, LiveSession>();
  private readonly bySocket = new WeakMap<Socket, LiveSession>();
  private readonly byDevice = new Map<string, LiveSession>();
  /** Live sessions per source address: the share one address may hold is bounded (listener). */
  private readonly byAddress = new Map<string, number>();

  get size(): number {
    return this.byToken.size;
  }

  /**
   * Asks for the stored sessions that are no longer live but whose end could not be recorded
   * (a storage failure) to be closed later; the listener sets the hook (orphan-sweep.ts).
   */
  sweepLater: () => void = () => {};

  /** Live sessions opened from this (normalised) source address. */
  countFrom(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }

  all(): IterableIterator<LiveSession> {
    return this.byToken.values();
  }

  /** The session a request belongs to: its cookie first, then the connection it came on. */
  find(cookieHeader: string | undefined, socket: Socket): LiveSession | undefined {
    const token = sessionTokenFromCookie(cookieHeader);
    if (token !== undefined) {
      const s = this.byToken.get(token);
      if (s !== undefined) {
        if (s.socket !== socket) {
          // The CPE opened a new connection for the same session: follow it.
          s.socket = socket;
          this.bySocket.set(socket, s);
        }
        return s;
      }
    }
    return this.bySocket.get(socket);
  }

  create(socket: Socket, state: SessionState): LiveSession {
    const session: LiveSession = {
      // randomUUID draws from Node's pooled entropy; randomBytes per session showed in profiles.
      token: randomUUID().replaceAll('-', ''),
      state,
      deviceId: null,
      socket,
      remoteAddress: normaliseAddress(socket.remoteAddress),
      startedAt: Date.now(),
      timer: null,
      outgoing: null,
      principal: null,
      log: new MessageLog(),
    };
    this.byToken.set(session.token, session);
    this.bySocket.set(socket, session);
    this.byAddress.set(session.remoteAddress, this.countFrom(session.remoteAddress) + 1);
    return session;
  }

  /** The other live session of this device, if there is one. */
  deviceSession(deviceId: string): LiveSession | undefined {
    return this.byDevice.get(deviceId);
  }

  bindDevice(session: LiveSession, deviceId: string): void {
    if (session.deviceId !== null && session.deviceId !== deviceId) this.byDevice.delete(session.deviceId);
    session.deviceId = deviceId;
    this.byDevice.set(deviceId, session);
  }

  remove(session: LiveSession): void {
    if (session.timer !== null) clearTimeout(session.timer);
    session.timer = null;
    if (this.byToken.delete(session.token)) {
      const left = this.countFrom(session.remoteAddress) - 1;
      if (left > 0) this.byAddress.set(session.remoteAddress, left);
      else this.byAddress.delete(session.remoteAddress);
    }
    if (this.bySocket.get(session.socket) === session) this.bySocket.delete(session.socket);
    if (session.deviceId !== null && this.byDevice.get(session.deviceId) === session) {
      this.byDevice.delete(session.deviceId);
    }
  }
}

/**
 * Finds our session token in a Cookie header. CPEs echo cookies in odd shapes: RFC 2109
 * (`$Version="0"; deskacs_session="abc"; $Path=/`), with attributes copied back
 * (`deskacs_session=abc; Path=/`), or comma-separated.
 */
export function sessionTokenFromCookie(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  for (const part of header.split(/[;,]/)) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== SESSION_COOKIE) continue;
    const value = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (/^[0-9a-f]{32}$/.test(value)) return value;
  }
  return undefined;
}

export function normaliseAddress(address: string | undefined): string {
  if (address === undefined) return '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
