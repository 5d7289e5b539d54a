// The CWMP HTTP listener: authenticates CPEs, reads and parses their requests, and hands them
// to the group-commit batcher, which steps the session engine, stores the effects and writes
// the replies after the commit. Everything after the body is read runs synchronously, so the
// requests of one session cannot interleave.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { baseUrlFromHost, FILES_PATH_PREFIX } from '../files/transfer-url.ts';
import type { CpePrincipal } from './auth/index.ts';
import { CommitBatcher, write } from './commit-batcher.ts';
import { BodyError, readBody } from './http-body.ts';
import { textOutgoing, type ListenerOptions } from './listener-types.ts';
import { SessionRegistry, type LiveSession } from './session-registry.ts';
import { abandon, bodyText, busy, processRequest, toInput } from './session-steps.ts';
import { initialState } from './session/engine.ts';

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
  close(): Promise<void>;
}

export async function startCwmpListener(opts: ListenerOptions): Promise<CwmpListener> {
  const registry = new SessionRegistry();
  const hosts = new WeakMap<LiveSession, string>();
  const batcher = new CommitBatcher(registry, opts);
  // A CPE that trickles its headers or body (or an attacker doing so) is cut off instead of
  // holding a connection and a session slot forever.
  const server = createServer({ keepAliveTimeout: opts.sessionTimeoutMs, headersTimeout: 20_000, requestTimeout: 60_000 }, (req, res) => {
    if (opts.files !== undefined && req.url?.startsWith(FILES_PATH_PREFIX) === true) {
      // File fetches carry no CWMP credentials: the URL's token is the credential (files/serve.ts).
      opts.files(req, res);
      return;
    }
    handle(req, res, registry, batcher, opts, hosts).catch((err: unknown) => {
      opts.log.error('cwmp request failed', { error: String(err) });
      write(res, textOutgoing(500, 'Internal error'));
    });
  });
  server.on('clientError', (err, socket) => {
    opts.log.warn('cwmp client error', { error: err.message });
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  await listen(server, opts.host, opts.port);
  const port = (server.address() as AddressInfo).port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    activeSessions: () => registry.size,
    hasSession: (deviceId) => registry.deviceSession(deviceId) !== undefined,
    cpeBaseUrl: (deviceId) => {
      const session = registry.deviceSession(deviceId);
      return session === undefined ? null : baseUrlFromHost(hosts.get(session));
    },
    close: () => closeListener(server, registry, batcher, opts),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  registry: SessionRegistry,
  batcher: CommitBatcher,
  opts: ListenerOptions,
  hosts: WeakMap<LiveSession, string>,
): Promise<void> {
  if (req.method !== 'POST') {
    req.resume();
    write(res, textOutgoing(405, 'CWMP requests must use POST', { Allow: 'POST' }));
    return;
  }
  const existing = registry.find(req.headers.cookie, req.socket);
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
  if (existing === undefined && registry.size >= opts.maxConcurrentSessions) {
    write(res, busy(opts, 'too many concurrent sessions'));
    return;
  }
  const session = existing ?? registry.create(req.socket, initialState);
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

function listen(server: Server, host: string, port: number): Promise<void> {
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
