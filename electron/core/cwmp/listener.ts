// The CWMP HTTP listener: authenticates CPEs, reads and parses their requests, and hands them
// to the group-commit batcher, which steps the session engine, stores the effects and writes
// the replies after the commit. Everything after the body is read runs synchronously, so the
// requests of one session cannot interleave.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { SecureContextOptions } from 'node:tls';
import type { AddressInfo, Socket } from 'node:net';
import { baseUrlFromHost, FILES_PATH_PREFIX } from '../files/transfer-url.ts';
import type { CpePrincipal } from './auth/index.ts';
import { CommitBatcher, write } from './commit-batcher.ts';
import { isStorageUnavailable } from '../store/errors.ts';
import { traceRequest } from './access-log.ts';
import { BodyError, readBody } from './http-body.ts';
import { OrphanSweep } from './orphan-sweep.ts';
import { textOutgoing, type ListenerOptions } from './listener-types.ts';
import { normaliseAddress, SessionRegistry, type LiveSession } from './session-registry.ts';
import { abandon, bodyText, busy, processRequest, toInput } from './session-steps.ts';
import { initialState } from './session/engine.ts';

/** A file transfer (a CPE's download or upload on /files/) that stalls this long is cut off. */
const FILE_TRANSFER_IDLE_MS = 60_000;

export type { CpeGate, ListenerOptions, SessionBackend } from './listener-types.ts';

export interface CwmpListener {
  url: string;
  port: number;
  activeSessions(): number;
  /** Whether the device has a CWMP session open now. */
  hasSession(deviceId: string): boolean;
  /**
   * http://<Host>/ as the device reached the listener in its open session (the base of the file
   * URLs handed to it), or null without a session or a usable Host header.
   */
  cpeBaseUrl(deviceId: string): string | null;
  /** https://... of the TLS listener, or null without one. */
  tlsUrl: string | null;
  /** Replaces the TLS certificate and key for new connections (no restart). */
  setSecureContext(context: SecureContextOptions): void;
  close(): Promise<void>;
}

export async function startCwmpListener(opts: ListenerOptions): Promise<CwmpListener> {
  const registry = new SessionRegistry();
  const hosts = new WeakMap<LiveSession, string>();
  const batcher = new CommitBatcher(registry, opts);
  const sweep = new OrphanSweep(registry, opts.backend, opts.log);
  registry.sweepLater = () => sweep.request();
  // A CPE that trickles its headers or body (or an attacker doing so) is cut off instead of
  // holding a connection and a session slot forever: headers within 20 s, a CWMP body within
  // BODY_DEADLINE_MS (readBody). No server-wide request timeout: a device's upload to /files/
  // may take longer than a minute on a slow line, and is cut off only when it stalls.
  const serverOptions = { keepAliveTimeout: opts.sessionTimeoutMs, headersTimeout: 20_000, requestTimeout: 0 };
  // Sockets with the file-transfer idle timeout armed (once per kept-alive connection).
  const idleWatched = new WeakSet<Socket>();
  // The session each response belongs to, for the access log's device id.
  const sessionOf = new WeakMap<ServerResponse, LiveSession>();
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (opts.accessLog !== undefined) traceRequest(req, res, opts.accessLog, () => sessionOf.get(res)?.deviceId ?? null);
    if (opts.files !== undefined && req.url?.startsWith(FILES_PATH_PREFIX) === true) {
      // File fetches carry no CWMP credentials: the URL's token is the credential (files/serve.ts).
      if (!idleWatched.has(req.socket)) {
        idleWatched.add(req.socket);
        req.socket.setTimeout(FILE_TRANSFER_IDLE_MS, () => req.socket.destroy());
      }
      opts.files(req, res);
      return;
    }
    handle(req, res, registry, batcher, opts, hosts, sessionOf).catch((err: unknown) => {
      opts.log.error('cwmp request failed', { error: String(err) });
      // E.g. the gate's credential lookup on a failing disk: unavailable, not a bug.
      if (isStorageUnavailable(err))
        write(res, textOutgoing(503, 'Service unavailable: storage; retry later', { 'Retry-After': String(opts.retryAfterSeconds) }));
      else write(res, textOutgoing(500, 'Internal error'));
    });
  };
  const server = createServer(serverOptions, onRequest);
  const onClientError = (err: Error, socket: Duplex): void => {
    opts.log.warn('cwmp client error', { error: err.message });
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  };
  server.on('clientError', onClientError);
  await listen(server, opts.host, opts.port);
  const port = (server.address() as AddressInfo).port;
  const shown = (host: string): string => (host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host);
  const tlsServer = opts.tls === undefined ? null : await startTls(server, onRequest, onClientError, opts.tls, opts);
  const tlsPort = tlsServer === null ? null : (tlsServer.address() as AddressInfo).port;
  return {
    url: `http://${shown(opts.host)}:${port}/`,
    tlsUrl: tlsPort === null || opts.tls === undefined ? null : `https://${shown(opts.tls.host)}:${tlsPort}/`,
    setSecureContext: (context) => tlsServer?.setSecureContext(context),
    port,
    activeSessions: () => registry.size,
    hasSession: (deviceId) => registry.deviceSession(deviceId) !== undefined,
    cpeBaseUrl: (deviceId) => {
      const session = registry.deviceSession(deviceId);
      return session === undefined ? null : baseUrlFromHost(hosts.get(session));
    },
    close: async () => {
      sweep.close();
      await closeListener(server, registry, batcher, opts);
      if (tlsServer !== null) await closeServer(tlsServer);
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  registry: SessionRegistry,
  batcher: CommitBatcher,
  opts: ListenerOptions,
  hosts: WeakMap<LiveSession, string>,
  sessionOf: WeakMap<ServerResponse, LiveSession>,
): Promise<void> {
  if (req.method !== 'POST') {
    req.resume();
    write(res, textOutgoing(405, 'CWMP requests must use POST', { Allow: 'POST' }));
    return;
  }
  const existing = registry.find(req.headers.cookie, req.socket);
  if (existing !== undefined) sessionOf.set(res, existing);
  let principal: CpePrincipal | null = existing?.principal ?? null;
  // A session already authenticated is trusted by its cookie or connection: CPEs send
  // Authorization on the first request only, or on all of them.
  if (existing === undefined && opts.gate !== null) {
    const verdict = opts.gate.authenticate(req);
    if (verdict.kind === 'reply') {
      req.resume();
      write(res, textOutgoing(verdict.status, verdict.message, verdict.headers));
      return;
    }
    principal = verdict.principal;
  }
  let bytes: Buffer;
  try {
    bytes = await readBody(req, opts.maxBodyBytes);
  } catch (err) {
    const status = err instanceof BodyError ? err.status : 400;
    opts.log.warn('cwmp body rejected', { remote: req.socket.remoteAddress, error: String(err) });
    write(res, textOutgoing(status, err instanceof Error ? err.message : 'Bad request'));
    return;
  }
  const full = existing === undefined ? admissionRefusal(registry, req, opts) : null;
  if (full !== null) {
    write(res, busy(opts, full));
    return;
  }
  const session = existing ?? registry.create(req.socket, initialState);
  sessionOf.set(res, session);
  session.principal = principal;
  if (req.headers.host !== undefined) hosts.set(session, req.headers.host);
  // Parsing is pure CPU: done now, outside the batch's transaction.
  const text = bodyText(bytes, req.headers['content-type']);
  const input = toInput(text, session, opts);
  // An empty POST's writes (the session's end, the next task picked up) are repaired at the
  // next start if a power cut loses them; everything else must be durable before the reply.
  const light = input.kind === 'empty' || input.kind === 'parse-error';
  batcher.submit({ session, res, light, run: () => processRequest(session, input, registry, opts, text) });
}

/** Why a new session cannot be opened now (the slots, or this address's share of them), or null. */
function admissionRefusal(registry: SessionRegistry, req: IncomingMessage, opts: ListenerOptions): string | null {
  if (registry.size >= opts.maxConcurrentSessions) return 'too many concurrent sessions';
  const perAddress = opts.maxSessionsPerAddress ?? Math.max(16, Math.ceil(opts.maxConcurrentSessions / 2));
  if (registry.countFrom(normaliseAddress(req.socket.remoteAddress)) >= perAddress) return 'too many concurrent sessions from this address';
  return null;
}

/** The https server beside the http one: same handler, so the same sessions and registry. */
async function startTls(
  plain: Server,
  onRequest: (req: IncomingMessage, res: ServerResponse) => void,
  onClientError: (err: Error, socket: Duplex) => void,
  tls: NonNullable<ListenerOptions['tls']>,
  opts: ListenerOptions,
): Promise<TlsServer> {
  const server = createTlsServer(
    { keepAliveTimeout: opts.sessionTimeoutMs, headersTimeout: 20_000, requestTimeout: 0, ...tls.context },
    onRequest,
  );
  server.on('clientError', onClientError);
  // A CPE that does not trust the certificate fails the handshake: worth a line, not a crash.
  server.on('tlsClientError', (err) => opts.log.warn('cwmp TLS handshake failed', { error: err.message }));
  try {
    await listen(server, tls.host, tls.port);
  } catch (err) {
    await closeServer(plain);
    throw err;
  }
  return server;
}

function closeServer(server: Server | TlsServer): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function listen(server: Server | TlsServer, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function closeListener(server: Server, registry: SessionRegistry, batcher: CommitBatcher, opts: ListenerOptions): Promise<void> {
  // Let requests already read finish their batch (and its sync) before the sessions are closed.
  await batcher.drain();
  for (const session of [...registry.all()]) abandon(session, registry, opts, 'ACS shutting down');
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
