// DTOs of the device page (issue #11): the summary card, faults with their explanations, the
// session inspector, value checks. Plain data only, as in models.ts.
import type { SessionRecord } from './models.ts';

/** What a device is and how it is doing, read from its stored parameters (TR-181 or TR-098). */
export interface DeviceSummaryCard {
  id: string;
  manufacturer: string;
  modelName: string;
  productClass: string;
  serialNumber: string;
  hardwareVersion: string;
  softwareVersion: string;
  /** Seconds since boot as of `uptimeAt` (the time the value was read), or null when unknown. */
  uptimeSeconds: number | null;
  uptimeAt: string | null;
  wan: WanSummary | null;
  /** The LAN (bridge) address, e.g. 192.168.1.1. */
  lanIp: string | null;
  wifi: WifiSummary[];
  connectionRequest: ConnectionRequestState;
}

export interface WanSummary {
  /** 'PPPoE', 'DHCP', 'Static', 'Bridged' ... as the device reports it, or its connection type. */
  type: string;
  ip: string | null;
  /** e.g. 'Connected', 'Up', 'Disconnected'. */
  state: string | null;
  /** The PPPoE username, when the WAN is PPPoE. */
  username: string | null;
  /** The parameter path of the connection (for "open in tree"). */
  path: string;
}

export interface WifiSummary {
  /** '2.4 GHz', '5 GHz', '6 GHz', or '' when the device does not say. */
  band: string;
  ssid: string;
  enabled: boolean | null;
  /** Associated clients, when the model reports them. */
  clients: number | null;
  /** The SSID parameter's path, to edit it in the tree. */
  ssidPath: string;
}

export interface ConnectionRequestState {
  url: string;
  /** What the last connection request achieved (from this ACS run), or null when none was sent. */
  lastOutcome: { outcome: string; message: string; at: string } | null;
  /** Which credentials a connection request would use. */
  credentials: 'device' | 'default' | 'none';
  /** The username it would use ('' when none). Passwords are never sent to the page here. */
  username: string;
}

/** A fault a device returned or a task ran into, with what it means and what to do. */
export interface DeviceFault {
  id: number;
  deviceId: string;
  taskId: number | null;
  sessionId: number | null;
  code: number;
  /** The device's own FaultString. */
  faultString: string;
  title: string;
  explanation: string;
  suggestedFix: string;
  /** Parameter-level faults of a SetParameterValues (path, code, text), when the device gave them. */
  parameters: { name: string; code: number; message: string }[];
  at: string;
}

/** One message of a session, in order: what the CPE sent or what DeskACS answered. */
export interface SessionMessage {
  seq: number;
  direction: 'cpe' | 'acs';
  /** The RPC's name (Inform, SetParameterValues, SetParameterValuesResponse, Fault, empty). */
  rpc: string;
  at: string;
  /** The SOAP envelope as sent, with passwords masked. Long messages are cut (`truncated`). */
  soap: string;
  truncated: boolean;
}

export interface SessionDetail extends SessionRecord {
  /** The session's messages in order; empty when the session is older than the inspector keeps. */
  messageLog: SessionMessage[];
}

/** The check of one value against the device's stored tree (type, writability), before any task. */
export interface ValueCheck {
  path: string;
  ok: boolean;
  /** The value as it would be sent (coerced: ' 42' -> '42', 'yes' -> 'true' ...). */
  value: string | null;
  /** The parameter's xsd type ('xsd:unsignedInt'), or null when unknown. */
  type: string | null;
  /** Why the value is refused, in the core's own words. */
  message: string | null;
}
