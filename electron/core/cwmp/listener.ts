// The CWMP HTTP listener: turns HTTP requests from CPEs into session-engine inputs, performs
// the engine's effects through the backend (the store), and writes the engine's replies.
// Everything after the body is read runs synchronously, so the requests of one session
// cannot interleave.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../acs-types.ts';
import type { CpePrincipal } from './auth/index.ts';
import { buildEnvelope, CwmpParseError, decodeBody, parseEnvelope } from './codec/index.ts';
import { BodyError, readBody } from './http-body.ts';
import { SESSION_COOKIE, SessionRegistry, type LiveSession } from './session-registry.ts';
import { initialState, step } from './session/engine.ts';
import type { ParseFailure, QueuedRequest, SessionEffect, SessionInput, StepResult } from './session/types.ts';

/** What the listener needs from the rest of the ACS: durable effects and the task queue. */
export interface SessionBackend {
  /** Performs one step's effects atomically; throws when they could not be stored. */
  apply(effects: SessionEffect[], session: { key: string; remoteAddress: string }): void;
  nextRequest(deviceId: string): QueuedRequest | undefined;
}

/** Authentication and admission of CPEs (see services/cpe-gate.ts). */
export interface CpeGate {
  /** Checks a request that belongs to no session yet, before its body is read. */
  authenticate(req: IncomingMessage):
    | { kind: 'ok'; principal: CpePrincipal | null }
    | { kind: 'reply'; status: number; headers: Record<string, string>; message: string };
  /** Once the Inform names the device: may it hold a session? */
  admit(deviceId: string, principal: CpePrincipal | null): { ok: true } | { ok: false; status: number; message: string };
}

export interface ListenerOptions {
  host: string;
  port: number;
  sessionTimeoutMs: number;
  maxConcurrentSessions: number;
  maxBodyBytes: number;
  /** Seconds a refused CPE is asked to wait (Retry-After). */
  retryAfterSeconds: number;
  backend: SessionBackend;
  /** null: every CPE is accepted (tests of the protocol alone). */
  gate: CpeGate | null;
  log: Logger;
}

export interface CwmpListener {
  url: string;
  port: number;
  activeSessions(): number;
  close(): Promise<void>;
}

export async function startCwmpListener(opts: ListenerOptions): Promise<CwmpListener> {
  const registry = new SessionRegistry();
  const server = createServer({ keepAliveTimeout: opts.sessionTimeoutMs }, (req, res) => {
    handle(req, res, registry, opts).catch((err: unknown) => {
      opts.log.error('cwmp request failed', { error: String(err) });
      if (!res.headersSent) sendText(res, 500, 'Internal error');
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
    close: () => closeListener(server, registry, opts),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, registry: SessionRegistry, opts: ListenerOptions): Promise<void> {
  if (req.method !== 'POST') {
    req.resume();
    res.setHeader('Allow', 'POST');
    sendText(res, 405, 'CWMP requests must use POST');
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
      for (const [k, v] of Object.entries(verdict.headers)) res.setHeader(k, v);
      sendText(res, verdict.status, verdict.message);
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
    sendText(res, status, err instanceof Error ? err.message : 'Bad request');
    return;
  }
  if (existing === undefined && registry.size >= opts.maxConcurrentSessions) {
    refuseBusy(res, opts, 'too many concurrent sessions');
    return;
  }
  const session = existing ?? registry.create(req.socket, initialState);
  session.principal = principal;
  let input = toInput(bytes, req.headers['content-type'], session, opts);
  // Step until there is something to send: an ACS turn takes a second step to fetch the next
  // queued request after the answer just received is stored.
  for (;;) {
    const result = runStep(session, input, registry, opts);
    if (result === null) {
      refuseBusy(res, opts, 'another session of this device is in progress');
      return;
    }
    if ('refused' in result) {
      sendText(res, result.refused.status, result.refused.message);
      return;
    }
    const next = nextInput(session, result, opts);
    if (next === null) {
      reply(session, result, res, registry, opts);
      return;
    }
    input = next;
  }
}

/** The input of the step that must follow this one before anything is sent, if any. */
function nextInput(session: LiveSession, result: StepResult, opts: ListenerOptions): SessionInput | null {
  const reply = result.reply;
  const s = result.state;
  if (reply.kind === 'next-request') {
    return { kind: 'dispatch', next: s.name === 'acs-requests' ? opts.backend.nextRequest(s.ctx.deviceId) : undefined };
  }
  if (reply.kind === 'soap' && s.name === 'acs-requests' && s.inFlight !== null) {
    try {
      session.outgoing = buildEnvelope(reply.envelope);
    } catch (err) {
      // A queued request this CPE's CWMP version cannot carry: fail that task, try the next.
      return { kind: 'request-unbuildable', taskId: s.inFlight.taskId, message: err instanceof Error ? err.message : String(err) };
    }
  }
  return null;
}

function toInput(bytes: Buffer, contentType: string | undefined, session: LiveSession, opts: ListenerOptions): SessionInput {
  if (bytes.length === 0 || isBlank(bytes)) return { kind: 'empty' };
  try {
    return { kind: 'envelope', envelope: parseEnvelope(decodeBody(bytes, contentType), { maxBytes: opts.maxBodyBytes }) };
  } catch (err) {
    if (!(err instanceof CwmpParseError)) throw err;
    const failure: ParseFailure = { kind: err.kind, message: err.message };
    if (err.method !== undefined) failure.method = err.method;
    if (err.id !== undefined) failure.id = err.id;
    if (err.version !== undefined) failure.version = err.version;
    opts.log.warn('cwmp parse error', { remote: session.remoteAddress, error: err.message });
    return { kind: 'parse-error', failure };
  }
}

/**
 * Steps the engine and performs its effects. Returns null when the Inform is refused because
 * the same device already holds a live session (one session per device, TR-069 3.7.1).
 */
function runStep(
  session: LiveSession,
  input: SessionInput,
  registry: SessionRegistry,
  opts: ListenerOptions,
): StepResult | { refused: { status: number; message: string } } | null {
  const result = step(session.state, input);
  const inform = result.effects.find((e) => e.type === 'inform');
  if (inform !== undefined) {
    const admission = opts.gate?.admit(inform.deviceId, session.principal) ?? { ok: true };
    if (!admission.ok) {
      registry.remove(session);
      return { refused: admission };
    }
    const other = registry.deviceSession(inform.deviceId);
    if (other !== undefined && other !== session) {
      if (!other.socket.destroyed) {
        if (session.state.name === 'awaiting-inform') registry.remove(session);
        return null;
      }
      // The other session's connection is gone: the CPE gave up on it. End it first.
      abandon(other, registry, opts, 'the CPE started a new session');
    }
    registry.bindDevice(session, inform.deviceId);
  }
  opts.backend.apply(result.effects, { key: session.token, remoteAddress: session.remoteAddress });
  session.state = result.state;
  return result;
}

function reply(session: LiveSession, result: StepResult, res: ServerResponse, registry: SessionRegistry, opts: ListenerOptions): void {
  const r = result.reply;
  const over = result.state.name === 'ended' || result.state.name === 'awaiting-inform';
  if (r.kind === 'no-content' || r.kind === 'next-request') {
    registry.remove(session);
    res.writeHead(204).end();
    return;
  }
  if (r.kind === 'http-error') {
    if (over) registry.remove(session);
    sendText(res, r.status, r.message);
    return;
  }
  const xml = session.outgoing ?? buildEnvelope(r.envelope);
  session.outgoing = null;
  // No session exists before an accepted Inform: a refused first message leaves nothing behind.
  if (over) registry.remove(session);
  else armTimeout(session, registry, opts);
  const headers: Record<string, string | number> = {
    'Content-Type': 'text/xml; charset="utf-8"',
    'Content-Length': Buffer.byteLength(xml),
    SOAPServer: 'DeskACS',
  };
  if (r.envelope.body.name === 'InformResponse') headers['Set-Cookie'] = `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly`;
  res.writeHead(200, headers).end(xml);
}

function armTimeout(session: LiveSession, registry: SessionRegistry, opts: ListenerOptions): void {
  if (session.timer !== null) clearTimeout(session.timer);
  session.timer = setTimeout(() => {
    session.timer = null;
    abandon(session, registry, opts, 'timeout');
  }, opts.sessionTimeoutMs);
  session.timer.unref();
}

/** Ends a session that will get no more requests (timeout, shutdown, replaced). */
function abandon(session: LiveSession, registry: SessionRegistry, opts: ListenerOptions, reason: string): void {
  registry.remove(session);
  const input: SessionInput = reason === 'timeout' ? { kind: 'timeout' } : { kind: 'aborted', reason };
  const result = step(session.state, input);
  session.state = result.state;
  try {
    opts.backend.apply(result.effects, { key: session.token, remoteAddress: session.remoteAddress });
  } catch (err) {
    opts.log.error('could not record the end of a session', { error: String(err), device: session.deviceId });
  }
  opts.log.info('cwmp session abandoned', { device: session.deviceId, reason });
}

function refuseBusy(res: ServerResponse, opts: ListenerOptions, why: string): void {
  opts.log.warn('cwmp session refused', { reason: why });
  res.setHeader('Retry-After', String(opts.retryAfterSeconds));
  sendText(res, 503, `Busy: ${why}; retry later`);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  const body = Buffer.from(`${text}\n`);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length }).end(body);
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
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

async function closeListener(server: Server, registry: SessionRegistry, opts: ListenerOptions): Promise<void> {
  for (const session of [...registry.all()]) abandon(session, registry, opts, 'ACS shutting down');
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
