// enableStun: switch a device to STUN (TR-069 Annex G, TR-111 Part 2) with one
// SetParameterValues of its ManagementServer.STUN* parameters: DeskACS's STUN server address and
// port, and STUN credentials of its own (kept so the server can check MESSAGE-INTEGRITY and
// know whose Binding Request it is), then a read of UDPConnectionRequestAddress and NATDetected.
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

function hostOf(url: string | null | undefined): string | null {
  if (url == null || url === '') return null;
  try {
    const h = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return h === '' ? null : h;
  } catch {
    return null;
  }
}

export async function enableStun(deps: StunEnableDeps, args: StunEnableArgs): Promise<CreateTaskResult> {
  const { store } = deps;
  const device = store.devices.get(args.id);
  if (device === undefined) throw new AcsError('not_found', `no device with id '${args.id}'`);
  const port = deps.stunPort();
  if (port === null) throw new AcsError('conflict', 'the STUN server is off: start DeskACS with a STUN port (serve --stun-port 3478)');
  const ms = `${device.rootObject === 'InternetGatewayDevice' ? 'InternetGatewayDevice' : 'Device'}.ManagementServer.`;
  const address = args.serverAddress ?? hostOf(store.parameters.get(args.id, `${ms}URL`)?.value) ?? hostOf(deps.cwmpUrl());
  if (address === null) throw new AcsError('bad_request', "cannot tell which address the device reaches DeskACS at: give 'serverAddress'");
  const creds = store.stunBindings.get(args.id) ?? generateCredentials();
  const values: ValueTuple[] = [
    [`${ms}STUNEnable`, true],
    [`${ms}STUNServerAddress`, address],
    [`${ms}STUNServerPort`, port],
    [`${ms}STUNUsername`, creds.username],
    [`${ms}STUNPassword`, creds.password],
  ];
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
