// A CPE's responses to ACS requests, and its SOAP faults.
import type { ParameterAttribute, ParameterInfo, ParameterValue, QueuedTransfer, SetParameterValuesFaultEntry } from './structs.ts';

export interface GetRPCMethodsResponse {
  name: 'GetRPCMethodsResponse';
  methods: string[];
}
export interface GetParameterNamesResponse {
  name: 'GetParameterNamesResponse';
  parameterList: ParameterInfo[];
}
export interface GetParameterValuesResponse {
  name: 'GetParameterValuesResponse';
  parameterList: ParameterValue[];
}
export interface SetParameterValuesResponse {
  name: 'SetParameterValuesResponse';
  status: number;
}
export interface GetParameterAttributesResponse {
  name: 'GetParameterAttributesResponse';
  parameterList: ParameterAttribute[];
}
export interface SetParameterAttributesResponse {
  name: 'SetParameterAttributesResponse';
}
export interface AddObjectResponse {
  name: 'AddObjectResponse';
  instanceNumber: number;
  status: number;
}
export interface DeleteObjectResponse {
  name: 'DeleteObjectResponse';
  status: number;
}
export interface RebootResponse {
  name: 'RebootResponse';
}
export interface FactoryResetResponse {
  name: 'FactoryResetResponse';
}
export interface DownloadResponse {
  name: 'DownloadResponse';
  status: number;
  startTime: string;
  completeTime: string;
}
export interface UploadResponse {
  name: 'UploadResponse';
  status: number;
  startTime: string;
  completeTime: string;
}
export interface ScheduleInformResponse {
  name: 'ScheduleInformResponse';
}
export interface ScheduleDownloadResponse {
  name: 'ScheduleDownloadResponse';
}
export interface CancelTransferResponse {
  name: 'CancelTransferResponse';
}
export interface GetQueuedTransfersResponse {
  name: 'GetQueuedTransfersResponse';
  transferList: QueuedTransfer[];
}
export interface GetAllQueuedTransfersResponse {
  name: 'GetAllQueuedTransfersResponse';
  transferList: QueuedTransfer[];
}
export interface ChangeDUStateResponse {
  name: 'ChangeDUStateResponse';
}

export type CpeResponse =
  | GetRPCMethodsResponse
  | GetParameterNamesResponse
  | GetParameterValuesResponse
  | SetParameterValuesResponse
  | GetParameterAttributesResponse
  | SetParameterAttributesResponse
  | AddObjectResponse
  | DeleteObjectResponse
  | RebootResponse
  | FactoryResetResponse
  | DownloadResponse
  | UploadResponse
  | ScheduleInformResponse
  | ScheduleDownloadResponse
  | CancelTransferResponse
  | GetQueuedTransfersResponse
  | GetAllQueuedTransfersResponse
  | ChangeDUStateResponse;

/** A SOAP Fault from the CPE, with its cwmp:Fault detail. */
export interface CpeFault {
  name: 'Fault';
  faultCode: string;
  faultString: string;
  /** cwmp:Fault/FaultCode, 0 when the detail is missing. */
  code: number;
  string: string;
  setParameterValuesFaults: SetParameterValuesFaultEntry[];
}
