// Shared structures of CWMP messages (TR-069 Annex A).

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
