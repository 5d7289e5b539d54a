// Requests a CPE makes of the ACS.
import type { ArgStruct, DeviceId, EventStruct, FaultStruct, OpResult, ParameterValue } from './structs.ts';

export interface InformRequest {
  name: 'Inform';
  deviceId: DeviceId;
  events: EventStruct[];
  maxEnvelopes: number;
  /** Raw CurrentTime text; may be broken or in 1970 (kept, with a warning). */
  currentTime: string;
  retryCount: number;
  parameterList: ParameterValue[];
}

export interface TransferCompleteRequest {
  name: 'TransferComplete';
  commandKey: string;
  fault: FaultStruct;
  startTime: string;
  completeTime: string;
}

export interface AutonomousTransferCompleteRequest {
  name: 'AutonomousTransferComplete';
  announceUrl: string;
  transferUrl: string;
  isDownload: boolean;
  fileType: string;
  fileSize: number;
  targetFileName: string;
  fault: FaultStruct;
  startTime: string;
  completeTime: string;
}

export interface GetRPCMethodsRequest {
  name: 'GetRPCMethods';
}

export interface RequestDownloadRequest {
  name: 'RequestDownload';
  fileType: string;
  fileTypeArgs: ArgStruct[];
}

export interface KickedRequest {
  name: 'Kicked';
  command: string;
  referer: string;
  arg: string;
  next: string;
}

export interface DUStateChangeCompleteRequest {
  name: 'DUStateChangeComplete';
  commandKey: string;
  results: OpResult[];
}

export interface AutonomousDUStateChangeCompleteRequest {
  name: 'AutonomousDUStateChangeComplete';
  results: OpResult[];
}

export type CpeRequest =
  | InformRequest
  | TransferCompleteRequest
  | AutonomousTransferCompleteRequest
  | GetRPCMethodsRequest
  | RequestDownloadRequest
  | KickedRequest
  | DUStateChangeCompleteRequest
  | AutonomousDUStateChangeCompleteRequest;
