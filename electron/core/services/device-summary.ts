// The device page's summary card (getDeviceSummary): identity, uptime, WAN, LAN, Wi-Fi and how a
// connection request would go, read from the stored parameters of the device's root (TR-181
// Device. or TR-098 InternetGatewayDevice.). Only the subtrees the card needs are read.
import { AcsError } from '../../../shared/errors.ts';
import type { ConnectionRequestState, DeviceSummaryCard } from '../../../shared/models-device.ts';
import type { Store } from '../store/index.ts';
import { defaultCrCredentials } from './credentials.ts';
import { TR098_SUBTREES, tr098Network } from './device-summary-tr098.ts';
import { TR181_SUBTREES, tr181Network } from './device-summary-tr181.ts';
import { ParamTree, type NetworkSummary } from './device-summary-tree.ts';
import type { WakeOutcomes } from './wake.ts';

export function deviceSummaryCard(store: Store, outcomes: WakeOutcomes, id: string): DeviceSummaryCard {
  const device = store.devices.get(id);
  if (device === undefined) throw new AcsError('not_found', `no device with id '${id}'`);
  const tr098 = device.rootObject === 'InternetGatewayDevice';
  const root = tr098 ? 'InternetGatewayDevice.' : 'Device.';
  const tree = new ParamTree((tr098 ? TR098_SUBTREES : TR181_SUBTREES).flatMap((prefix) => store.parameters.list(id, prefix)));
  const network: NetworkSummary = tr098 ? tr098Network(tree, device.connectionRequestUrl) : tr181Network(tree, device.connectionRequestUrl);
  const uptime = tree.row(`${root}DeviceInfo.UpTime`);
  const seconds = tree.count(`${root}DeviceInfo.UpTime`);
  // The Inform's identity first; ModelName is not in an Inform (the device row holds the product
  // class until then), so the stored DeviceInfo's comes first for it.
  const info = (name: string): string | null => tree.text(`${root}DeviceInfo.${name}`);
  return {
    id,
    manufacturer: device.manufacturer || (info('Manufacturer') ?? ''),
    modelName: info('ModelName') ?? device.modelName,
    productClass: device.productClass,
    serialNumber: device.serialNumber,
    hardwareVersion: device.hardwareVersion || (info('HardwareVersion') ?? ''),
    softwareVersion: device.softwareVersion || (info('SoftwareVersion') ?? ''),
    uptimeSeconds: seconds,
    uptimeAt: seconds === null ? null : (uptime?.updatedAt ?? null),
    wan: network.wan,
    lanIp: network.lanIp,
    wifi: network.wifi,
    connectionRequest: connectionRequestState(store, outcomes, id, device.connectionRequestUrl),
  };
}

/** Which credentials a connection request would answer a challenge with (never the password). */
function connectionRequestState(store: Store, outcomes: WakeOutcomes, id: string, url: string): ConnectionRequestState {
  const own = store.crCredentials.get(id);
  const shared = own === undefined ? defaultCrCredentials(store) : null;
  const credentials = own !== undefined ? 'device' : shared !== null ? 'default' : 'none';
  return {
    url,
    lastOutcome: outcomes.get(id),
    credentials,
    username: own?.username ?? shared?.username ?? '',
  };
}
