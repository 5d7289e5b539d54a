// Task specs: what an operator (UI or API) asks DeskACS to do to a device. One task may take
// several RPCs (a refresh is GetParameterNames then GetParameterValues); the task service
// validates a spec against the stored tree before anything is queued.

export type ScalarValue = string | number | boolean;

/** [path, value] or [path, value, xsd type] */
export type ValueTuple = [string, ScalarValue] | [string, ScalarValue, string];

/**
 * Values of a new object instance, by names relative to it: [['Enable', true], ...] or
 * {Enable: true, ...}.
 */
export type InstanceValues = ValueTuple[] | Record<string, ScalarValue>;

export interface AttributeSpec {
  name: string;
  /** 0 off, 1 passive, 2 active (TR-069 A.3.2.4); omitted: leave unchanged. */
  notification?: 0 | 1 | 2;
  /** e.g. ['Subscriber']; omitted: leave unchanged. */
  accessList?: string[];
}

export interface TransferSpec {
  fileType: string;
  url: string;
  username?: string;
  password?: string;
  delaySeconds?: number;
}

export type TaskSpec =
  | { name: 'getParameterValues'; names: string[] }
  /** `path`: '' (the whole device), an object ('Device.WiFi.') or one parameter ('Device.WiFi.SSID.1.SSID'). */
  | { name: 'refresh'; path: string }
  | { name: 'setParameterValues'; values: ValueTuple[] }
  | { name: 'addObject'; path: string; values?: InstanceValues }
  | { name: 'deleteObject'; path: string }
  | { name: 'getParameterAttributes'; names: string[] }
  | { name: 'setParameterAttributes'; attributes: AttributeSpec[] }
  | { name: 'reboot' }
  | { name: 'factoryReset' }
  /**
   * A download of `url`, of a library file (`fileId`) or of one of the device's configuration
   * backups (`backupId`, a restore); exactly one of the three. For `fileId` and `backupId` DeskACS
   * serves the bytes itself at a per-transfer URL made when the RPC is sent, and fileType,
   * fileSize and targetFileName default to the file's (a backup: '3 Vendor Configuration File').
   */
  | ({
      name: 'download';
      fileId?: number;
      backupId?: number;
      fileSize?: number;
      targetFileName?: string;
      successUrl?: string;
      failureUrl?: string;
    } & Omit<TransferSpec, 'url'> & { url?: string })
  /**
   * An upload to `url`, or (no `url`) to DeskACS itself: the device's file is then kept as a
   * configuration backup (`label` is its note) at a per-transfer upload URL made when the RPC is sent.
   */
  | ({ name: 'upload'; label?: string } & Omit<TransferSpec, 'url'> & { url?: string })
  | { name: 'scheduleInform'; delaySeconds: number }
  | { name: 'getRPCMethods' }
  /**
   * Sets ManagementServer.ConnectionRequestUsername/Password on the device (generated when not
   * given) and, once the device accepts them, keeps them for connection requests.
   */
  | { name: 'setConnectionRequestCredentials'; username?: string; password?: string }
  /**
   * Diagnostics run by the device (TR-143 / TR-181 IP.Diagnostics, TR-098 *Diagnostics): one task
   * sets the diagnostic's parameters with DiagnosticsState=Requested, waits for the device's
   * '8 DIAGNOSTICS COMPLETE' and reads the results (shared/models-diagnostics.ts DiagnosticResult).
   */
  | { name: 'ping'; host: string; count?: number; timeoutMs?: number; size?: number }
  | { name: 'traceroute'; host: string; maxHops?: number; timeoutMs?: number }
  /** A TR-143 speed test against DeskACS's own CWMP listener; `bytes` overrides the configured size. */
  | { name: 'speedTest'; direction: 'download' | 'upload'; bytes?: number }
  | { name: 'nslookup'; host: string; dnsServer?: string };

export type TaskName = TaskSpec['name'];

export const taskNames: readonly TaskName[] = [
  'getParameterValues',
  'refresh',
  'setParameterValues',
  'addObject',
  'deleteObject',
  'getParameterAttributes',
  'setParameterAttributes',
  'reboot',
  'factoryReset',
  'download',
  'upload',
  'scheduleInform',
  'getRPCMethods',
  'setConnectionRequestCredentials',
  'ping',
  'traceroute',
  'speedTest',
  'nslookup',
];

/** Options of a task request: when it may run and how long the caller waits. */
export interface TaskOptions {
  /** Send a connection request so the device opens a session now. */
  connectionRequest?: boolean;
  /** Seconds to wait for the task to finish (with connectionRequest); 0 returns at once. */
  waitSeconds?: number;
  /** Seconds the task may stay queued before it expires (default one day). */
  expiresInSeconds?: number;
}
