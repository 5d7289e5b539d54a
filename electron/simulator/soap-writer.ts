// CPE-side SOAP writer: the envelopes a CPE sends (Inform, TransferComplete, RPC responses,
// Faults). Plain, schema-valid output: cwmp-1-0 by default, arrays with soap-enc:arrayType,
// values with xsi:type, booleans as 1/0 as most CPEs send them.

import type { CpeFault, CpeResponse, InformRequest, ParameterValue, TransferCompleteRequest } from '../core/cwmp/messages.ts';

export const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_ENC = 'http://schemas.xmlsoap.org/soap/encoding/';

export type CpeOutgoing = InformRequest | TransferCompleteRequest | CpeResponse | CpeFault;

export interface EnvelopeOptions {
  /** cwmp:ID header value; undefined sends no SOAP Header (as MikroTik/Motorola CPEs do). */
  id: string | undefined;
  /** e.g. 'urn:dslforum-org:cwmp-1-0' (default) or an echo of the ACS's namespace. */
  cwmpNamespace?: string;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const el = (name: string, content: string | number): string =>
  `<${name}>${typeof content === 'number' ? String(content) : escapeXml(content)}</${name}>`;

function array(name: string, itemType: string, items: string[]): string {
  return `<${name} soap-enc:arrayType="${itemType}[${items.length}]">${items.join('')}</${name}>`;
}

function valueStructs(list: ParameterValue[]): string {
  const items = list.map(
    (p) =>
      `<ParameterValueStruct>${el('Name', p.name)}<Value xsi:type="${escapeXml(p.type)}">${escapeXml(p.value)}</Value></ParameterValueStruct>`,
  );
  return array('ParameterList', 'cwmp:ParameterValueStruct', items);
}

function inform(m: InformRequest): string {
  const d = m.deviceId;
  const device = `<DeviceId>${el('Manufacturer', d.manufacturer)}${el('OUI', d.oui)}${el('ProductClass', d.productClass)}${el('SerialNumber', d.serialNumber)}</DeviceId>`;
  const events = array(
    'Event',
    'cwmp:EventStruct',
    m.events.map((e) => `<EventStruct>${el('EventCode', e.code)}${el('CommandKey', e.commandKey)}</EventStruct>`),
  );
  const rest = `${el('MaxEnvelopes', m.maxEnvelopes)}${el('CurrentTime', m.currentTime)}${el('RetryCount', m.retryCount)}`;
  return `${device}${events}${rest}${valueStructs(m.parameterList)}`;
}

function transferComplete(m: TransferCompleteRequest): string {
  const fault = `<FaultStruct>${el('FaultCode', m.fault.code)}${el('FaultString', m.fault.string)}</FaultStruct>`;
  return `${el('CommandKey', m.commandKey)}${fault}${el('StartTime', m.startTime)}${el('CompleteTime', m.completeTime)}`;
}

const timed = (m: { status: number; startTime: string; completeTime: string }): string =>
  `${el('Status', m.status)}${el('StartTime', m.startTime)}${el('CompleteTime', m.completeTime)}`;

function response(m: CpeResponse): string {
  switch (m.name) {
    case 'GetRPCMethodsResponse':
      return array(
        'MethodList',
        'xsd:string',
        m.methods.map((x) => el('string', x)),
      );
    case 'GetParameterNamesResponse':
      return array(
        'ParameterList',
        'cwmp:ParameterInfoStruct',
        m.parameterList.map((p) => `<ParameterInfoStruct>${el('Name', p.name)}${el('Writable', p.writable ? 1 : 0)}</ParameterInfoStruct>`),
      );
    case 'GetParameterValuesResponse':
      return valueStructs(m.parameterList);
    case 'GetParameterAttributesResponse':
      return array(
        'ParameterList',
        'cwmp:ParameterAttributeStruct',
        m.parameterList.map((p) => {
          const access = array(
            'AccessList',
            'xsd:string',
            p.accessList.map((a) => el('string', a)),
          );
          return `<ParameterAttributeStruct>${el('Name', p.name)}${el('Notification', p.notification)}${access}</ParameterAttributeStruct>`;
        }),
      );
    case 'SetParameterValuesResponse':
    case 'DeleteObjectResponse':
      return el('Status', m.status);
    case 'AddObjectResponse':
      return `${el('InstanceNumber', m.instanceNumber)}${el('Status', m.status)}`;
    case 'DownloadResponse':
    case 'UploadResponse':
      return timed(m);
    case 'GetQueuedTransfersResponse':
    case 'GetAllQueuedTransfersResponse':
      return array(
        'TransferList',
        'cwmp:QueuedTransferStruct',
        m.transferList.map((t) => `<QueuedTransferStruct>${el('CommandKey', t.commandKey)}${el('State', t.state)}</QueuedTransferStruct>`),
      );
    case 'SetParameterAttributesResponse':
    case 'RebootResponse':
    case 'FactoryResetResponse':
    case 'ScheduleInformResponse':
    case 'ScheduleDownloadResponse':
    case 'CancelTransferResponse':
    case 'ChangeDUStateResponse':
      return '';
  }
}

function fault(f: CpeFault): string {
  const entries = f.setParameterValuesFaults.map(
    (e) =>
      `<SetParameterValuesFault>${el('ParameterName', e.parameterName)}${el('FaultCode', e.code)}${el('FaultString', e.string)}</SetParameterValuesFault>`,
  );
  const detail = `<detail><cwmp:Fault>${el('FaultCode', f.code)}${el('FaultString', f.string)}${entries.join('')}</cwmp:Fault></detail>`;
  return `<soap-env:Fault>${el('faultcode', f.faultCode)}${el('faultstring', f.faultString)}${detail}</soap-env:Fault>`;
}

function body(m: CpeOutgoing): string {
  if (m.name === 'Fault') return fault(m);
  const inner = m.name === 'Inform' ? inform(m) : m.name === 'TransferComplete' ? transferComplete(m) : response(m);
  return `<cwmp:${m.name}>${inner}</cwmp:${m.name}>`;
}

/** One complete SOAP envelope. No XML declaration: nothing requires it and some parsers choke. */
export function writeCpeMessage(message: CpeOutgoing, options: EnvelopeOptions): string {
  const ns = options.cwmpNamespace ?? 'urn:dslforum-org:cwmp-1-0';
  const header =
    options.id === undefined
      ? ''
      : `<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">${escapeXml(options.id)}</cwmp:ID></soap-env:Header>`;
  return (
    `<soap-env:Envelope xmlns:soap-env="${SOAP_ENV}" xmlns:soap-enc="${SOAP_ENC}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ` +
    `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="${ns}">${header}<soap-env:Body>${body(message)}</soap-env:Body></soap-env:Envelope>`
  );
}
