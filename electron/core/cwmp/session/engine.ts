// The CWMP session as a pure state machine: (state, input) -> (state, effects, reply).
// No I/O here: the HTTP listener looks up the next queued request, performs the effects
// (store writes first, so an Inform is durable before its InformResponse goes out) and sends
// the reply. TR-069 3.7.1: Inform -> InformResponse -> CPE requests -> empty POST ->
// ACS requests -> empty response (204).
import type { AcsFaultCode, AcsRequest, AcsResponse, CpeRequest, CwmpVersion, ParsedEnvelope } from '../messages.ts';
import { deviceIdOf } from '../device-id.ts';
import { answerCpeRequest } from './cpe-requests.ts';
import type {
  QueuedRequest,
  SessionContext,
  SessionEffect,
  SessionEndOutcome,
  SessionInput,
  SessionReply,
  SessionState,
  StepResult,
} from './types.ts';

export const initialState: SessionState = { name: 'awaiting-inform' };

export function step(state: SessionState, input: SessionInput): StepResult {
  switch (input.kind) {
    case 'timeout':
      return end(state, 'timeout', [], { kind: 'no-content' });
    case 'aborted':
      return end(state, 'aborted', [warn(state, input.reason)], { kind: 'no-content' }, input.reason);
    case 'parse-error':
      return onParseError(state, input.failure);
    case 'request-unbuildable':
      return onUnbuildable(state, input.taskId, input.message);
    case 'empty':
      return onEmpty(state);
    case 'envelope':
      return onEnvelope(state, input.envelope);
    case 'dispatch':
      return onDispatch(state, input.next);
  }
}

function onEnvelope(state: SessionState, env: ParsedEnvelope): StepResult {
  const body = env.body;
  if (body.kind === 'request' && body.message.name === 'Inform') return onInform(state, env, body.message);
  const cpeRequest = body.kind === 'request' && body.message.name !== 'Inform' ? body.message : null;
  if (state.name === 'awaiting-inform' || state.name === 'ended') {
    // TR-069 3.7.1.1: every session starts with an Inform.
    return {
      state,
      effects: [{ type: 'warning', deviceId: null, message: `${messageName(env)} received before Inform` }],
      reply: fault(env.version, env.id ?? '', 8003, 'A session must begin with an Inform'),
    };
  }
  const ctx = { ...countMessage(state.ctx, env.warnings), held: env.holdRequests };
  if (cpeRequest !== null) return onCpeRequest(state, ctx, env, cpeRequest);
  if (state.name === 'cpe-requests') {
    // A response before the CPE's empty POST: nothing was asked yet. Note it and move on to
    // the ACS's turn, as if the CPE had said it has no more requests.
    return acsTurn(ctx, [warnCtx(ctx, `${body.message.name} received while no ACS request was pending`)]);
  }
  return onCpeAnswer(state.inFlight, ctx, env);
}

function onInform(state: SessionState, env: ParsedEnvelope, inform: CpeRequest & { name: 'Inform' }): StepResult {
  const effects: SessionEffect[] = [];
  if (state.name === 'cpe-requests' || state.name === 'acs-requests') {
    // A new Inform inside a session: the CPE has given up on the old one and starts afresh.
    effects.push(...end(state, 'aborted', [], { kind: 'no-content' }, 'the CPE started a new session').effects);
  }
  const deviceId = deviceIdOf(inform.deviceId);
  const ctx: SessionContext = {
    deviceId,
    version: env.version,
    messages: 1,
    nextId: 1,
    warnings: [...env.warnings],
    held: env.holdRequests,
  };
  effects.push({ type: 'inform', deviceId, inform, version: env.version, warnings: env.warnings });
  const reply: AcsResponse = { name: 'InformResponse', maxEnvelopes: 1 };
  return { state: { name: 'cpe-requests', ctx }, effects, reply: soap(ctx.version, env.id ?? '', reply) };
}

function onCpeRequest(
  state: SessionState & { name: 'cpe-requests' | 'acs-requests' },
  ctx: SessionContext,
  env: ParsedEnvelope,
  request: Exclude<CpeRequest, { name: 'Inform' }>,
): StepResult {
  const answer = answerCpeRequest(request, ctx.version);
  const effects: SessionEffect[] = [{ type: 'cpe-request', deviceId: ctx.deviceId, request }];
  return { state: { ...state, ctx }, effects, reply: soap(ctx.version, env.id ?? '', answer) };
}

function onCpeAnswer(
  inFlight: { taskId: number; request: AcsRequest; id: string } | null,
  ctx: SessionContext,
  env: ParsedEnvelope,
): StepResult {
  const body = env.body;
  const effects: SessionEffect[] = [];
  if (inFlight === null) {
    effects.push(warnCtx(ctx, `${messageName(env)} received while no ACS request was pending`));
  } else if (body.kind === 'fault') {
    effects.push({ type: 'task-fault', deviceId: ctx.deviceId, taskId: inFlight.taskId, request: inFlight.request, fault: body.message });
  } else if (body.kind === 'response' && body.message.name === `${inFlight.request.name}Response`) {
    if (env.id !== undefined && env.id !== inFlight.id) {
      effects.push(warnCtx(ctx, `cwmp:ID ${env.id} does not match the request's ${inFlight.id}`));
    }
    effects.push({
      type: 'task-response',
      deviceId: ctx.deviceId,
      taskId: inFlight.taskId,
      request: inFlight.request,
      response: body.message,
    });
  } else {
    const got = messageName(env);
    effects.push({
      type: 'task-failed',
      deviceId: ctx.deviceId,
      taskId: inFlight.taskId,
      message: `the CPE answered ${inFlight.request.name} with ${got}`,
    });
  }
  return acsTurn(ctx, effects);
}

function onEmpty(state: SessionState): StepResult {
  if (state.name === 'awaiting-inform' || state.name === 'ended') {
    return {
      state,
      effects: [{ type: 'warning', deviceId: null, message: 'empty POST without a session' }],
      reply: { kind: 'http-error', status: 400, message: 'No CWMP session: a session must begin with an Inform' },
    };
  }
  const ctx = countMessage(state.ctx, []);
  const effects: SessionEffect[] = [];
  if (state.name === 'acs-requests' && state.inFlight !== null) {
    // Some CPEs answer an RPC they do not support with an empty POST (cwmp-notes.md).
    effects.push({
      type: 'task-failed',
      deviceId: ctx.deviceId,
      taskId: state.inFlight.taskId,
      message: `the CPE sent an empty POST instead of answering ${state.inFlight.request.name}`,
    });
  }
  return acsTurn(ctx, effects);
}

function onUnbuildable(state: SessionState, taskId: number, message: string): StepResult {
  if (state.name !== 'acs-requests') return { state, effects: [], reply: { kind: 'no-content' } };
  const effects: SessionEffect[] = [{ type: 'task-failed', deviceId: state.ctx.deviceId, taskId, message }];
  return acsTurn(state.ctx, effects);
}

/**
 * The CPE has nothing more to say (TR-069 3.7.1.3): it is the ACS's turn. Unless the CPE asked
 * to be left alone (HoldRequests), ask the listener for the next queued request.
 */
function acsTurn(ctx: SessionContext, effects: SessionEffect[]): StepResult {
  const waiting: SessionState = { name: 'acs-requests', ctx, inFlight: null };
  if (ctx.held) return end(waiting, 'ok', effects, { kind: 'no-content' });
  return { state: waiting, effects, reply: { kind: 'next-request' } };
}

/** Send the next queued request, or end the session with 204 when the queue is empty. */
function onDispatch(state: SessionState, next: QueuedRequest | undefined): StepResult {
  if (state.name !== 'acs-requests' || state.inFlight !== null) {
    return { state, effects: [warn(state, 'dispatch outside the ACS turn ignored')], reply: { kind: 'no-content' } };
  }
  const { ctx } = state;
  if (next === undefined) return end(state, 'ok', [], { kind: 'no-content' });
  const effects: SessionEffect[] = [];
  const id = `deskacs-${ctx.nextId}`;
  const inFlight = { taskId: next.taskId, request: next.request, id };
  effects.push({ type: 'task-started', deviceId: ctx.deviceId, taskId: next.taskId, request: next.request });
  return {
    state: { name: 'acs-requests', ctx: { ...ctx, nextId: ctx.nextId + 1 }, inFlight },
    effects,
    reply: soap(ctx.version, id, next.request),
  };
}

function onParseError(
  state: SessionState,
  failure: { kind: string; message: string; method?: string; id?: string; version?: CwmpVersion },
): StepResult {
  if (failure.kind === 'unknown-method') {
    // TR-069 A.5: a request for a method the ACS does not implement gets Fault 8000.
    const version = failure.version ?? (state.name === 'cpe-requests' || state.name === 'acs-requests' ? state.ctx.version : '1.0');
    const effects = [warn(state, `unsupported method ${failure.method ?? '(unknown)'}`)];
    return { state, effects, reply: fault(version, failure.id ?? '', 8000, `Method not supported: ${failure.method ?? ''}`) };
  }
  const status = failure.kind === 'too-large' ? 413 : 400;
  return end(state, 'error', [warn(state, `rejected body: ${failure.message}`)], { kind: 'http-error', status, message: failure.message });
}

function end(state: SessionState, outcome: SessionEndOutcome, effects: SessionEffect[], reply: SessionReply, why?: string): StepResult {
  if (state.name === 'awaiting-inform' || state.name === 'ended') {
    return { state: { name: 'ended', outcome }, effects, reply };
  }
  const { ctx } = state;
  if (state.name === 'acs-requests' && state.inFlight !== null) {
    effects.push({
      type: 'task-interrupted',
      deviceId: ctx.deviceId,
      taskId: state.inFlight.taskId,
      reason: `session ended: ${why ?? outcome}`,
    });
  }
  const warnings = [...ctx.warnings, ...effects.flatMap((e) => (e.type === 'warning' ? [e.message] : []))];
  effects.push({ type: 'session-ended', deviceId: ctx.deviceId, outcome, messages: ctx.messages, warnings });
  return { state: { name: 'ended', outcome }, effects, reply };
}

function countMessage(ctx: SessionContext, warnings: string[]): SessionContext {
  return { ...ctx, messages: ctx.messages + 1, warnings: warnings.length > 0 ? [...ctx.warnings, ...warnings] : ctx.warnings };
}

function soap(version: CwmpVersion, id: string, body: AcsRequest | AcsResponse): SessionReply {
  return { kind: 'soap', envelope: { version, id, body } };
}

function fault(version: CwmpVersion, id: string, code: AcsFaultCode, string: string): SessionReply {
  return soap(version, id, { name: 'Fault', code, string });
}

function warn(state: SessionState, message: string): SessionEffect {
  const deviceId = state.name === 'cpe-requests' || state.name === 'acs-requests' ? state.ctx.deviceId : null;
  return { type: 'warning', deviceId, message };
}

function warnCtx(ctx: SessionContext, message: string): SessionEffect {
  return { type: 'warning', deviceId: ctx.deviceId, message };
}

function messageName(env: ParsedEnvelope): string {
  return env.body.message.name;
}
