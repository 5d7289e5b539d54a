// CPE-side SOAP reader: what the ACS sends to a CPE (RPC requests, InformResponse,
// TransferCompleteResponse, SOAP Faults). Lenient like a good CPE: any prefixes, missing
// Header, xsi:type anywhere, odd arrayType counts. Unknown methods are reported, not thrown.

import type { AcsRequest, ParameterValue, SetParameterAttribute, DownloadArgs, UploadArgs } from '../core/cwmp/messages.ts';
import { child, childText, parseXml, type XmlElement } from './xml-tree.ts';

export type AcsInbound =
  | { kind: 'request'; request: AcsRequest }
  | { kind: 'unsupported'; method: string }
  | { kind: 'InformResponse'; maxEnvelopes: number }
  | { kind: 'TransferCompleteResponse' }
  | { kind: 'fault'; code: number; string: string };

export interface AcsEnvelope {
  id: string | undefined;
  cwmpNamespace: string | undefined;
  holdRequests: boolean;
  message: AcsInbound;
}

const bool = (text: string): boolean => text === '1' || text.toLowerCase() === 'true';
const int = (text: string, fallback = 0): number => (/^[+-]?\d+$/.test(text) ? Number(text) : fallback);
const strings = (list: XmlElement | undefined): string[] => (list?.children ?? []).map((c) => c.text.trim());

function typeAttr(e: XmlElement | undefined): string {
  const key = Object.keys(e?.attrs ?? {}).find((k) => k === 'type' || k.endsWith(':type'));
  const raw = key ? (e?.attrs[key] ?? '') : '';
  const local = raw.includes(':') ? raw.slice(raw.indexOf(':') + 1) : raw;
  return local === '' ? 'xsd:string' : `xsd:${local}`;
}

function parameterValues(list: XmlElement | undefined): ParameterValue[] {
  return (list?.children ?? []).map((s) => {
    const value = child(s, 'Value');
    // Values keep their whitespace: a CPE stores what the ACS sent.
    return { name: childText(s, 'Name'), value: value?.text ?? '', type: typeAttr(value) };
  });
}

function attributeStructs(list: XmlElement | undefined): SetParameterAttribute[] {
  return (list?.children ?? []).map((s) => ({
    name: childText(s, 'Name'),
    notificationChange: bool(childText(s, 'NotificationChange')),
    notification: int(childText(s, 'Notification'), -1),
    accessListChange: bool(childText(s, 'AccessListChange')),
    accessList: strings(child(s, 'AccessList')),
  }));
}

function download(e: XmlElement): DownloadArgs {
  return {
    name: 'Download',
    commandKey: childText(e, 'CommandKey'),
    fileType: childText(e, 'FileType'),
    url: childText(e, 'URL'),
    username: childText(e, 'Username'),
    password: childText(e, 'Password'),
    fileSize: int(childText(e, 'FileSize')),
    targetFileName: childText(e, 'TargetFileName'),
    delaySeconds: int(childText(e, 'DelaySeconds')),
    successUrl: childText(e, 'SuccessURL'),
    failureUrl: childText(e, 'FailureURL'),
  };
}

function upload(e: XmlElement): UploadArgs {
  const t = (n: string): string => childText(e, n);
  return {
    name: 'Upload',
    commandKey: t('CommandKey'),
    fileType: t('FileType'),
    url: t('URL'),
    username: t('Username'),
    password: t('Password'),
    delaySeconds: int(t('DelaySeconds')),
  };
}

function request(e: XmlElement): AcsRequest | undefined {
  const t = (n: string): string => childText(e, n);
  switch (e.local) {
    case 'GetRPCMethods':
      return { name: 'GetRPCMethods' };
    case 'GetParameterNames':
      return { name: 'GetParameterNames', parameterPath: t('ParameterPath'), nextLevel: bool(t('NextLevel')) };
    case 'GetParameterValues':
      return { name: 'GetParameterValues', parameterNames: strings(child(e, 'ParameterNames')) };
    case 'SetParameterValues':
      return { name: 'SetParameterValues', parameterList: parameterValues(child(e, 'ParameterList')), parameterKey: t('ParameterKey') };
    case 'GetParameterAttributes':
      return { name: 'GetParameterAttributes', parameterNames: strings(child(e, 'ParameterNames')) };
    case 'SetParameterAttributes':
      return { name: 'SetParameterAttributes', parameterList: attributeStructs(child(e, 'ParameterList')) };
    case 'AddObject':
    case 'DeleteObject':
      return { name: e.local, objectName: t('ObjectName'), parameterKey: t('ParameterKey') };
    case 'Reboot':
      return { name: 'Reboot', commandKey: t('CommandKey') };
    case 'FactoryReset':
      return { name: 'FactoryReset' };
    case 'Download':
      return download(e);
    case 'Upload':
      return upload(e);
    case 'ScheduleInform':
      return { name: 'ScheduleInform', delaySeconds: int(t('DelaySeconds'), -1), commandKey: t('CommandKey') };
    default:
      return undefined;
  }
}

function message(body: XmlElement | undefined): AcsInbound {
  const rpc = body?.children[0];
  if (!rpc) throw new Error('SOAP Body is empty');
  if (rpc.local === 'Fault') {
    const detail = child(child(rpc, 'detail'), 'Fault');
    return {
      kind: 'fault',
      code: int(childText(detail, 'FaultCode')),
      string: childText(detail, 'FaultString') || childText(rpc, 'faultstring'),
    };
  }
  if (rpc.local === 'InformResponse') return { kind: 'InformResponse', maxEnvelopes: int(childText(rpc, 'MaxEnvelopes'), 1) };
  if (rpc.local === 'TransferCompleteResponse') return { kind: 'TransferCompleteResponse' };
  const parsed = request(rpc);
  return parsed ? { kind: 'request', request: parsed } : { kind: 'unsupported', method: rpc.local };
}

/** Parses one ACS HTTP body (non-empty). Throws when it is not a SOAP envelope. */
export function readAcsMessage(xml: string): AcsEnvelope {
  const root = parseXml(xml);
  if (root.local !== 'Envelope') throw new Error(`Expected a SOAP Envelope, got <${root.local}>`);
  const header = child(root, 'Header');
  const body = child(root, 'Body');
  const rpc = body?.children[0];
  const idElement = child(header, 'ID');
  return {
    id: idElement ? idElement.text.trim() : undefined,
    cwmpNamespace: rpc?.ns.startsWith('urn:dslforum-org:cwmp') ? rpc.ns : idElement?.ns,
    holdRequests: bool(childText(header, 'HoldRequests')),
    message: message(body),
  };
}
