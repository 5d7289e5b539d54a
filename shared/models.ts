// DTOs that cross IPC and HTTP. Plain data only: no classes, no Dates (ISO strings instead).

export interface DeviceSummary {
  id: string;
  oui: string;
  productClass: string;
  serialNumber: string;
  manufacturer: string;
  modelName: string;
  softwareVersion: string;
  hardwareVersion: string;
  connectionRequestUrl: string;
  ipAddress: string;
  firstSeen: string;
  lastInform: string | null;
  lastBoot: string | null;
  periodicInformInterval: number | null;
  /** Root data model: 'Device' (TR-181) or 'InternetGatewayDevice' (TR-098). */
  rootObject: string;
  /** The operator's labels, sorted. */
  tags: string[];
}

export interface DeviceEvent {
  code: string;
  commandKey: string;
  at: string;
  sessionId: number | null;
}

export interface SessionRecord {
  id: number;
  deviceId: string;
  startedAt: string;
  endedAt: string | null;
  outcome: SessionOutcome;
  remoteAddress: string;
  cwmpVersion: string;
  messages: number;
  warnings: string[];
}

export type SessionOutcome = 'open' | 'ok' | 'timeout' | 'fault' | 'error' | 'aborted';

/** A request the CPE made of the ACS (TransferComplete, RequestDownload, Kicked, ...). */
export interface CpeRequestRecord {
  id: number;
  sessionId: number | null;
  method: string;
  detail: unknown;
  at: string;
}

export interface DeviceDetail extends DeviceSummary {
  sessions: SessionRecord[];
  events: DeviceEvent[];
  cpeRequests: CpeRequestRecord[];
  parameterCount: number;
}

export interface ParameterRow {
  path: string;
  value: string | null;
  type: string | null;
  writable: boolean | null;
  object: boolean;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
  /** Cursor of the following page (pass as `after`), or null on the last page. */
  next: string | null;
}

export const taskStatuses = ['queued', 'running', 'done', 'fault', 'cancelled', 'expired'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export interface TaskRecord {
  id: number;
  deviceId: string;
  name: string;
  args: unknown;
  status: TaskStatus;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  result: unknown;
  fault: FaultInfo | null;
  /** How many times the task was sent to the device. */
  attempts: number;
  /**
   * What the task waits for after reaching the device: its boot, its bootstrap, its
   * TransferComplete, or (diagnostics) its '8 DIAGNOSTICS COMPLETE' (`result.reason` says which).
   */
  awaiting: 'boot' | 'bootstrap' | 'transfer' | 'diagnostics' | null;
  /** A retry after a transient fault does not run before this time. */
  notBefore: string | null;
  /** The bulk action (createTasks) this task belongs to, if any. */
  batchId: string | null;
}

export interface FaultInfo {
  code: number;
  message: string;
  detail?: unknown;
}

export interface ServerInfo {
  version: string;
  cwmpUrl: string;
  /** The ACS URLs CPEs on the network can use (one per address of this machine). */
  cwmpUrls: string[];
  /** The same URLs with the network interface each belongs to (loopback only when nothing else). */
  cwmpEndpoints: CwmpEndpoint[];
  apiUrl: string;
  dataDir: string;
  devices: number;
  activeSessions: number;
  /** The UDP port of the built-in STUN server (devices behind NAT), or null when it is off. */
  stunPort: number | null;
  /** https://... of the CWMP TLS listener, or null without one. */
  cwmpTlsUrl: string | null;
  /** The TLS listener's certificate comes from DeskACS's local CA (offered by getCaCertificate). */
  localCa: boolean;
}

/** What a connection request to a device achieved, in a form fit to show. */
export interface ConnectionRequestReport {
  outcome: 'reached' | 'auth-failed' | 'unreachable' | 'timed-out' | 'bad-url' | 'http-error' | 'no-url';
  message: string;
}

export interface CreateTaskResult {
  task: TaskRecord;
  /**
   * True when an identical task (same name and arguments) was already queued or running for the
   * device: that task is returned and nothing new is queued (a double click queues one task).
   */
  reused: boolean;
  /** True when the task finished (or reached the device and now awaits its confirmation) before the call returned. */
  ran: boolean;
  connectionRequest: ConnectionRequestReport | null;
}

/** Connection-request credentials of a device (ACS -> CPE), as the operator sees them. */
export interface DeviceCredentials {
  username: string;
  password: string;
  source: 'operator' | 'import' | 'acs';
  updatedAt: string;
}

/** How CPEs must authenticate to this ACS (shown in settings so installers can configure CPEs). */
export interface CpeAuthSettings {
  mode: 'digest' | 'basic' | 'none';
  realm: string;
  username: string;
  password: string;
  /** register: any device that authenticates is added; refuse: only pre-registered devices. */
  unknownDevices: 'register' | 'refuse';
  /**
   * With CWMP over TLS on, Basic over plain HTTP is refused (such CPEs are asked for Digest)
   * unless this is true. Always present in results.
   */
  allowBasicOverHttp?: boolean;
}

/** A device allowed in before its first Inform (the 'refuse' policy for unknown devices). */
export interface DeviceRegistration {
  deviceId: string;
  note: string;
  createdAt: string;
}

export interface CredentialImportResult {
  inserted: number;
  updated: number;
  /** Rows naming a device DeskACS has never seen; skipped. */
  unknownDevices: string[];
  invalid: { index: number; deviceId: string; reason: string }[];
}

/** A device's own CPE -> ACS credentials, used instead of the shared ones. */
export interface CpeDeviceCredentials {
  deviceId: string;
  username: string;
  password: string;
  updatedAt: string;
}

/** How long per-device history (sessions, faults, CPE requests, finished tasks) is kept. */
export interface HistoryRetention {
  /** Rows older than this many days are removed (1-3650). */
  days: number;
  /** The newest rows of each kind kept per device whatever their age (1-1000). */
  keepPerDevice: number;
}

export interface HistoryPruneReport {
  startedAt: string;
  finishedAt: string;
  /** Devices visited. */
  devices: number;
  removed: { sessions: number; faults: number; cpeRequests: number; tasks: number };
  /** True when the pass was cut short (the ACS was stopping); the next pass goes on. */
  interrupted: boolean;
}

export interface HistorySettings extends HistoryRetention {
  /** The most recent pass (interrupted ones included), or null before the first one. */
  lastPrune: HistoryPruneReport | null;
  /** A pass is running now. */
  pruning: boolean;
  /** When the next scheduled pass starts (null when none is scheduled). */
  nextPruneAt: string | null;
}

/** Where CPEs can reach the CWMP listener: one per network interface address. */
export interface CwmpEndpoint {
  /** The OS's interface name (eth0, Wi-Fi, en0), or 'configured' for an explicit listen address. */
  interface: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  url: string;
  /** Only this machine can use it (127.0.0.1): never an address to give a CPE. */
  loopback: boolean;
}
