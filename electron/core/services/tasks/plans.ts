// One plan per task type: the RPCs it sends, in order, and what it makes of the answers.
import type { AcsRequest, ParameterValue, SetParameterAttribute } from '../../cwmp/messages.ts';
import type { TaskSpec } from '../../../../shared/tasks.ts';
import { createTransferUrl } from '../../files/transfer-url.ts';
import { createBackupUrl } from '../../files/upload-url.ts';
import { discoverNames, valuesOf } from './discovery.ts';
import { readValues, refreshLeaf, refreshTree } from './refresh.ts';
import { expectResponse, TaskFault, type CpeAnswer, type Plan, type PlanContext, type PlanOutcome } from './plan-types.ts';
import type { StoredTaskArgs } from './task-validate.ts';
import { diagnosticPlan } from '../diagnostics/plan.ts';

type Sub<T> = Generator<AcsRequest, T, CpeAnswer>;

const MINUTE = 60_000;

export function createPlan(args: StoredTaskArgs, ctx: PlanContext): Plan {
  switch (args.name) {
    case 'getParameterValues':
      return getValuesPlan(ctx, args.names);
    case 'refresh':
      return args.path === '' || args.path.endsWith('.') ? refreshPlan(ctx, args.path) : leafRefreshPlan(ctx, args.path);
    case 'setParameterValues':
      return setValuesPlan(ctx, args.values);
    case 'addObject':
      return addObjectPlan(ctx, args.path, args.values);
    case 'deleteObject':
      return single(ctx, { name: 'DeleteObject', objectName: args.path, parameterKey: ctx.commandKey }, 'DeleteObjectResponse');
    case 'getParameterAttributes':
      return single(ctx, { name: 'GetParameterAttributes', parameterNames: args.names }, 'GetParameterAttributesResponse');
    case 'setParameterAttributes':
      return single(
        ctx,
        { name: 'SetParameterAttributes', parameterList: args.attributes.map(toSetAttribute) },
        'SetParameterAttributesResponse',
      );
    case 'reboot':
      return awaitAfter(ctx, { name: 'Reboot', commandKey: ctx.commandKey }, 'RebootResponse', 'boot', 10 * MINUTE);
    case 'factoryReset':
      return awaitAfter(ctx, { name: 'FactoryReset' }, 'FactoryResetResponse', 'bootstrap', 15 * MINUTE);
    case 'download':
      return transferPlan(ctx, downloadRequest(ctx, args));
    case 'upload':
      return transferPlan(ctx, uploadRequest(ctx, args));
    case 'scheduleInform':
      return single(ctx, { name: 'ScheduleInform', delaySeconds: args.delaySeconds, commandKey: ctx.commandKey }, 'ScheduleInformResponse');
    case 'getRPCMethods':
      return single(ctx, { name: 'GetRPCMethods' }, 'GetRPCMethodsResponse');
    case 'setConnectionRequestCredentials':
      return crCredentialsPlan(ctx, args.values, { username: args.username, password: args.password });
    case 'ping':
    case 'traceroute':
    case 'speedTest':
    case 'nslookup':
      return diagnosticPlan(ctx, args);
  }
}

function* single(_ctx: PlanContext, request: AcsRequest, expected: Parameters<typeof expectResponse>[1]): Plan {
  const answer = yield request;
  const response = expectResponse(answer, expected);
  const { name: _name, ...result } = response;
  return { kind: 'done', result };
}

function* getValuesPlan(ctx: PlanContext, names: string[]): Plan {
  return { kind: 'done', result: yield* readValues(ctx, names) };
}

/** Full or subtree refresh (tasks/refresh.ts): names, pruning what the device no longer has, then values. */
function* refreshPlan(ctx: PlanContext, path: string): Plan {
  return { kind: 'done', result: yield* refreshTree(ctx, path) };
}

/** A refresh of one parameter (tasks/refresh.ts); an unknown name the device refuses is tried as an object. */
function* leafRefreshPlan(ctx: PlanContext, path: string): Plan {
  return { kind: 'done', result: yield* refreshLeaf(ctx, path) };
}

function* setValuesPlan(ctx: PlanContext, values: ParameterValue[]): Plan {
  const size = Math.max(1, ctx.quirks.spvBatchSize);
  let rebootNeeded = false;
  for (let i = 0; i < values.length; i += size) {
    const answer = yield { name: 'SetParameterValues', parameterList: values.slice(i, i + size), parameterKey: ctx.commandKey };
    // Status 1: applied, but takes effect only after the CPE restarts (A.3.2.1).
    if (expectResponse(answer, 'SetParameterValuesResponse').status === 1) rebootNeeded = true;
  }
  return { kind: 'done', result: { set: values.length, rebootNeeded } };
}

/** Sets connection-request credentials on the device and keeps them once it accepts them. */
function* crCredentialsPlan(ctx: PlanContext, values: ParameterValue[], creds: { username: string; password: string }): Plan {
  const answer = yield { name: 'SetParameterValues', parameterList: values, parameterKey: ctx.commandKey };
  expectResponse(answer, 'SetParameterValuesResponse');
  ctx.store.crCredentials.set(ctx.deviceId, { ...creds, source: 'acs' });
  // The password is never kept in the task's result or in the parameter tree.
  return { kind: 'done', result: { username: creds.username } };
}

function* addObjectPlan(ctx: PlanContext, path: string, values: ParameterValue[] | undefined): Plan {
  const answer = yield { name: 'AddObject', objectName: path, parameterKey: ctx.commandKey };
  const { instanceNumber, status } = expectResponse(answer, 'AddObjectResponse');
  if (!Number.isInteger(instanceNumber) || instanceNumber < 1)
    throw new TaskFault(0, `the CPE answered AddObject without a valid instance number`);
  const instance = `${path}${instanceNumber}.`;
  // Learn the new instance's parameters (names, writability, types) before setting any.
  const leaves = yield* discoverNames(ctx, instance);
  yield* valuesOf(ctx, leaves);
  if (values !== undefined && values.length > 0) {
    const absolute = values.map((v) => ({ ...v, name: `${instance}${v.name}`, type: storedType(ctx, `${instance}${v.name}`) ?? v.type }));
    const spv = yield { name: 'SetParameterValues', parameterList: absolute, parameterKey: ctx.commandKey };
    expectResponse(spv, 'SetParameterValuesResponse');
    ctx.store.parameters.upsertValues(ctx.deviceId, absolute, ctx.now());
  }
  return { kind: 'done', result: { instanceNumber, path: instance, status } };
}

function* awaitAfter(
  ctx: PlanContext,
  request: AcsRequest,
  expected: 'RebootResponse' | 'FactoryResetResponse',
  awaiting: 'boot' | 'bootstrap',
  timeoutMs: number,
): Plan {
  const answer = yield request;
  expectResponse(answer, expected);
  return { kind: 'await', awaiting, result: { commandKey: ctx.commandKey }, timeoutMs };
}

/** Download/Upload: status 0 means done; 1 means the CPE will report a TransferComplete. */
function* transferPlan(ctx: PlanContext, request: AcsRequest & { name: 'Download' | 'Upload' }): Sub<PlanOutcome> {
  const answer = yield request;
  const response = expectResponse(answer, request.name === 'Download' ? 'DownloadResponse' : 'UploadResponse');
  if (response.status === 0)
    return { kind: 'done', result: { status: 0, startTime: response.startTime, completeTime: response.completeTime } };
  return { kind: 'await', awaiting: 'transfer', result: { status: 1, commandKey: ctx.commandKey }, timeoutMs: 60 * MINUTE };
}

function downloadRequest(ctx: PlanContext, a: Extract<TaskSpec, { name: 'download' }>): AcsRequest & { name: 'Download' } {
  return {
    name: 'Download',
    commandKey: ctx.commandKey,
    fileType: a.fileType,
    url:
      a.backupId !== undefined ? backupUrl(ctx, 'download', a) : a.fileId === undefined ? (a.url ?? '') : libraryFileUrl(ctx, a.fileId, a),
    username: a.username ?? '',
    password: a.password ?? '',
    fileSize: a.fileSize ?? 0,
    targetFileName: a.targetFileName ?? '',
    delaySeconds: a.delaySeconds ?? 0,
    successUrl: a.successUrl ?? '',
    failureUrl: a.failureUrl ?? '',
  };
}

/** A per-transfer URL of a library file, made now: the RPC is about to be sent (files/transfer-url.ts). */
function libraryFileUrl(ctx: PlanContext, fileId: number, a: { username?: string; password?: string }): string {
  const file = ctx.store.files.get(fileId);
  if (file === undefined) throw new TaskFault(0, `file ${fileId} is no longer in the library`);
  if (ctx.transferBaseUrl === undefined) throw new TaskFault(0, 'this DeskACS does not serve library files to devices');
  return createTransferUrl(ctx.store, {
    fileId,
    fileName: file.name,
    deviceId: ctx.deviceId,
    taskId: ctx.taskId ?? null,
    username: a.username ?? '',
    password: a.password ?? '',
    baseUrl: ctx.transferBaseUrl(ctx.deviceId),
    now: ctx.now(),
  });
}

/**
 * A per-transfer URL of a configuration backup, made now: where the device uploads its file to
 * DeskACS, or (a restore) where it fetches one of its backups (files/upload-url.ts).
 */
function backupUrl(ctx: PlanContext, direction: 'upload' | 'download', a: StoredUpload | StoredDownload): string {
  if (ctx.transferBaseUrl === undefined) throw new TaskFault(0, 'this DeskACS does not take or serve backups');
  const backupId = a.name === 'download' ? a.backupId : undefined;
  if (backupId !== undefined && ctx.store.backups.get(backupId)?.deviceId !== ctx.deviceId)
    throw new TaskFault(0, `backup ${backupId} is no longer kept`);
  return createBackupUrl(ctx.store, {
    direction,
    deviceId: ctx.deviceId,
    taskId: ctx.taskId ?? null,
    ...(backupId === undefined ? {} : { backupId }),
    fileType: a.fileType,
    ...(a.name === 'upload' ? { origin: a.origin ?? 'manual', label: a.label ?? '' } : {}),
    username: a.username ?? '',
    password: a.password ?? '',
    baseUrl: ctx.transferBaseUrl(ctx.deviceId),
    fileName: direction === 'upload' ? 'config' : `backup-${backupId}.cfg`,
    now: ctx.now(),
  });
}

type StoredUpload = Extract<StoredTaskArgs, { name: 'upload' }>;
type StoredDownload = Extract<StoredTaskArgs, { name: 'download' }>;

function uploadRequest(ctx: PlanContext, a: StoredUpload): AcsRequest & { name: 'Upload' } {
  return {
    name: 'Upload',
    commandKey: ctx.commandKey,
    fileType: a.fileType,
    url: a.url ?? backupUrl(ctx, 'upload', a),
    username: a.username ?? '',
    password: a.password ?? '',
    delaySeconds: a.delaySeconds ?? 0,
  };
}

function toSetAttribute(a: { name: string; notification?: number; accessList?: string[] }): SetParameterAttribute {
  return {
    name: a.name,
    notificationChange: a.notification !== undefined,
    notification: a.notification ?? 0,
    accessListChange: a.accessList !== undefined,
    accessList: a.accessList ?? [],
  };
}

function storedType(ctx: PlanContext, path: string): string | undefined {
  return ctx.store.parameters.get(ctx.deviceId, path)?.type ?? undefined;
}
