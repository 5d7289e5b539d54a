// The router's own MAC addresses as its stored tree holds them (an Inform's values, or a refresh):
// its Ethernet interfaces and links (TR-181), its WAN interface and connections and its LAN ports
// (TR-098), and vendor base-MAC parameters of DeviceInfo. Never the MACs of hosts, associated
// Wi-Fi stations or filter lists: those are other machines'.
import type { Store } from '../../store/index.ts';
import { normaliseMac } from './fields.ts';

const IGD = 'InternetGatewayDevice.';

/** Where to read, and which paths under it are the device's own MACs. */
const SOURCES: { prefix: string; path: RegExp }[] = [
  { prefix: 'Device.Ethernet.', path: /^Device\.Ethernet\.(Interface|Link)\.\d+\.MACAddress$/ },
  { prefix: 'Device.DeviceInfo.', path: /^Device\.DeviceInfo\.X_[^.]+_(Base)?MACAddress$/ },
  { prefix: 'Device.WiFi.SSID.', path: /^Device\.WiFi\.SSID\.\d+\.MACAddress$/ },
  { prefix: `${IGD}WANDevice.`, path: /^InternetGatewayDevice\.WANDevice\.\d+\.WANEthernetInterfaceConfig\.MACAddress$/ },
  {
    prefix: `${IGD}WANDevice.`,
    path: /^InternetGatewayDevice\.WANDevice\.\d+\.WANConnectionDevice\.\d+\.WAN(IP|PPP)Connection\.\d+\.MACAddress$/,
  },
  { prefix: `${IGD}LANDevice.`, path: /^InternetGatewayDevice\.LANDevice\.\d+\.LANEthernetInterfaceConfig\.\d+\.MACAddress$/ },
  { prefix: `${IGD}LANDevice.`, path: /^InternetGatewayDevice\.LANDevice\.\d+\.LANHostConfigManagement\.MACAddress$/ },
  { prefix: `${IGD}DeviceInfo.`, path: /^InternetGatewayDevice\.DeviceInfo\.X_[^.]+_(Base)?MACAddress$/ },
];

/** The device's own MACs (normalised, without duplicates or 00:00:00:00:00:00). */
export function deviceMacs(store: Store, deviceId: string, rootObject: string): string[] {
  const root = rootObject === 'InternetGatewayDevice' ? IGD : 'Device.';
  const macs = new Set<string>();
  const read = new Map<string, { path: string; value: string | null }[]>();
  for (const source of SOURCES) {
    if (!source.prefix.startsWith(root)) continue;
    let rows = read.get(source.prefix);
    if (rows === undefined) {
      rows = store.parameters.list(deviceId, source.prefix);
      read.set(source.prefix, rows);
    }
    for (const row of rows) {
      if (row.value === null || !source.path.test(row.path)) continue;
      const mac = normaliseMac(row.value);
      if (mac !== null && mac !== '00:00:00:00:00:00') macs.add(mac);
    }
  }
  return [...macs];
}
