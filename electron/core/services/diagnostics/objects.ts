// Where each diagnostic lives in the two data models and which parameters start it (TR-181
// Device.IP.Diagnostics.IPPing/TraceRoute/DownloadDiagnostics/UploadDiagnostics and
// Device.DNS.Diagnostics.NSLookupDiagnostics; TR-098 InternetGatewayDevice.IPPingDiagnostics,
// TraceRouteDiagnostics, DownloadDiagnostics, UploadDiagnostics (TR-143), and NSLookup where a
// vendor has it). Pure: the stored tree is passed in as a lookup.
import type { DiagnosticKind } from '../../../../shared/models-diagnostics.ts';
import type { TaskSpec } from '../../../../shared/tasks.ts';

export type DiagnosticSpec = Extract<TaskSpec, { name: DiagnosticKind }>;

export const DIAGNOSTIC_TASKS: ReadonlySet<string> = new Set<DiagnosticKind>(['ping', 'traceroute', 'speedTest', 'nslookup']);

export function isDiagnosticTask(name: string): name is DiagnosticKind {
  return DIAGNOSTIC_TASKS.has(name);
}

/** What a diagnostic is called in messages ('ping', 'download speed test'). */
export function diagnosticLabel(spec: { name: DiagnosticKind; direction?: 'download' | 'upload' }): string {
  switch (spec.name) {
    case 'ping':
      return 'ping';
    case 'traceroute':
      return 'traceroute';
    case 'nslookup':
      return 'DNS lookup';
    case 'speedTest':
      return `${spec.direction ?? 'download'} speed test`;
  }
}

/**
 * The diagnostic's object paths in the device's data model, the usual one first. NSLookup has no
 * standard TR-098 object; vendors put it under DNS.Diagnostics or at the root (both seen in
 * real dumps).
 */
export function candidateObjects(root: string, spec: DiagnosticSpec): string[] {
  const tr181 = root === 'Device.';
  switch (spec.name) {
    case 'ping':
      return [tr181 ? 'Device.IP.Diagnostics.IPPing.' : `${root}IPPingDiagnostics.`];
    case 'traceroute':
      return [tr181 ? 'Device.IP.Diagnostics.TraceRoute.' : `${root}TraceRouteDiagnostics.`];
    case 'speedTest': {
      const name = spec.direction === 'upload' ? 'UploadDiagnostics.' : 'DownloadDiagnostics.';
      return [tr181 ? `Device.IP.Diagnostics.${name}` : `${root}${name}`];
    }
    case 'nslookup':
      return tr181
        ? ['Device.DNS.Diagnostics.NSLookupDiagnostics.']
        : [`${root}DNS.Diagnostics.NSLookupDiagnostics.`, `${root}NSLookupDiagnostics.`];
  }
}

/** The object to use: the first candidate the stored tree has, else the usual one. */
export function resolveObject(root: string, spec: DiagnosticSpec, has: (path: string) => boolean): string {
  const candidates = candidateObjects(root, spec);
  return candidates.find(has) ?? candidates[0] ?? '';
}

export interface SetValue {
  /** Relative to the diagnostic's object. */
  name: string;
  value: string;
  type: string;
}

/** The parameters a run sets, DiagnosticsState=Requested last. `url`: a speed test's URL on DeskACS. */
export function requestValues(spec: DiagnosticSpec, url: string, bytes: number): SetValue[] {
  const s = (name: string, value: string): SetValue => ({ name, value, type: 'xsd:string' });
  const u = (name: string, value: number): SetValue => ({ name, value: String(value), type: 'xsd:unsignedInt' });
  const values: SetValue[] = [];
  switch (spec.name) {
    case 'ping':
      values.push(s('Host', spec.host), u('NumberOfRepetitions', spec.count ?? 4));
      if (spec.timeoutMs !== undefined) values.push(u('Timeout', spec.timeoutMs));
      if (spec.size !== undefined) values.push(u('DataBlockSize', spec.size));
      break;
    case 'traceroute':
      values.push(s('Host', spec.host));
      if (spec.maxHops !== undefined) values.push(u('MaxHopCount', spec.maxHops));
      if (spec.timeoutMs !== undefined) values.push(u('Timeout', spec.timeoutMs));
      break;
    case 'speedTest':
      if (spec.direction === 'upload') values.push(s('UploadURL', url), u('TestFileLength', bytes));
      else values.push(s('DownloadURL', url));
      break;
    case 'nslookup':
      values.push(s('HostName', spec.host));
      if (spec.dnsServer !== undefined) values.push(s('DNSServer', spec.dnsServer));
      break;
  }
  values.push(s('DiagnosticsState', 'Requested'));
  return values;
}

/** DiagnosticsState values a device ends a run with, in plain language (TR-181 / TR-098 / TR-143). */
const ERROR_STATES: Readonly<Record<string, string>> = {
  Error_CannotResolveHostName: 'the device could not resolve the host name (check the name, or the DNS servers the device uses)',
  Error_DNSServerNotResolved: 'the device could not resolve the DNS server it was given',
  Error_DNSServerNotAvailable: 'the DNS server did not answer the device',
  Error_MaxHopCountExceeded: 'the destination was not reached within the maximum number of hops',
  Error_NoRouteToHost: 'the device has no route to the host (is its WAN connection up?)',
  Error_InitConnectionFailed: "the device could not open a connection to the test server (DeskACS's CWMP address)",
  Error_NoResponse: 'the test server did not answer the device',
  Error_TransferFailed: 'the transfer broke off before the end',
  Error_PasswordRequestFailed: 'the test server refused the login',
  Error_LoginFailed: 'the test server refused the login',
  Error_NoTransferMode: 'the device could not set up the transfer',
  Error_NoPASV: 'the device could not set up the transfer',
  Error_IncorrectSize: 'the file the device received had the wrong size',
  Error_Timeout: 'the test took longer than the device allows',
  Error_Internal: 'the device failed internally while running the diagnostic',
  Error_Other: 'the device reported an unspecified error',
  Canceled: 'the diagnostic was cancelled on the device',
};

/** A plain-language reading of a DiagnosticsState that is not Complete. */
export function explainState(state: string): string {
  return ERROR_STATES[state] ?? `the device ended the diagnostic in state '${state}'`;
}
