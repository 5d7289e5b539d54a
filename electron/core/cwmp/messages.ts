// Typed CWMP messages (TR-069 Amendment 6, Annex A). Every message is a discriminated union
// member keyed by `name`, so the compiler checks that every RPC is parsed, built and handled.

/** CWMP protocol versions DeskACS speaks. 1.2-1.4 share the urn:dslforum-org:cwmp-1-2 namespace. */
export type CwmpVersion = '1.0' | '1.1' | '1.2' | '1.3' | '1.4';

export type XsdType =
  | 'xsd:string'
  | 'xsd:int'
  | 'xsd:unsignedInt'
  | 'xsd:long'
  | 'xsd:unsignedLong'
  | 'xsd:boolean'
  | 'xsd:dateTime'
  | 'xsd:base64'
  | 'xsd:hexBinary';

export interface ParameterValue {
  name: string;
  /** The value exactly as sent (raw text); coercion happens at the edges that need it. */
  value: string;
  /** The xsi:type as sent, normalised to the `xsd:` prefix; 'xsd:string' when absent. */
  type: string;
}

export interface ParameterInfo {
  name: string;
  writable: boolean;
}

export interface ParameterAttribute {
  name: string;
  notification: number;
  accessList: string[];
}

export interface SetParameterAttribute {
  name: string;
  notificationChange: boolean;
  notification: number;
  accessListChange: boolean;
  accessList: string[];
}

export interface DeviceId {
  manufacturer: string;
  oui: string;
  productClass: string;
  serialNumber: string;
}

export interface EventStruct {
  code: string;
  commandKey: string;
}

export interface FaultStruct {
  code: number;
  string: string;
}

export interface SetParameterValuesFaultEntry {
  parameterName: string;
  code: number;
  string: string;
}

export interface QueuedTransfer {
  commandKey: string;
  state: number;
  isDownload?: boolean;
  fileType?: string;
  fileSize?: number;
  targetFileName?: string;
}

export interface OpResult {
  uuid: string;
  deploymentUnitRef: string;
  version: string;
  currentState: string;
  resolved: boolean;
  executionUnitRefList: string;
  startTime: string;
  completeTime: string;
  fault: FaultStruct;
}

export interface ArgStruct {
  name: string;
  value: string;
}

// ---------------------------------------------------------------------------------------------
// CPE -> ACS requests

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

// ---------------------------------------------------------------------------------------------
// ACS -> CPE requests

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

// ---------------------------------------------------------------------------------------------
// CPE -> ACS responses (to AcsRequest)

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

// ---------------------------------------------------------------------------------------------
// ACS -> CPE responses (to CpeRequest) and ACS faults

export interface InformResponse {
  name: 'InformResponse';
  maxEnvelopes: number;
}
export interface TransferCompleteResponse {
  name: 'TransferCompleteResponse';
}
export interface AutonomousTransferCompleteResponse {
  name: 'AutonomousTransferCompleteResponse';
}
export interface GetRPCMethodsAcsResponse {
  name: 'GetRPCMethodsResponse';
  methods: string[];
}
export interface RequestDownloadResponse {
  name: 'RequestDownloadResponse';
}
export interface KickedResponse {
  name: 'KickedResponse';
  nextUrl: string;
}
export interface DUStateChangeCompleteResponse {
  name: 'DUStateChangeCompleteResponse';
}
export interface AutonomousDUStateChangeCompleteResponse {
  name: 'AutonomousDUStateChangeCompleteResponse';
}

/** ACS fault codes, TR-069 Table A.5 (8000 Method not supported ... 8005 Retry request). */
export type AcsFaultCode = 8000 | 8001 | 8002 | 8003 | 8004 | 8005;

export interface AcsFault {
  name: 'Fault';
  code: AcsFaultCode;
  string: string;
}

export type AcsResponse =
  | InformResponse
  | TransferCompleteResponse
  | AutonomousTransferCompleteResponse
  | GetRPCMethodsAcsResponse
  | RequestDownloadResponse
  | KickedResponse
  | DUStateChangeCompleteResponse
  | AutonomousDUStateChangeCompleteResponse
  | AcsFault;

// ---------------------------------------------------------------------------------------------
// Envelopes

/** What the codec parsed from one HTTP body sent by a CPE. */
export type CpeBody =
  | { kind: 'request'; message: CpeRequest }
  | { kind: 'response'; message: CpeResponse }
  | { kind: 'fault'; message: CpeFault };

export interface ParsedEnvelope {
  version: CwmpVersion;
  /** cwmp:ID from the SOAP Header; undefined when the CPE sent no header. */
  id: string | undefined;
  holdRequests: boolean;
  noMoreRequests: boolean;
  body: CpeBody;
  /** Lenient-parse findings (e.g. broken CurrentTime, odd arrayType): data, not exceptions. */
  warnings: string[];
}

/** What the ACS sends in one HTTP response body. */
export type AcsOutgoing = AcsRequest | AcsResponse;

export interface OutgoingEnvelope {
  version: CwmpVersion;
  id: string;
  body: AcsOutgoing;
}
