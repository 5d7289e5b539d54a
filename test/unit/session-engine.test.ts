import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CpeBody, InformRequest, ParsedEnvelope } from '../../electron/core/cwmp/messages.ts';
import { initialState, step } from '../../electron/core/cwmp/session/engine.ts';
import type { QueuedRequest, SessionInput, SessionState, StepResult } from '../../electron/core/cwmp/session/types.ts';

const inform: InformRequest = {
  name: 'Inform',
  deviceId: { manufacturer: 'Acme', oui: 'a1b2c3', productClass: 'Router-X', serialNumber: 'SN 1' },
  events: [{ code: '2 PERIODIC', commandKey: '' }],
  maxEnvelopes: 1,
  currentTime: '2026-01-01T00:00:00Z',
  retryCount: 0,
  parameterList: [{ name: 'Device.DeviceInfo.SoftwareVersion', value: '1.0', type: 'xsd:string' }],
};

function env(body: CpeBody, id = 'cpe-1', version: ParsedEnvelope['version'] = '1.0'): ParsedEnvelope {
  return { version, id, holdRequests: false, noMoreRequests: false, body, warnings: [] };
}

const gpv: QueuedRequest = { taskId: 7, request: { name: 'GetParameterValues', parameterNames: ['Device.'] } };

/** One HTTP exchange: step, and if it is the ACS's turn, dispatch the given queued request. */
function turn(state: SessionState, input: SessionInput, next: QueuedRequest | undefined): StepResult {
  const r = step(state, input);
  if (r.reply.kind !== 'next-request') return r;
  const d = step(r.state, { kind: 'dispatch', next });
  return { state: d.state, effects: [...r.effects, ...d.effects], reply: d.reply };
}

function informed(version: ParsedEnvelope['version'] = '1.0'): StepResult {
  return turn(initialState, { kind: 'envelope', envelope: env({ kind: 'request', message: inform }, 'i1', version) }, undefined);
}

describe('session engine', () => {
  test('answers an Inform with InformResponse in the CPE version, echoing its cwmp:ID, and records it', () => {
    const r = informed('1.2');
    assert.equal(r.state.name, 'cpe-requests');
    assert.deepEqual(r.reply, { kind: 'soap', envelope: { version: '1.2', id: 'i1', body: { name: 'InformResponse', maxEnvelopes: 1 } } });
    const eff = r.effects.find((e) => e.type === 'inform');
    assert.ok(eff && eff.type === 'inform');
    assert.equal(eff.deviceId, 'A1B2C3-Router%2DX-SN%201');
  });

  test('a periodic session with an empty queue ends with 204 and outcome ok', () => {
    const r = turn(informed().state, { kind: 'empty' }, undefined);
    assert.deepEqual(r.reply, { kind: 'no-content' });
    assert.equal(r.state.name, 'ended');
    const end = r.effects.find((e) => e.type === 'session-ended');
    assert.ok(end && end.type === 'session-ended');
    assert.equal(end.outcome, 'ok');
    assert.equal(end.messages, 2);
  });

  test('sends a queued request after the empty POST and records its response against the task', () => {
    const sent = turn(informed().state, { kind: 'empty' }, gpv);
    assert.equal(sent.reply.kind, 'soap');
    assert.ok(sent.reply.kind === 'soap');
    assert.equal(sent.reply.envelope.body.name, 'GetParameterValues');
    const id = sent.reply.envelope.id;
    assert.ok(sent.effects.some((e) => e.type === 'task-started' && e.taskId === 7));
    const response = { name: 'GetParameterValuesResponse' as const, parameterList: [{ name: 'Device.X', value: '1', type: 'xsd:int' }] };
    const done = turn(sent.state, { kind: 'envelope', envelope: env({ kind: 'response', message: response }, id) }, undefined);
    const rec = done.effects.find((e) => e.type === 'task-response');
    assert.ok(rec && rec.type === 'task-response');
    assert.equal(rec.taskId, 7);
    assert.deepEqual(rec.response, response);
    assert.deepEqual(done.reply, { kind: 'no-content' });
  });

  test('a CPE fault is recorded against the in-flight task and the session goes on', () => {
    const sent = turn(informed().state, { kind: 'empty' }, gpv);
    const fault = {
      name: 'Fault' as const,
      faultCode: 'Client',
      faultString: 'CWMP fault',
      code: 9005,
      string: 'Invalid parameter name',
      setParameterValuesFaults: [],
    };
    const next: QueuedRequest = { taskId: 8, request: { name: 'Reboot', commandKey: 'r' } };
    const r = turn(sent.state, { kind: 'envelope', envelope: env({ kind: 'fault', message: fault }) }, next);
    assert.ok(r.effects.some((e) => e.type === 'task-fault' && e.taskId === 7 && e.fault.code === 9005));
    assert.ok(r.reply.kind === 'soap' && r.reply.envelope.body.name === 'Reboot');
  });

  test('the wrong response to a request fails that task', () => {
    const sent = turn(informed().state, { kind: 'empty' }, gpv);
    const r = turn(sent.state, { kind: 'envelope', envelope: env({ kind: 'response', message: { name: 'RebootResponse' } }) }, undefined);
    const failed = r.effects.find((e) => e.type === 'task-failed');
    assert.ok(failed && failed.type === 'task-failed');
    assert.match(failed.message, /answered GetParameterValues with RebootResponse/);
  });

  test('TransferComplete inside the session is acknowledged and passed on as an effect', () => {
    const tc = { name: 'TransferComplete' as const, commandKey: 'fw-1', fault: { code: 0, string: '' }, startTime: '', completeTime: '' };
    const r = turn(informed().state, { kind: 'envelope', envelope: env({ kind: 'request', message: tc }, 'tc1') }, undefined);
    assert.ok(r.reply.kind === 'soap');
    assert.equal(r.reply.envelope.body.name, 'TransferCompleteResponse');
    assert.equal(r.reply.envelope.id, 'tc1');
    assert.ok(r.effects.some((e) => e.type === 'cpe-request' && e.request.name === 'TransferComplete'));
    assert.equal(r.state.name, 'cpe-requests');
  });

  test('GetRPCMethods from the CPE lists the ACS methods of its CWMP version', () => {
    const r10 = turn(
      informed('1.0').state,
      { kind: 'envelope', envelope: env({ kind: 'request', message: { name: 'GetRPCMethods' } }) },
      undefined,
    );
    const r12 = turn(
      informed('1.2').state,
      { kind: 'envelope', envelope: env({ kind: 'request', message: { name: 'GetRPCMethods' } }, 'x', '1.2') },
      undefined,
    );
    assert.ok(r10.reply.kind === 'soap' && r10.reply.envelope.body.name === 'GetRPCMethodsResponse');
    assert.ok(r12.reply.kind === 'soap' && r12.reply.envelope.body.name === 'GetRPCMethodsResponse');
    assert.ok(!r10.reply.envelope.body.methods.includes('DUStateChangeComplete'));
    assert.ok(r12.reply.envelope.body.methods.includes('DUStateChangeComplete'));
    assert.ok(r10.reply.envelope.body.methods.includes('TransferComplete'));
  });

  test('a request before Inform gets Fault 8003 and opens no session', () => {
    const r = turn(initialState, { kind: 'envelope', envelope: env({ kind: 'request', message: { name: 'GetRPCMethods' } }) }, undefined);
    assert.equal(r.state.name, 'awaiting-inform');
    assert.ok(r.reply.kind === 'soap' && r.reply.envelope.body.name === 'Fault');
    assert.ok(r.reply.envelope.body.name === 'Fault' && r.reply.envelope.body.code === 8003);
  });

  test('an unknown method gets Fault 8000 carrying the request ID', () => {
    const r = step(informed().state, {
      kind: 'parse-error',
      failure: { kind: 'unknown-method', message: 'x', method: 'Frobnicate', id: 'z9', version: '1.1' },
    });
    assert.ok(r.reply.kind === 'soap');
    assert.equal(r.reply.envelope.id, 'z9');
    assert.equal(r.reply.envelope.version, '1.1');
    assert.ok(r.reply.envelope.body.name === 'Fault' && r.reply.envelope.body.code === 8000);
    assert.equal(r.state.name, 'cpe-requests');
  });

  test('malformed XML ends the session with 400; an oversized body with 413', () => {
    const bad = step(informed().state, { kind: 'parse-error', failure: { kind: 'malformed', message: 'not well-formed' } });
    assert.deepEqual(bad.reply, { kind: 'http-error', status: 400, message: 'not well-formed' });
    assert.ok(bad.effects.some((e) => e.type === 'session-ended' && e.outcome === 'error'));
    const big = step(initialState, { kind: 'parse-error', failure: { kind: 'too-large', message: 'too big' } });
    assert.ok(big.reply.kind === 'http-error' && big.reply.status === 413);
  });

  test('an empty POST with no session is refused with 400', () => {
    const r = turn(initialState, { kind: 'empty' }, undefined);
    assert.ok(r.reply.kind === 'http-error' && r.reply.status === 400);
  });

  test('a timeout with a request in flight returns the task to the queue', () => {
    const sent = turn(informed().state, { kind: 'empty' }, gpv);
    const r = step(sent.state, { kind: 'timeout' });
    assert.ok(r.effects.some((e) => e.type === 'task-interrupted' && e.taskId === 7));
    assert.ok(r.effects.some((e) => e.type === 'session-ended' && e.outcome === 'timeout'));
    assert.equal((r.state as SessionState & { name: 'ended' }).outcome, 'timeout');
  });

  test('an empty POST instead of an answer fails the in-flight task (some CPEs do this for unsupported RPCs)', () => {
    const sent = turn(informed().state, { kind: 'empty' }, gpv);
    const r = turn(sent.state, { kind: 'empty' }, undefined);
    assert.ok(r.effects.some((e) => e.type === 'task-failed' && e.taskId === 7));
    assert.deepEqual(r.reply, { kind: 'no-content' });
  });

  test('a new Inform inside a session aborts the old one and starts afresh', () => {
    const sent = turn(informed().state, { kind: 'empty' }, gpv);
    const r = turn(sent.state, { kind: 'envelope', envelope: env({ kind: 'request', message: inform }) }, undefined);
    assert.ok(r.effects.some((e) => e.type === 'session-ended' && e.outcome === 'aborted'));
    assert.ok(r.effects.some((e) => e.type === 'task-interrupted' && e.taskId === 7));
    assert.equal(r.state.name, 'cpe-requests');
  });
});

describe('session engine: the ACS turn', () => {
  test('after the CPE is done, the engine asks for the next request instead of guessing it', () => {
    const r = step(informed().state, { kind: 'empty' });
    assert.deepEqual(r.reply, { kind: 'next-request' });
    assert.equal(r.state.name, 'acs-requests');
    assert.ok(!r.effects.some((e) => e.type === 'session-ended'));
  });

  test('a request the codec cannot build fails its task and the turn moves on', () => {
    const sent = turn(informed().state, { kind: 'empty' }, gpv);
    const r = step(sent.state, { kind: 'request-unbuildable', taskId: 7, message: 'ScheduleDownload needs CWMP 1.2' });
    assert.ok(r.effects.some((e) => e.type === 'task-failed' && e.taskId === 7 && /CWMP 1.2/.test(e.message)));
    assert.deepEqual(r.reply, { kind: 'next-request' });
  });
});

describe('session engine: HoldRequests', () => {
  test('a CPE that says HoldRequests=true is sent no queued request; the queue is kept for later', () => {
    const held = step(initialState, {
      kind: 'envelope',
      envelope: { ...env({ kind: 'request', message: inform }, 'h1'), holdRequests: true },
    });
    const r = turn(held.state, { kind: 'empty' }, gpv);
    assert.deepEqual(r.reply, { kind: 'no-content' });
    assert.ok(!r.effects.some((e) => e.type === 'task-started'));
  });
});
