// One small builder per ACS -> CPE request (TR-069 Annex A.3.2, A.4). Each returns the RPC
// element; build.ts wraps it in the envelope. The Record type makes the compiler check that
// every AcsRequest member has a builder.
import type {
  AcsRequest,
  ChangeDUStateArgs,
  DownloadArgs,
  DUOperation,
  ScheduleDownloadArgs,
  SetParameterAttributesArgs,
  SetParameterValuesArgs,
  UploadArgs,
} from '../messages.ts';
import type { BuildContext } from './build-util.ts';
import { bool, int, stringArray, str, structArray, uint, xsiType } from './build-util.ts';
import { CwmpBuildError } from './errors.ts';
import { escapeText } from './xml-escape.ts';

type RequestBuilders = { [M in AcsRequest as M['name']]: (m: M, ctx: BuildContext) => string };

function setParameterValues(m: SetParameterValuesArgs): string {
  const parts = m.parameterList.map(
    (p) =>
      `<ParameterValueStruct><Name>${escapeText(p.name)}</Name>` +
      `<Value xsi:type="${xsiType(p.type)}">${escapeText(p.value)}</Value></ParameterValueStruct>`,
  );
  return (
    `<cwmp:SetParameterValues>${structArray('ParameterList', 'ParameterValueStruct', parts)}` +
    `${str('ParameterKey', m.parameterKey)}</cwmp:SetParameterValues>`
  );
}

function setParameterAttributes(m: SetParameterAttributesArgs, ctx: BuildContext): string {
  const parts = m.parameterList.map(
    (a) =>
      `<SetParameterAttributesStruct>${str('Name', a.name)}${bool('NotificationChange', a.notificationChange)}` +
      `${int(ctx, 'Notification', a.notification)}${bool('AccessListChange', a.accessListChange)}` +
      `${stringArray('AccessList', a.accessList)}</SetParameterAttributesStruct>`,
  );
  return `<cwmp:SetParameterAttributes>${structArray('ParameterList', 'SetParameterAttributesStruct', parts)}</cwmp:SetParameterAttributes>`;
}

function transferHead(m: DownloadArgs | UploadArgs | ScheduleDownloadArgs): string {
  return (
    str('CommandKey', m.commandKey) +
    str('FileType', m.fileType) +
    str('URL', m.url) +
    str('Username', m.username) +
    str('Password', m.password)
  );
}

function download(m: DownloadArgs, ctx: BuildContext): string {
  return (
    `<cwmp:Download>${transferHead(m)}${uint(ctx, 'FileSize', m.fileSize)}${str('TargetFileName', m.targetFileName)}` +
    `${uint(ctx, 'DelaySeconds', m.delaySeconds)}${str('SuccessURL', m.successUrl)}${str('FailureURL', m.failureUrl)}` +
    `</cwmp:Download>`
  );
}

function upload(m: UploadArgs, ctx: BuildContext): string {
  return `<cwmp:Upload>${transferHead(m)}${uint(ctx, 'DelaySeconds', m.delaySeconds)}</cwmp:Upload>`;
}

function scheduleDownload(m: ScheduleDownloadArgs, ctx: BuildContext): string {
  if (m.timeWindows.length < 1 || m.timeWindows.length > 2) {
    throw new CwmpBuildError(ctx.method, ctx.version, `needs 1 or 2 time windows, got ${m.timeWindows.length}`);
  }
  const windows = m.timeWindows.map(
    (w) =>
      `<TimeWindowStruct>${uint(ctx, 'WindowStart', w.windowStart)}${uint(ctx, 'WindowEnd', w.windowEnd)}` +
      `${str('WindowMode', w.windowMode)}${str('UserMessage', w.userMessage)}${int(ctx, 'MaxRetries', w.maxRetries)}` +
      `</TimeWindowStruct>`,
  );
  return (
    `<cwmp:ScheduleDownload>${transferHead(m)}${uint(ctx, 'FileSize', m.fileSize)}` +
    `${str('TargetFileName', m.targetFileName)}${structArray('TimeWindowList', 'TimeWindowStruct', windows)}` +
    `</cwmp:ScheduleDownload>`
  );
}

function optional(name: string, value: string | undefined): string {
  return value === undefined ? '' : str(name, value);
}

function required(ctx: BuildContext, op: DUOperation, field: 'url' | 'uuid'): string {
  const value = op[field];
  if (value === undefined || value === '') {
    throw new CwmpBuildError(ctx.method, ctx.version, `${op.op} operation needs ${field === 'url' ? 'a URL' : 'a UUID'}`);
  }
  return value;
}

/** One <Operations> element; its concrete struct is named by xsi:type (cwmp-1-2.xsd OperationStruct). */
function duOperation(op: DUOperation, ctx: BuildContext): string {
  switch (op.op) {
    case 'Install':
      return (
        `<Operations xsi:type="cwmp:InstallOpStruct">${str('URL', required(ctx, op, 'url'))}${optional('UUID', op.uuid)}` +
        `${optional('Username', op.username)}${optional('Password', op.password)}` +
        `${optional('ExecutionEnvRef', op.executionEnvRef)}</Operations>`
      );
    case 'Update':
      return (
        `<Operations xsi:type="cwmp:UpdateOpStruct">${optional('UUID', op.uuid)}${optional('Version', op.version)}` +
        `${optional('URL', op.url)}${optional('Username', op.username)}${optional('Password', op.password)}</Operations>`
      );
    case 'Uninstall':
      return (
        `<Operations xsi:type="cwmp:UninstallOpStruct">${str('UUID', required(ctx, op, 'uuid'))}` +
        `${optional('Version', op.version)}${optional('ExecutionEnvRef', op.executionEnvRef)}</Operations>`
      );
  }
}

function changeDUState(m: ChangeDUStateArgs, ctx: BuildContext): string {
  if (m.operations.length === 0) throw new CwmpBuildError(ctx.method, ctx.version, 'needs at least one operation');
  const ops = m.operations.map((op) => duOperation(op, ctx)).join('');
  return `<cwmp:ChangeDUState>${ops}${str('CommandKey', m.commandKey)}</cwmp:ChangeDUState>`;
}

export const acsRequestBuilders: RequestBuilders = {
  GetRPCMethods: () => '<cwmp:GetRPCMethods></cwmp:GetRPCMethods>',
  GetParameterNames: (m) =>
    `<cwmp:GetParameterNames>${str('ParameterPath', m.parameterPath)}${bool('NextLevel', m.nextLevel)}</cwmp:GetParameterNames>`,
  GetParameterValues: (m) => `<cwmp:GetParameterValues>${stringArray('ParameterNames', m.parameterNames)}</cwmp:GetParameterValues>`,
  SetParameterValues: setParameterValues,
  GetParameterAttributes: (m) =>
    `<cwmp:GetParameterAttributes>${stringArray('ParameterNames', m.parameterNames)}</cwmp:GetParameterAttributes>`,
  SetParameterAttributes: setParameterAttributes,
  AddObject: (m) => `<cwmp:AddObject>${str('ObjectName', m.objectName)}${str('ParameterKey', m.parameterKey)}</cwmp:AddObject>`,
  DeleteObject: (m) => `<cwmp:DeleteObject>${str('ObjectName', m.objectName)}${str('ParameterKey', m.parameterKey)}</cwmp:DeleteObject>`,
  Reboot: (m) => `<cwmp:Reboot>${str('CommandKey', m.commandKey)}</cwmp:Reboot>`,
  FactoryReset: () => '<cwmp:FactoryReset></cwmp:FactoryReset>',
  Download: download,
  Upload: upload,
  ScheduleInform: (m, ctx) =>
    `<cwmp:ScheduleInform>${uint(ctx, 'DelaySeconds', m.delaySeconds)}${str('CommandKey', m.commandKey)}</cwmp:ScheduleInform>`,
  ScheduleDownload: scheduleDownload,
  CancelTransfer: (m) => `<cwmp:CancelTransfer>${str('CommandKey', m.commandKey)}</cwmp:CancelTransfer>`,
  GetQueuedTransfers: () => '<cwmp:GetQueuedTransfers></cwmp:GetQueuedTransfers>',
  GetAllQueuedTransfers: () => '<cwmp:GetAllQueuedTransfers></cwmp:GetAllQueuedTransfers>',
  ChangeDUState: changeDUState,
};
