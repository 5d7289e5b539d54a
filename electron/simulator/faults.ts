// CPE fault codes (TR-069 Table A.4 / cwmp-1-2.xsd CPEFaultCodeType) and the helpers that turn
// them into the typed SOAP Fault the CPE sends.

import type { CpeFault, SetParameterValuesFaultEntry } from '../core/cwmp/messages.ts';

export const FAULT_TEXT: Readonly<Record<number, string>> = {
  9000: 'Method not supported',
  9001: 'Request denied',
  9002: 'Internal error',
  9003: 'Invalid arguments',
  9004: 'Resources exceeded',
  9005: 'Invalid parameter name',
  9006: 'Invalid parameter type',
  9007: 'Invalid parameter value',
  9008: 'Attempt to set a non-writable parameter',
  9009: 'Notification request rejected',
  9010: 'File transfer failure',
  9011: 'Upload failure',
  9012: 'File transfer server authentication failure',
  9013: 'Unsupported protocol for file transfer',
  9015: 'File transfer failure: unable to contact file server',
  9016: 'File transfer failure: unable to access file',
  9017: 'File transfer failure: unable to complete download',
  9018: 'File transfer failure: file corrupted',
};

export function faultText(code: number): string {
  return FAULT_TEXT[code] ?? 'Fault';
}

/**
 * A CPE SOAP Fault. faultcode is 'Client' for request errors and 'Server' for 9002/9004
 * (TR-069 A.5: "Server" when the CPE itself failed).
 */
export function cpeFault(code: number, text = faultText(code), entries: SetParameterValuesFaultEntry[] = []): CpeFault {
  return {
    name: 'Fault',
    faultCode: code === 9002 || code === 9004 ? 'Server' : 'Client',
    faultString: 'CWMP fault',
    code,
    string: text,
    setParameterValuesFaults: entries,
  };
}

/** Thrown inside a handler to abort it with a fault; caught by SimulatedCpe.handle. */
export class CpeFaultError extends Error {
  readonly fault: CpeFault;
  constructor(code: number, text = faultText(code), entries: SetParameterValuesFaultEntry[] = []) {
    super(`CWMP fault ${code}: ${text}`);
    this.name = 'CpeFaultError';
    this.fault = cpeFault(code, text, entries);
  }
}
