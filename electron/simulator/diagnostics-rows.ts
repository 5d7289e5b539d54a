// The diagnostics objects of the built-in models (TR-181 Device.IP.Diagnostics.* and
// Device.DNS.Diagnostics.NSLookupDiagnostics, TR-098 *Diagnostics; names as in the Broadband
// Forum schemas and real dumps) and DeviceInfo.DeviceLog. Notation: see builtin-models.ts.
import type { Row } from './builtin-models.ts';
import type { DeviceModel } from './model.ts';

const PING_ROWS: Row[] = [
  ['DiagnosticsState', 'S', 'None'],
  ['Interface', 'S', ''],
  ['Host', 'S', ''],
  ['NumberOfRepetitions', 'U', '4'],
  ['Timeout', 'U', '5000'],
  ['DataBlockSize', 'U', '56'],
  ['DSCP', 'U', '0'],
  ['SuccessCount', 'u', '0'],
  ['FailureCount', 'u', '0'],
  ['AverageResponseTime', 'u', '0'],
  ['MinimumResponseTime', 'u', '0'],
  ['MaximumResponseTime', 'u', '0'],
];

const TRACE_ROWS: Row[] = [
  ['DiagnosticsState', 'S', 'None'],
  ['Interface', 'S', ''],
  ['Host', 'S', ''],
  ['NumberOfTries', 'U', '3'],
  ['Timeout', 'U', '5000'],
  ['DataBlockSize', 'U', '38'],
  ['DSCP', 'U', '0'],
  ['MaxHopCount', 'U', '30'],
  ['ResponseTime', 'u', '0'],
  ['RouteHopsNumberOfEntries', 'u', '0'],
  ['RouteHops.', 'o'],
];

const DOWNLOAD_ROWS: Row[] = [
  ['DiagnosticsState', 'S', 'None'],
  ['Interface', 'S', ''],
  ['DownloadURL', 'S', ''],
  ['DSCP', 'U', '0'],
  ['EthernetPriority', 'U', '0'],
  ['ROMTime', 't', '0001-01-01T00:00:00Z'],
  ['BOMTime', 't', '0001-01-01T00:00:00Z'],
  ['EOMTime', 't', '0001-01-01T00:00:00Z'],
  ['TestBytesReceived', 'u', '0'],
  ['TotalBytesReceived', 'u', '0'],
  ['TCPOpenRequestTime', 't', '0001-01-01T00:00:00Z'],
  ['TCPOpenResponseTime', 't', '0001-01-01T00:00:00Z'],
];

const UPLOAD_ROWS: Row[] = [
  ['DiagnosticsState', 'S', 'None'],
  ['Interface', 'S', ''],
  ['UploadURL', 'S', ''],
  ['DSCP', 'U', '0'],
  ['EthernetPriority', 'U', '0'],
  ['TestFileLength', 'U', '0'],
  ['ROMTime', 't', '0001-01-01T00:00:00Z'],
  ['BOMTime', 't', '0001-01-01T00:00:00Z'],
  ['EOMTime', 't', '0001-01-01T00:00:00Z'],
  ['TotalBytesSent', 'u', '0'],
  ['TCPOpenRequestTime', 't', '0001-01-01T00:00:00Z'],
  ['TCPOpenResponseTime', 't', '0001-01-01T00:00:00Z'],
];

const NSLOOKUP_ROWS: Row[] = [
  ['DiagnosticsState', 'S', 'None'],
  ['Interface', 'S', ''],
  ['HostName', 'S', ''],
  ['DNSServer', 'S', ''],
  ['Timeout', 'U', '3000'],
  ['NumberOfRepetitions', 'U', '1'],
  ['SuccessCount', 'u', '0'],
  ['ResultNumberOfEntries', 'u', '0'],
  ['Result.', 'o'],
];

const under = (prefix: string, rows: Row[]): Row[] => rows.map(([p, k, v]) => (v === undefined ? [prefix + p, k] : [prefix + p, k, v]));

/** TR-181 diagnostics objects, relative to `Device.`. */
export const DIAGNOSTICS_TR181_ROWS: readonly Row[] = [
  ...under('IP.Diagnostics.IPPing.', PING_ROWS),
  ['IP.Diagnostics.IPPing.AverageResponseTimeDetailed', 'u', '0'],
  ['IP.Diagnostics.IPPing.MinimumResponseTimeDetailed', 'u', '0'],
  ['IP.Diagnostics.IPPing.MaximumResponseTimeDetailed', 'u', '0'],
  ...under('IP.Diagnostics.TraceRoute.', TRACE_ROWS),
  ...under('IP.Diagnostics.DownloadDiagnostics.', DOWNLOAD_ROWS),
  ...under('IP.Diagnostics.UploadDiagnostics.', UPLOAD_ROWS),
  ...under('DNS.Diagnostics.NSLookupDiagnostics.', NSLOOKUP_ROWS),
];

/** TR-098 diagnostics objects, relative to `InternetGatewayDevice.` (TR-098 has no standard NSLookup). */
export const DIAGNOSTICS_TR098_ROWS: readonly Row[] = [
  ...under('IPPingDiagnostics.', PING_ROWS),
  ...under('TraceRouteDiagnostics.', TRACE_ROWS),
  ...under('DownloadDiagnostics.', DOWNLOAD_ROWS),
  ...under('UploadDiagnostics.', UPLOAD_ROWS),
];

const BOOT_LOG = [
  'kernel: Linux version 5.4.0 (deskacs-sim)',
  'syslog: system log daemon started',
  'pppd: PPPoE session 4242 established, local IP 100.64.12.34',
  'hostapd: wl0: interface state ENABLED',
  'cwmp: connected to the ACS',
];

/** DeviceInfo.DeviceLog, as a simulated device's boot leaves it. */
export function deviceLogRow(): Row {
  return ['DeviceInfo.DeviceLog', 's', BOOT_LOG.map((l) => `2026-01-01T00:00:00Z ${l}`).join('\n')];
}

/** Adds a line to DeviceInfo.DeviceLog, keeping its last 100 lines. */
export function appendLog(model: DeviceModel, line: string): void {
  const path = `${model.root()}DeviceInfo.DeviceLog`;
  const current = model.value(path);
  if (current === undefined) return;
  const lines = [...current.split('\n').filter((l) => l !== ''), `${new Date().toISOString()} ${line}`];
  model.setValue(path, lines.slice(-100).join('\n'));
}
