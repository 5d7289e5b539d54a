// Small SOAP envelopes for codec tests, with prefixes unlike the ACS's own (e:, c:).
import assert from 'node:assert/strict';
import type { CpeRequest, CpeResponse, ParsedEnvelope } from '../../electron/core/cwmp/messages.ts';

export const CWMP_1_0 = 'urn:dslforum-org:cwmp-1-0';
export const CWMP_1_2 = 'urn:dslforum-org:cwmp-1-2';

export function envelope(rpc: string, opts: { ns?: string; id?: string } = {}): string {
  const header = opts.id === undefined ? '' : `<e:Header><c:ID e:mustUnderstand="1">${opts.id}</c:ID></e:Header>`;
  return (
    `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:c="${opts.ns ?? CWMP_1_0}">${header}<e:Body>${rpc}</e:Body></e:Envelope>`
  );
}

export function request(env: ParsedEnvelope): CpeRequest {
  assert.equal(env.body.kind, 'request');
  return env.body.message as CpeRequest;
}

export function response(env: ParsedEnvelope): CpeResponse {
  assert.equal(env.body.kind, 'response');
  return env.body.message as CpeResponse;
}
