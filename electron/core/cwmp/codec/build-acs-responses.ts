// One small builder per ACS response to a CPE request, plus the ACS SOAP Fault (TR-069 A.5).
import type { AcsFault, AcsFaultCode, AcsResponse } from '../messages.ts';
import type { BuildContext } from './build-util.ts';
import { stringArray, str, uint } from './build-util.ts';
import { escapeText } from './xml-escape.ts';

type ResponseBuilders = { [M in AcsResponse as M['name']]: (m: M, ctx: BuildContext) => string };

/**
 * SOAP faultcode per ACS fault code (TR-069 fault code table): only "Invalid arguments" blames
 * the sender ("Client"); the others are "Server" faults.
 */
const FAULT_CODE_TYPE: Readonly<Record<AcsFaultCode, 'Client' | 'Server'>> = {
  8000: 'Server', // Method not supported
  8001: 'Server', // Request denied (no reason specified)
  8002: 'Server', // Internal error
  8003: 'Client', // Invalid arguments
  8004: 'Server', // Resources exceeded
  8005: 'Server', // Retry request
};

/** faultstring is "CWMP fault" as in the TR-069 examples; the description goes in FaultString. */
function fault(m: AcsFault): string {
  return (
    `<soap-env:Fault><faultcode>${FAULT_CODE_TYPE[m.code] ?? 'Server'}</faultcode><faultstring>CWMP fault</faultstring>` +
    `<detail><cwmp:Fault><FaultCode>${m.code}</FaultCode><FaultString>${escapeText(m.string)}</FaultString>` +
    `</cwmp:Fault></detail></soap-env:Fault>`
  );
}

export const acsResponseBuilders: ResponseBuilders = {
  InformResponse: (m, ctx) => `<cwmp:InformResponse>${uint(ctx, 'MaxEnvelopes', m.maxEnvelopes)}</cwmp:InformResponse>`,
  TransferCompleteResponse: () => '<cwmp:TransferCompleteResponse></cwmp:TransferCompleteResponse>',
  AutonomousTransferCompleteResponse: () => '<cwmp:AutonomousTransferCompleteResponse></cwmp:AutonomousTransferCompleteResponse>',
  GetRPCMethodsResponse: (m) => `<cwmp:GetRPCMethodsResponse>${stringArray('MethodList', m.methods)}</cwmp:GetRPCMethodsResponse>`,
  RequestDownloadResponse: () => '<cwmp:RequestDownloadResponse></cwmp:RequestDownloadResponse>',
  KickedResponse: (m) => `<cwmp:KickedResponse>${str('NextURL', m.nextUrl)}</cwmp:KickedResponse>`,
  DUStateChangeCompleteResponse: () => '<cwmp:DUStateChangeCompleteResponse></cwmp:DUStateChangeCompleteResponse>',
  AutonomousDUStateChangeCompleteResponse: () =>
    '<cwmp:AutonomousDUStateChangeCompleteResponse></cwmp:AutonomousDUStateChangeCompleteResponse>',
  Fault: fault,
};
