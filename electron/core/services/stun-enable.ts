// enableStun: switch a device to STUN (TR-069 Annex G, TR-111 Part 2) with one
// SetParameterValues of its ManagementServer.STUN* parameters: DeskACS's STUN server address and
// port, and STUN credentials of its own (kept so the server can check MESSAGE-INTEGRITY and
// know whose Binding Request it is), then a read of UDPConnectionRequestAddress and NATDetected.
// The pieces (credentials, address, values, host check) are shared with a profile's `stun` item
// (profiles/plan-stun.ts), so both put the same values on a device.
import { isIP } from 'node:net';
import { AcsError } from '../../../shared/errors.ts';
import type { CreateTaskResult } from '../../../shared/models.ts';
import type { ValueTuple } from '../../../shared/tasks.ts';
import { generateCredentials } from '../generated-credentials.ts';
import type { Store } from '../store/index.ts';
import type { TaskService } from './tasks/service.ts';

export interface StunEnableDeps {
  store: Store;
  tasks: TaskService;
  stunPort: () => number | null;
  /** The ACS's own CWMP URL (the address of last resort). */
  cwmpUrl: () => string;
}

export interface StunEnableArgs {
  id: string;
  /** The address devices reach DeskACS's STUN server at (default: the host of the device's ACS URL). */
  serverAddress?: string | undefined;
  connectionRequest?: boolean | undefined;
}

export interface StunCredentials {
  username: string;
  password: string;
}

export const STUN_SERVER_OFF = 'the STUN server is off: start DeskACS with a STUN port (serve --stun-port 3478)';
export const STUN_ADDRESS_UNKNOWN = "cannot tell which address the device reaches DeskACS at: give 'serverAddress'";

/** 'Device.ManagementServer.' or 'InternetGatewayDevice.ManagementServer.' */
export function managementServerOf(rootObject: string): string {
  return `${rootObject === 'InternetGatewayDevice' ? 'InternetGatewayDevice' : 'Device'}.ManagementServer.`;
}

function hostOf(url: string | null | undefined): string | null {
  if (url == null || url === '') return null;
  try {
    const h = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return h === '' ? null : h;
  } catch {
    return null;
  }
}

const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Why a STUN server address is not a host name or IP address (a URL, a port, spaces), or null. */
export function hostProblem(text: string): string | null {
  if (isIP(text) !== 0) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return `'${text}' is a URL: give the host only, such as acs.example.net`;
  if (/^\[.*\]$/.test(text)) return `'${text}': give an IPv6 address without brackets`;
  if (/:\d+$/.test(text)) return `'${text}' holds a port: give the host only (the port is the STUN server's own)`;
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name.length > 0 && name.length <= 253 && name.split('.').every((l) => LABEL.test(l))) return null;
  return `'${text}' is not a host name or IP address, such as acs.example.net or 192.0.2.10`;
}

/** The device's STUN credentials: the ones kept for it, else new ones (kept at once when `keep`). */
export function stunCredentialsOf(store: Store, deviceId: string, keep: boolean): StunCredentials & { kept: boolean } {
  const known = store.stunBindings.get(deviceId);
  if (known !== undefined) return { username: known.username, password: known.password, kept: true };
  const creds = generateCredentials();
  if (keep) store.stunBindings.setCredentials(deviceId, creds.username, creds.password);
  return { ...creds, kept: keep };
}

/** The address the device reaches DeskACS's STUN server at: given, else the host of its ACS URL, else of DeskACS's own. */
export function stunServerAddress(
  store: Store,
  deviceId: string,
  ms: string,
  given: string | null | undefined,
  cwmpUrl: string,
): string | null {
  return given ?? hostOf(store.parameters.get(deviceId, `${ms}URL`)?.value) ?? hostOf(cwmpUrl);
}

/** The ManagementServer.STUN* values that point a device at DeskACS's STUN server with its credentials. */
export function stunValues(ms: string, address: string, port: number, creds: StunCredentials): ValueTuple[] {
  return [
    [`${ms}STUNEnable`, true],
    [`${ms}STUNServerAddress`, address],
    [`${ms}STUNServerPort`, port],
    [`${ms}STUNUsername`, creds.username],
    [`${ms}STUNPassword`, creds.password],
  ];
}

export async function enableStun(deps: StunEnableDeps, args: StunEnableArgs): Promise<CreateTaskResult> {
  const { store } = deps;
  const device = store.devices.get(args.id);
  if (device === undefined) throw new AcsError('not_found', `no device with id '${args.id}'`);
  const port = deps.stunPort();
  if (port === null) throw new AcsError('conflict', STUN_SERVER_OFF);
  const given = args.serverAddress?.trim();
  const problem = given === undefined ? null : hostProblem(given);
  if (problem !== null) throw new AcsError('bad_request', `serverAddress: ${problem}`);
  const ms = managementServerOf(device.rootObject);
  const address = stunServerAddress(store, args.id, ms, given, deps.cwmpUrl());
  if (address === null) throw new AcsError('bad_request', STUN_ADDRESS_UNKNOWN);
  const creds = stunCredentialsOf(store, args.id, false);
  const values = stunValues(ms, address, port, creds);
  // Checked against the stored tree first (unknown parameters: refresh ManagementServer. first).
  const set = await deps.tasks.create(args.id, { name: 'setParameterValues', values }, {});
  store.stunBindings.setCredentials(args.id, creds.username, creds.password);
  const readable = ['UDPConnectionRequestAddress', 'NATDetected']
    .map((n) => ms + n)
    .filter((p) => store.parameters.get(args.id, p) !== undefined);
  if (readable.length > 0) await deps.tasks.create(args.id, { name: 'getParameterValues', names: readable }, {});
  if (args.connectionRequest !== true) return set;
  const report = await deps.tasks.connectionRequest(args.id);
  return { ...set, connectionRequest: report };
}
