// Requests the ACS makes of a CPE.
import type { ParameterValue, SetParameterAttribute } from './structs.ts';

export interface GetParameterNamesArgs {
  name: 'GetParameterNames';
  parameterPath: string;
  nextLevel: boolean;
}
export interface GetParameterValuesArgs {
  name: 'GetParameterValues';
  parameterNames: string[];
}
export interface SetParameterValuesArgs {
  name: 'SetParameterValues';
  parameterList: ParameterValue[];
  parameterKey: string;
}
export interface GetParameterAttributesArgs {
  name: 'GetParameterAttributes';
  parameterNames: string[];
}
export interface SetParameterAttributesArgs {
  name: 'SetParameterAttributes';
  parameterList: SetParameterAttribute[];
}
export interface AddObjectArgs {
  name: 'AddObject';
  objectName: string;
  parameterKey: string;
}
export interface DeleteObjectArgs {
  name: 'DeleteObject';
  objectName: string;
  parameterKey: string;
}
export interface RebootArgs {
  name: 'Reboot';
  commandKey: string;
}
export interface FactoryResetArgs {
  name: 'FactoryReset';
}
export interface DownloadArgs {
  name: 'Download';
  commandKey: string;
  fileType: string;
  url: string;
  username: string;
  password: string;
  fileSize: number;
  targetFileName: string;
  delaySeconds: number;
  successUrl: string;
  failureUrl: string;
}
export interface UploadArgs {
  name: 'Upload';
  commandKey: string;
  fileType: string;
  url: string;
  username: string;
  password: string;
  delaySeconds: number;
}
export interface ScheduleInformArgs {
  name: 'ScheduleInform';
  delaySeconds: number;
  commandKey: string;
}
export interface TimeWindow {
  windowStart: number;
  windowEnd: number;
  windowMode: string;
  userMessage: string;
  maxRetries: number;
}
export interface ScheduleDownloadArgs {
  name: 'ScheduleDownload';
  commandKey: string;
  fileType: string;
  url: string;
  username: string;
  password: string;
  fileSize: number;
  targetFileName: string;
  timeWindows: TimeWindow[];
}
export interface CancelTransferArgs {
  name: 'CancelTransfer';
  commandKey: string;
}
export interface GetQueuedTransfersArgs {
  name: 'GetQueuedTransfers';
}
export interface GetAllQueuedTransfersArgs {
  name: 'GetAllQueuedTransfers';
}
export interface GetRPCMethodsArgs {
  name: 'GetRPCMethods';
}
export interface DUOperation {
  op: 'Install' | 'Update' | 'Uninstall';
  url?: string;
  uuid?: string;
  username?: string;
  password?: string;
  executionEnvRef?: string;
  version?: string;
}
export interface ChangeDUStateArgs {
  name: 'ChangeDUState';
  operations: DUOperation[];
  commandKey: string;
}

export type AcsRequest =
  | GetRPCMethodsArgs
  | GetParameterNamesArgs
  | GetParameterValuesArgs
  | SetParameterValuesArgs
  | GetParameterAttributesArgs
  | SetParameterAttributesArgs
  | AddObjectArgs
  | DeleteObjectArgs
  | RebootArgs
  | FactoryResetArgs
  | DownloadArgs
  | UploadArgs
  | ScheduleInformArgs
  | ScheduleDownloadArgs
  | CancelTransferArgs
  | GetQueuedTransfersArgs
  | GetAllQueuedTransfersArgs
  | ChangeDUStateArgs;

export type AcsRequestName = AcsRequest['name'];
