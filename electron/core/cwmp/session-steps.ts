// One CWMP request, from its parsed body to the reply: steps the engine (twice on the ACS's
// turn), performs the effects through the backend, and decides the HTTP response. Synchronous,
// so it runs inside the listener's group-commit batch.
import { buildEnvelope, CwmpParseError, decodeBody, parseEnvelope } from './codec/index.ts';
import { deviceIdProblem } from './device-id.ts';
import { textOutgoing, type ListenerOptions, type Outgoing } from './listener-types.ts';
import type { InformRequest } from './messages.ts';
import type { MessageLog } from './message-log.ts';
import { SESSION_COOKIE, type LiveSession, type SessionRegistry } from './session-registry.ts';
import { step } from './session/engine.ts';
import type { ParseFailure, SessionInput, StepResult } from './session/types.ts';

/** A request body as text ('' for an empty POST); the session inspector keeps it as received. */
export function bodyText(bytes: Buffer, contentType: string | undefined): string {
  return bytes.length === 0 || isBlank(bytes) ? '' : decodeBody(bytes, contentType);
}

export function toInput(text: string, session: LiveSession, opts: ListenerOptions): SessionInput {
  if (text === '') return { kind: 'empty' };
  try {
    return { kind: 'envelope', envelope: parseEnvelope(text, { maxBytes: opts.maxBodyBytes }) };
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

/** Steps until there is something to send, and says what to send. `text`: the body as received. */
export function processRequest(
  session: LiveSession,
  first: SessionInput,
  registry: SessionRegistry,
  opts: ListenerOptions,
  text = '',
): Outgoing {
  // An Inform on a live session starts a new one: the old session's messages are its own.
  const restart = isInform(first) && (session.state.name === 'cpe-requests' || session.state.name === 'acs-requests');
  capture(session.log, first, text);
  let input = first;
  for (;;) {
    const result = runStep(session, input, registry, opts);
    if (input === first && restart) opts.backend.sessionLog(session.token, session.log.takeAllButLast());
    if (result === 'busy') return busy(opts, 'another session of this device is in progress');
    if ('refused' in result) return textOutgoing(result.refused.status, result.refused.message);
    const next = nextInput(session, result, opts);
    if (next === null) return replyOf(session, result, registry, opts);
    input = next;
  }
}

function isInform(input: SessionInput): boolean {
  return input.kind === 'envelope' && input.envelope.body.kind === 'request' && input.envelope.body.message.name === 'Inform';
}

/** The CPE's message for the session inspector, named by its RPC. */
function capture(log: MessageLog, input: SessionInput, text: string): void {
  if (input.kind === 'empty') {
    log.add('cpe', 'empty', '');
    return;
  }
  if (input.kind === 'parse-error') {
    log.add('cpe', input.failure.method ?? 'unreadable', text);
    return;
  }
  if (input.kind !== 'envelope') return;
  const message = input.envelope.body.message;
  const periodic = message.name === 'Inform' && message.events.length > 0 && message.events.every((e) => e.code === '2 PERIODIC');
  log.add('cpe', message.name, text, periodic);
}

/**
 * Steps the engine and performs its effects. 'busy' when the Inform is refused because the
 * same device already holds a live session (one session per device, TR-069 3.7.1).
 */
function runStep(
  session: LiveSession,
  input: SessionInput,
  registry: SessionRegistry,
  opts: ListenerOptions,
): StepResult | { refused: { status: number; message: string } } | 'busy' {
  const result = step(session.state, input);
  const inform = result.effects.find((e) => e.type === 'inform');
  if (inform !== undefined) {
    const admission = admitInform(session, inform.inform, inform.deviceId, opts);
    if (!admission.ok) {
      // A refused Inform on a live session still ends that session (recorded, not left open).
      if (session.state.name === 'cpe-requests' || session.state.name === 'acs-requests')
        abandon(session, registry, opts, 'refused Inform');
      else registry.remove(session);
      return { refused: admission };
    }
    const other = registry.deviceSession(inform.deviceId);
    if (other !== undefined && other !== session) {
      if (!other.socket.destroyed) {
        if (session.state.name === 'awaiting-inform') registry.remove(session);
        return 'busy';
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

/**
 * Checked at the door, before anything is stored: a DeviceId that cannot identify a device
 * (blank serial, no DeviceId, fields far over the data model's lengths) is refused with 400 and
 * logged; then the gate's admission (authentication, unknown-device policy).
 */
function admitInform(
  session: LiveSession,
  inform: InformRequest,
  deviceId: string,
  opts: ListenerOptions,
): { ok: true } | { ok: false; status: number; message: string } {
  const problem = deviceIdProblem(inform.deviceId);
  if (problem !== null) {
    const id = inform.deviceId;
    opts.log.warn('cwmp Inform refused', {
      remote: session.remoteAddress,
      reason: problem,
      // Cut: a hostile field may be megabytes long.
      oui: id.oui.slice(0, 32),
      productClass: id.productClass.slice(0, 80),
      serialNumber: id.serialNumber.slice(0, 80),
    });
    return { ok: false, status: 400, message: `Bad Request: Inform refused: ${problem}` };
  }
  return opts.gate?.admit(deviceId, session.principal) ?? { ok: true };
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

function replyOf(session: LiveSession, result: StepResult, registry: SessionRegistry, opts: ListenerOptions): Outgoing {
  const r = result.reply;
  const over = result.state.name === 'ended' || result.state.name === 'awaiting-inform';
  if (r.kind === 'no-content' || r.kind === 'next-request') {
    session.log.add('acs', 'empty', '');
    end(session, registry, opts);
    // TR-069 3.7.1.4: the ACS ends the session with an empty HTTP response.
    return { status: 204, headers: {}, body: '' };
  }
  if (r.kind === 'http-error') {
    session.log.add('acs', `HTTP ${r.status}`, r.message);
    if (over) end(session, registry, opts);
    return textOutgoing(r.status, r.message);
  }
  const xml = session.outgoing ?? buildEnvelope(r.envelope);
  session.outgoing = null;
  session.log.add('acs', r.envelope.body.name, xml);
  // No session exists before an accepted Inform: a refused first message leaves nothing behind.
  const informed = r.envelope.body.name === 'InformResponse';
  if (over) end(session, registry, opts);
  else
    armTimeout(
      session,
      registry,
      opts,
      informed ? (opts.informIdleTimeoutMs ?? Math.min(10_000, opts.sessionTimeoutMs)) : opts.sessionTimeoutMs,
    );
  const headers: Record<string, string | number> = { 'Content-Type': 'text/xml; charset="utf-8"', SOAPServer: 'DeskACS' };
  if (informed) headers['Set-Cookie'] = `${SESSION_COOKIE}=${session.token}; Path=/; HttpOnly`;
  return { status: 200, headers, body: xml };
}

function armTimeout(session: LiveSession, registry: SessionRegistry, opts: ListenerOptions, ms: number): void {
  if (session.timer !== null) clearTimeout(session.timer);
  session.timer = setTimeout(() => {
    session.timer = null;
    abandon(session, registry, opts, 'timeout');
  }, ms);
  session.timer.unref();
}

/** The session is over: it leaves the registry, and its messages go to the inspector. */
function end(session: LiveSession, registry: SessionRegistry, opts: ListenerOptions): void {
  registry.remove(session);
  if (session.log.length > 0) opts.backend.sessionLog(session.token, session.log.take());
}

/** Ends a session that will get no more requests (timeout, shutdown, replaced). */
export function abandon(session: LiveSession, registry: SessionRegistry, opts: ListenerOptions, reason: string): void {
  registry.remove(session);
  const input: SessionInput = reason === 'timeout' ? { kind: 'timeout' } : { kind: 'aborted', reason };
  const result = step(session.state, input);
  session.state = result.state;
  try {
    opts.backend.apply(result.effects, { key: session.token, remoteAddress: session.remoteAddress });
    if (session.log.length > 0) opts.backend.sessionLog(session.token, session.log.take());
  } catch (err) {
    opts.log.error('could not record the end of a session', { error: String(err), device: session.deviceId });
    // Its stored row is closed by the sweep once the storage is back; its task goes back.
    if (session.deviceId !== null) opts.backend.forget(session.deviceId);
    registry.sweepLater();
  }
  opts.log.info('cwmp session abandoned', { device: session.deviceId, reason });
}

export function busy(opts: ListenerOptions, why: string): Outgoing {
  opts.log.warn('cwmp session refused', { reason: why });
  return textOutgoing(503, `Busy: ${why}; retry later`, { 'Retry-After': String(opts.retryAfterSeconds) });
}

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}
