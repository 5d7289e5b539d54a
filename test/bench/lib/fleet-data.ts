// A synthetic fleet for scenario 'fleet': N devices of three real-world models, ~30 parameters
// each, written through the store's own Inform path (informs.record) in large transactions.
// Values are deterministic, so a query for device i knows what it must find.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InformRequest, ParameterValue } from '../../../electron/core/cwmp/messages.ts';
import { deviceIdOf, openStore } from '../../../electron/core/store/index.ts';
import { MIGRATIONS } from '../../../electron/core/store/migrations.ts';

/** Bump when the generated data changes, so cached databases are rebuilt. */
const GENERATOR_VERSION = 'fleet-v1';
const BATCH = 5000;

interface FleetModel {
  oui: string;
  productClass: string;
  manufacturer: string;
  modelName: string;
  root: 'InternetGatewayDevice.' | 'Device.';
}

const MODELS: readonly FleetModel[] = [
  {
    oui: '00259E',
    productClass: 'EG8145X6',
    manufacturer: 'Huawei Technologies Co., Ltd',
    modelName: 'EG8145X6',
    root: 'InternetGatewayDevice.',
  },
  { oui: '1C61B4', productClass: 'EX220', manufacturer: 'TP-Link', modelName: 'EX220', root: 'Device.' },
  { oui: 'C0B101', productClass: 'ZXHN H199A', manufacturer: 'ZTE', modelName: 'ZXHN H199A', root: 'InternetGatewayDevice.' },
];
export const SOFTWARE_VERSIONS = ['V5R020C10S115', 'V5R021C00S120', '1.1.0 Build 230213', 'V9.0.11P1N3'] as const;

export const fleetModel = (i: number): FleetModel =>
  MODELS[i % MODELS.length] ?? MODELS[0] ?? { oui: '', productClass: '', manufacturer: '', modelName: '', root: 'Device.' };
export const fleetSerial = (i: number): string => `FLT${String(i).padStart(8, '0')}`;
export const fleetIp = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
export const fleetSsid = (i: number): string => `Home-${(i * 2654435761) % 1_000_000_007}`;
export const fleetSsidPath = (i: number): string =>
  `${fleetModel(i).root}${fleetModel(i).root === 'Device.' ? 'WiFi.SSID.1.SSID' : 'LANDevice.1.WLANConfiguration.1.SSID'}`;
export const fleetDeviceId = (i: number): string => deviceIdOf(fleetInform(i, new Date(0)).deviceId);

function parameters(i: number): ParameterValue[] {
  const m = fleetModel(i);
  const r = m.root;
  const s = (name: string, value: string, type = 'xsd:string'): ParameterValue => ({ name: r + name, value, type });
  const mac = (k: number): string => `02:${[i >> 16, i >> 8, i, k, k * 7].map((b) => (b & 255).toString(16).padStart(2, '0')).join(':')}`;
  const wan =
    m.root === 'Device.'
      ? 'IP.Interface.1.IPv4Address.1.IPAddress'
      : 'WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress';
  const wlan = m.root === 'Device.' ? 'WiFi.SSID.' : 'LANDevice.1.WLANConfiguration.';
  const list: ParameterValue[] = [
    s('DeviceInfo.Manufacturer', m.manufacturer),
    s('DeviceInfo.ManufacturerOUI', m.oui),
    s('DeviceInfo.ModelName', m.modelName),
    s('DeviceInfo.ProductClass', m.productClass),
    s('DeviceInfo.SerialNumber', fleetSerial(i)),
    s('DeviceInfo.HardwareVersion', `HW${i % 3}`),
    s('DeviceInfo.SoftwareVersion', SOFTWARE_VERSIONS[i % SOFTWARE_VERSIONS.length] ?? ''),
    s('DeviceInfo.ProvisioningCode', i % 10 === 0 ? 'BUSINESS' : 'RESIDENTIAL'),
    s('DeviceInfo.UpTime', String((i * 977) % 864_000), 'xsd:unsignedInt'),
    s('ManagementServer.URL', 'http://acs.example.net:7547/'),
    s('ManagementServer.ConnectionRequestURL', `http://${fleetIp(i)}:7547/cr`),
    s('ManagementServer.ParameterKey', ''),
    s('ManagementServer.PeriodicInformEnable', 'true', 'xsd:boolean'),
    s('ManagementServer.PeriodicInformInterval', '3600', 'xsd:unsignedInt'),
    s(wan, fleetIp(i)),
    s(
      m.root === 'Device.' ? 'IP.Interface.1.IPv4Address.1.SubnetMask' : 'WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.SubnetMask',
      '255.255.255.0',
    ),
    s(
      m.root === 'Device.' ? 'DNS.Client.Server.1.DNSServer' : 'WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.DNSServers',
      '8.8.8.8,1.1.1.1',
    ),
    s(m.root === 'Device.' ? 'Ethernet.Interface.1.MACAddress' : 'WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.MACAddress', mac(1)),
    s(`${wlan}1.SSID`, fleetSsid(i)),
    s(`${wlan}2.SSID`, `${fleetSsid(i)}-5G`),
    s(`${wlan}1.Enable`, 'true', 'xsd:boolean'),
    s(`${wlan}2.Enable`, i % 4 === 0 ? 'false' : 'true', 'xsd:boolean'),
    s(m.root === 'Device.' ? 'WiFi.Radio.1.Channel' : 'LANDevice.1.WLANConfiguration.1.Channel', String(1 + (i % 11)), 'xsd:unsignedInt'),
    s(
      m.root === 'Device.' ? 'WiFi.Radio.2.Channel' : 'LANDevice.1.WLANConfiguration.2.Channel',
      String(36 + 4 * (i % 8)),
      'xsd:unsignedInt',
    ),
  ];
  for (let h = 1; h <= 2; h++) {
    const host = m.root === 'Device.' ? `Hosts.Host.${h}.` : `LANDevice.1.Hosts.Host.${h}.`;
    list.push(s(`${host}HostName`, `host-${i}-${h}`), s(`${host}IPAddress`, `192.168.1.${100 + h}`), s(`${host}MACAddress`, mac(10 + h)));
  }
  return list;
}

export function fleetInform(i: number, at: Date): InformRequest {
  const m = fleetModel(i);
  return {
    name: 'Inform',
    deviceId: { manufacturer: m.manufacturer, oui: m.oui, productClass: m.productClass, serialNumber: fleetSerial(i) },
    events: [
      { code: '0 BOOTSTRAP', commandKey: '' },
      { code: '1 BOOT', commandKey: '' },
    ],
    maxEnvelopes: 1,
    currentTime: at.toISOString(),
    retryCount: 0,
    parameterList: parameters(i),
  };
}

export interface FleetDatabase {
  dataDir: string;
  dbPath: string;
  devices: number;
  parametersPerDevice: number;
  cached: boolean;
  /** How long writing it took (when it was built, possibly by an earlier run). */
  populateSeconds: number;
}

/** The cache folder of a fleet: keyed by size, the schema (every migration's SQL) and the generator. */
export function fleetCacheDir(devices: number): string {
  const hash = createHash('sha256');
  for (const m of MIGRATIONS) hash.update(`${m.id}\n${m.name}\n${m.sql}\n`);
  hash.update(GENERATOR_VERSION);
  return join(tmpdir(), 'deskacs-bench-cache', `fleet-${devices}-${hash.digest('hex').slice(0, 12)}`);
}

/** Builds the fleet database through informs.record (the real write path), or reuses a cached one. */
export function fleetDatabase(devices: number, log: (line: string) => void): FleetDatabase {
  const dataDir = fleetCacheDir(devices);
  const dbPath = join(dataDir, 'deskacs.sqlite');
  const marker = join(dataDir, 'complete.json');
  const perDevice = parameters(0).length;
  if (existsSync(marker)) {
    const seconds = Number((JSON.parse(readFileSync(marker, 'utf8')) as { populateSeconds?: unknown }).populateSeconds ?? 0);
    return { dataDir, dbPath, devices, parametersPerDevice: perDevice, cached: true, populateSeconds: seconds };
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  log(`  populating ${devices} devices into ${dataDir} ...`);
  const t0 = performance.now();
  const store = openStore({ path: dbPath });
  // Informs spread over the last day, oldest first, so 'newest first' listing has real order.
  const start = Date.now() - 86_400_000;
  const step = 86_400_000 / devices;
  try {
    for (let from = 0; from < devices; from += BATCH) {
      store.transaction(() => {
        for (let i = from; i < Math.min(devices, from + BATCH); i++) {
          const at = new Date(start + i * step);
          const r = store.informs.record({ inform: fleetInform(i, at), remoteAddress: fleetIp(i), cwmpVersion: '1.0', at, warnings: [] });
          store.sessions.end(r.sessionId, 'ok', { messages: 2, warnings: [] }, at);
        }
      });
    }
  } finally {
    store.close();
  }
  const populateSeconds = (performance.now() - t0) / 1000;
  writeFileSync(marker, JSON.stringify({ devices, populateSeconds, at: new Date().toISOString() }));
  return { dataDir, dbPath, devices, parametersPerDevice: perDevice, cached: false, populateSeconds };
}
