// One small parser per CPE -> ACS request (TR-069 Annex A.3.3). The Record type makes the
// compiler check that every CpeRequest member has a parser.
import type {
  ArgStruct,
  AutonomousDUStateChangeCompleteRequest,
  AutonomousTransferCompleteRequest,
  CpeRequest,
  DeviceId,
  DUStateChangeCompleteRequest,
  EventStruct,
  InformRequest,
  KickedRequest,
  OpResult,
  RequestDownloadRequest,
  TransferCompleteRequest,
} from '../messages.ts';
import type { ParseContext } from './values.ts';
import { arrayItems, readBool, readDateTime, readFaultStruct, readInt, readParameterValues, readString } from './values.ts';
import type { XmlElement } from './xml.ts';
import { childElements, fieldsOf, text } from './xml.ts';

type RequestParsers = { [M in CpeRequest as M['name']]: (el: XmlElement, ctx: ParseContext) => M };

const OUI = /^[0-9A-F]{6}$/;

function parseDeviceId(ctx: ParseContext, el: XmlElement | undefined): DeviceId {
  if (el === undefined) ctx.warnings.push('Inform has no DeviceId');
  const f: Record<string, XmlElement> = el === undefined ? {} : fieldsOf(el);
  const oui = readString(ctx, f['OUI'], 'DeviceId/OUI', el !== undefined);
  if (oui !== '' && !OUI.test(oui)) ctx.warnings.push(`OUI '${oui}' is not six upper-case hex digits`);
  return {
    manufacturer: readString(ctx, f['Manufacturer'], 'DeviceId/Manufacturer', el !== undefined),
    oui,
    productClass: text(f['ProductClass']),
    serialNumber: readString(ctx, f['SerialNumber'], 'DeviceId/SerialNumber', el !== undefined),
  };
}

function parseEvents(ctx: ParseContext, el: XmlElement | undefined): EventStruct[] {
  return arrayItems(ctx, el, 'Event').map((item) => {
    const f = fieldsOf(item);
    const code = text(f['EventCode']);
    if (code === '') ctx.warnings.push('Event has an EventStruct without an EventCode');
    return { code, commandKey: text(f['CommandKey']) };
  });
}

function parseInform(el: XmlElement, ctx: ParseContext): InformRequest {
  const f = fieldsOf(el);
  return {
    name: 'Inform',
    deviceId: parseDeviceId(ctx, f['DeviceId']),
    events: parseEvents(ctx, f['Event']),
    maxEnvelopes: readInt(ctx, f['MaxEnvelopes'], 'MaxEnvelopes'),
    currentTime: readDateTime(ctx, f['CurrentTime'], 'CurrentTime'),
    retryCount: readInt(ctx, f['RetryCount'], 'RetryCount'),
    parameterList: readParameterValues(ctx, f['ParameterList'], 'ParameterList'),
  };
}

function parseTransferComplete(el: XmlElement, ctx: ParseContext): TransferCompleteRequest {
  const f = fieldsOf(el);
  return {
    name: 'TransferComplete',
    commandKey: text(f['CommandKey']),
    fault: readFaultStruct(ctx, f['FaultStruct'], 'FaultStruct'),
    startTime: readDateTime(ctx, f['StartTime'], 'StartTime'),
    completeTime: readDateTime(ctx, f['CompleteTime'], 'CompleteTime'),
  };
}

function parseAutonomousTransferComplete(el: XmlElement, ctx: ParseContext): AutonomousTransferCompleteRequest {
  const f = fieldsOf(el);
  return {
    name: 'AutonomousTransferComplete',
    announceUrl: text(f['AnnounceURL']),
    transferUrl: text(f['TransferURL']),
    isDownload: readBool(ctx, f['IsDownload'], 'IsDownload'),
    fileType: text(f['FileType']),
    fileSize: readInt(ctx, f['FileSize'], 'FileSize'),
    targetFileName: text(f['TargetFileName']),
    fault: readFaultStruct(ctx, f['FaultStruct'], 'FaultStruct'),
    startTime: readDateTime(ctx, f['StartTime'], 'StartTime'),
    completeTime: readDateTime(ctx, f['CompleteTime'], 'CompleteTime'),
  };
}

function parseRequestDownload(el: XmlElement, ctx: ParseContext): RequestDownloadRequest {
  const f = fieldsOf(el);
  // FileTypeArg is an array of ArgStruct; an absent one means "no arguments", not a problem.
  const args = f['FileTypeArg'] === undefined ? [] : arrayItems(ctx, f['FileTypeArg'], 'FileTypeArg');
  const fileTypeArgs: ArgStruct[] = args.map((item) => {
    const a = fieldsOf(item);
    return { name: text(a['Name']), value: text(a['Value']) };
  });
  return { name: 'RequestDownload', fileType: readString(ctx, f['FileType'], 'FileType', true), fileTypeArgs };
}

function parseKicked(el: XmlElement, _ctx: ParseContext): KickedRequest {
  const f = fieldsOf(el);
  return {
    name: 'Kicked',
    command: text(f['Command']),
    referer: text(f['Referer']),
    arg: text(f['Arg']),
    next: text(f['Next']),
  };
}

function parseOpResult(ctx: ParseContext, el: XmlElement): OpResult {
  const f = fieldsOf(el);
  return {
    uuid: text(f['UUID']),
    deploymentUnitRef: text(f['DeploymentUnitRef']),
    version: text(f['Version']),
    currentState: text(f['CurrentState']),
    resolved: readBool(ctx, f['Resolved'], 'Results/Resolved'),
    executionUnitRefList: text(f['ExecutionUnitRefList']),
    startTime: readDateTime(ctx, f['StartTime'], 'Results/StartTime'),
    completeTime: readDateTime(ctx, f['CompleteTime'], 'Results/CompleteTime'),
    fault: readFaultStruct(ctx, f['Fault'], 'Results/Fault'),
  };
}

/**
 * The XSD repeats <Results> directly under the RPC element (one OpResultStruct each). A CPE that
 * wraps the structs in one SOAP array instead is accepted too.
 */
function parseResults(ctx: ParseContext, el: XmlElement): OpResult[] {
  const out: OpResult[] = [];
  for (const child of childElements(el)) {
    if (child.local !== 'Results') continue;
    if (fieldsOf(child)['UUID'] !== undefined) out.push(parseOpResult(ctx, child));
    else for (const item of childElements(child)) out.push(parseOpResult(ctx, item));
  }
  if (out.length === 0) ctx.warnings.push(`${el.local} has no Results`);
  return out;
}

function parseDUStateChangeComplete(el: XmlElement, ctx: ParseContext): DUStateChangeCompleteRequest {
  return {
    name: 'DUStateChangeComplete',
    commandKey: text(fieldsOf(el)['CommandKey']),
    results: parseResults(ctx, el),
  };
}

function parseAutonomousDUStateChangeComplete(el: XmlElement, ctx: ParseContext): AutonomousDUStateChangeCompleteRequest {
  return { name: 'AutonomousDUStateChangeComplete', results: parseResults(ctx, el) };
}

export const cpeRequestParsers: RequestParsers = {
  Inform: parseInform,
  TransferComplete: parseTransferComplete,
  AutonomousTransferComplete: parseAutonomousTransferComplete,
  GetRPCMethods: () => ({ name: 'GetRPCMethods' }),
  RequestDownload: parseRequestDownload,
  Kicked: parseKicked,
  DUStateChangeComplete: parseDUStateChangeComplete,
  AutonomousDUStateChangeComplete: parseAutonomousDUStateChangeComplete,
};
