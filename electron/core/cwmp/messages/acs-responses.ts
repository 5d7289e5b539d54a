// The ACS's responses to CPE requests, and ACS faults.

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
