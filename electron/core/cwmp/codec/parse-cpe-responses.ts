// One small parser per CPE response to an ACS request (TR-069 Annex A.3.2). The Record type
// makes the compiler check that every CpeResponse member has a parser.
import type {
  AddObjectResponse,
  CpeResponse,
  DownloadResponse,
  GetAllQueuedTransfersResponse,
  GetParameterAttributesResponse,
  GetParameterNamesResponse,
  GetQueuedTransfersResponse,
  QueuedTransfer,
  UploadResponse,
} from '../messages.ts';
import type { ParseContext } from './values.ts';
import { arrayItems, readBool, readDateTime, readInt, readParameterValues, readStrings } from './values.ts';
import type { XmlElement } from './xml.ts';
import { fieldsOf, text } from './xml.ts';

type ResponseParsers = { [M in CpeResponse as M['name']]: (el: XmlElement, ctx: ParseContext) => M };

function parseParameterNames(el: XmlElement, ctx: ParseContext): GetParameterNamesResponse {
  const items = arrayItems(ctx, fieldsOf(el)['ParameterList'], 'ParameterList');
  return {
    name: 'GetParameterNamesResponse',
    parameterList: items.map((item) => {
      const f = fieldsOf(item);
      const name = text(f['Name']);
      return { name, writable: readBool(ctx, f['Writable'], `Writable of ${name}`) };
    }),
  };
}

function parseParameterAttributes(el: XmlElement, ctx: ParseContext): GetParameterAttributesResponse {
  const items = arrayItems(ctx, fieldsOf(el)['ParameterList'], 'ParameterList');
  return {
    name: 'GetParameterAttributesResponse',
    parameterList: items.map((item) => {
      const f = fieldsOf(item);
      const name = text(f['Name']);
      const access = f['AccessList'];
      return {
        name,
        notification: readInt(ctx, f['Notification'], `Notification of ${name}`),
        accessList: access === undefined ? [] : readStrings(ctx, access, `AccessList of ${name}`),
      };
    }),
  };
}

function parseTransferStatus<N extends 'DownloadResponse' | 'UploadResponse'>(
  name: N,
  el: XmlElement,
  ctx: ParseContext,
): { name: N; status: number; startTime: string; completeTime: string } {
  const f = fieldsOf(el);
  const status = readInt(ctx, f['Status'], 'Status');
  // With Status 1 (transfer not yet done) the times are 0001-01-01T00:00:00Z; a CPE may also
  // leave them out, which is harmless here.
  return {
    name,
    status,
    startTime: f['StartTime'] === undefined ? '' : readDateTime(ctx, f['StartTime'], 'StartTime'),
    completeTime: f['CompleteTime'] === undefined ? '' : readDateTime(ctx, f['CompleteTime'], 'CompleteTime'),
  };
}

function parseQueuedTransfer(ctx: ParseContext, item: XmlElement, all: boolean): QueuedTransfer {
  const f = fieldsOf(item);
  const transfer: QueuedTransfer = {
    commandKey: text(f['CommandKey']),
    state: readInt(ctx, f['State'], 'TransferList/State'),
  };
  if (all) {
    transfer.isDownload = readBool(ctx, f['IsDownload'], 'TransferList/IsDownload');
    transfer.fileType = text(f['FileType']);
    transfer.fileSize = readInt(ctx, f['FileSize'], 'TransferList/FileSize');
    transfer.targetFileName = text(f['TargetFileName']);
  }
  return transfer;
}

function parseQueued(el: XmlElement, ctx: ParseContext): GetQueuedTransfersResponse {
  const items = arrayItems(ctx, fieldsOf(el)['TransferList'], 'TransferList');
  return { name: 'GetQueuedTransfersResponse', transferList: items.map((i) => parseQueuedTransfer(ctx, i, false)) };
}

function parseAllQueued(el: XmlElement, ctx: ParseContext): GetAllQueuedTransfersResponse {
  const items = arrayItems(ctx, fieldsOf(el)['TransferList'], 'TransferList');
  return { name: 'GetAllQueuedTransfersResponse', transferList: items.map((i) => parseQueuedTransfer(ctx, i, true)) };
}

function parseAddObject(el: XmlElement, ctx: ParseContext): AddObjectResponse {
  const f = fieldsOf(el);
  return {
    name: 'AddObjectResponse',
    instanceNumber: readInt(ctx, f['InstanceNumber'], 'InstanceNumber'),
    status: readInt(ctx, f['Status'], 'Status'),
  };
}

export const cpeResponseParsers: ResponseParsers = {
  GetRPCMethodsResponse: (el, ctx) => ({
    name: 'GetRPCMethodsResponse',
    methods: readStrings(ctx, fieldsOf(el)['MethodList'], 'MethodList'),
  }),
  GetParameterNamesResponse: parseParameterNames,
  GetParameterValuesResponse: (el, ctx) => ({
    name: 'GetParameterValuesResponse',
    parameterList: readParameterValues(ctx, fieldsOf(el)['ParameterList'], 'ParameterList'),
  }),
  SetParameterValuesResponse: (el, ctx) => ({
    name: 'SetParameterValuesResponse',
    status: readInt(ctx, fieldsOf(el)['Status'], 'Status'),
  }),
  GetParameterAttributesResponse: parseParameterAttributes,
  SetParameterAttributesResponse: () => ({ name: 'SetParameterAttributesResponse' }),
  AddObjectResponse: parseAddObject,
  DeleteObjectResponse: (el, ctx) => ({
    name: 'DeleteObjectResponse',
    status: readInt(ctx, fieldsOf(el)['Status'], 'Status'),
  }),
  RebootResponse: () => ({ name: 'RebootResponse' }),
  FactoryResetResponse: () => ({ name: 'FactoryResetResponse' }),
  DownloadResponse: (el, ctx): DownloadResponse => parseTransferStatus('DownloadResponse', el, ctx),
  UploadResponse: (el, ctx): UploadResponse => parseTransferStatus('UploadResponse', el, ctx),
  ScheduleInformResponse: () => ({ name: 'ScheduleInformResponse' }),
  ScheduleDownloadResponse: () => ({ name: 'ScheduleDownloadResponse' }),
  CancelTransferResponse: () => ({ name: 'CancelTransferResponse' }),
  GetQueuedTransfersResponse: parseQueued,
  GetAllQueuedTransfersResponse: parseAllQueued,
  ChangeDUStateResponse: () => ({ name: 'ChangeDUStateResponse' }),
};
