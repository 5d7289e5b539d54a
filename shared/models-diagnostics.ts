// Remote diagnostics run by the device (issue #16, item 3): IPPing, TraceRoute, TR-143 download
// and upload speed tests, NSLookup. Each run is a task (shared/tasks.ts: ping, traceroute,
// speedTest, nslookup) and a row of the device's diagnostics history (listDiagnostics). Device
// logs (item 4): DeviceInfo.DeviceLog as the device last reported it (getDeviceLog).

export const diagnosticKinds = ['ping', 'traceroute', 'speedTest', 'nslookup'] as const;
export type DiagnosticKind = (typeof diagnosticKinds)[number];

export interface PingResult {
  kind: 'ping';
  host: string;
  sent: number;
  received: number;
  /** 0-100, one decimal. */
  lossPercent: number;
  /** null when no reply came back. */
  rttMinMs: number | null;
  rttAvgMs: number | null;
  rttMaxMs: number | null;
}

export interface TraceHop {
  /** The hop's name as the device resolved it ('' when it did not). */
  host: string;
  address: string;
  /** The first round-trip time the device measured to this hop; null when none answered. */
  rttMs: number | null;
  /** The ICMP error code the hop answered with (0 when none). */
  errorCode: number;
}

export interface TracerouteResult {
  kind: 'traceroute';
  host: string;
  hops: TraceHop[];
  /** The device's round-trip time to the destination, when it reports one. */
  responseTimeMs: number | null;
}

export interface SpeedResult {
  kind: 'speedTest';
  direction: 'download' | 'upload';
  /** Bytes of the test file moved (TestBytesReceived, or TestFileLength / TotalBytesSent). */
  bytes: number;
  /** From BOMTime (first byte) to EOMTime (last byte). */
  durationMs: number | null;
  /** bytes * 8 / duration, in Mbit/s (two decimals); null without a duration. */
  mbps: number | null;
  /** TR-143 times as the device reported them (ISO 8601 with microseconds, or ''). */
  romTime: string;
  bomTime: string;
  eomTime: string;
}

export interface NsLookupAnswer {
  status: string;
  answerType: string;
  hostNameReturned: string;
  ipAddresses: string[];
  dnsServerIp: string;
  responseTimeMs: number | null;
}

export interface NsLookupResult {
  kind: 'nslookup';
  host: string;
  answers: NsLookupAnswer[];
}

export type DiagnosticResult = PingResult | TracerouteResult | SpeedResult | NsLookupResult;

/**
 * requested: DeskACS is setting the diagnostic's parameters on the device; waiting: the device
 * runs it, DeskACS waits for its '8 DIAGNOSTICS COMPLETE'; reading: the results are being read;
 * done; failed (error says why).
 */
export type DiagnosticState = 'requested' | 'waiting' | 'reading' | 'done' | 'failed';

export interface DiagnosticRun {
  id: number;
  deviceId: string;
  taskId: number;
  kind: DiagnosticKind;
  /** What was asked: host, count, direction, ... (the task's arguments). */
  args: Record<string, unknown>;
  /** The diagnostic's object on the device ('Device.IP.Diagnostics.IPPing.'). */
  object: string;
  state: DiagnosticState;
  /** One sentence on what the run waits for, or why it failed. */
  reason: string;
  error: { code: number; message: string; explanation: string } | null;
  requestedAt: string;
  /** When the device reported it complete (waiting until then), or the run ended. */
  completedAt: string | null;
  /** When DeskACS stops waiting for the device (a run still waiting). */
  deadline: string | null;
  result: DiagnosticResult | null;
  /** The result parameters as the device reported them: [name, value]. */
  raw: [string, string][];
}

/** DeviceInfo.DeviceLog as last read from the device (getDeviceLog). */
export interface DeviceLog {
  /** The parameter's path, or null when the device's stored tree has none. */
  path: string | null;
  /** The log text, or null when it was never read. */
  text: string | null;
  /** When the value was last read from the device. */
  readAt: string | null;
}
