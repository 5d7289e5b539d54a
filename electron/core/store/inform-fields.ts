// Pure extraction of the device summary fields an Inform carries in its ParameterList
// (TR-069 A.3.3.1: the Inform includes the DeviceSummary/forced parameters of the data model).
import type { InformRequest } from '../cwmp/messages.ts';

export type RootObject = 'Device' | 'InternetGatewayDevice';

/** null means "not in this Inform": the stored value is kept. */
export interface InformDeviceFields {
  rootObject: RootObject | null;
  manufacturer: string | null;
  modelName: string | null;
  softwareVersion: string | null;
  hardwareVersion: string | null;
  connectionRequestUrl: string | null;
  periodicInformInterval: number | null;
  /** The WAN IP from the ParameterList, else the HTTP peer's address. */
  ipAddress: string;
}

// The WAN address a CPE reports, in order of preference: TR-098 WAN connections, then TR-181
// IP interfaces (IPv4 before IPv6).
const IP_PATHS: readonly RegExp[] = [
  /^InternetGatewayDevice\.WANDevice\.\d+\.WANConnectionDevice\.\d+\.WAN(?:IP|PPP)Connection\.\d+\.ExternalIPAddress$/,
  /^Device\.IP\.Interface\.\d+\.IPv4Address\.\d+\.IPAddress$/,
  /^Device\.IP\.Interface\.\d+\.IPv6Address\.\d+\.IPAddress$/,
];

function rootOf(names: readonly string[]): RootObject | null {
  if (names.some((n) => n.startsWith('InternetGatewayDevice.'))) return 'InternetGatewayDevice';
  if (names.some((n) => n.startsWith('Device.'))) return 'Device';
  return null;
}

function usableIp(value: string): boolean {
  const v = value.trim();
  return v !== '' && v !== '0.0.0.0' && v !== '::' && !v.startsWith('127.') && v !== '::1';
}

/** '::ffff:192.0.2.1' (an IPv4 peer on a dual-stack socket) -> '192.0.2.1'. */
export function normaliseRemoteAddress(address: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return m?.[1] ?? address;
}

function wanIp(inform: InformRequest): string | null {
  for (const pattern of IP_PATHS) {
    const hit = inform.parameterList.find((p) => pattern.test(p.name) && usableIp(p.value));
    if (hit !== undefined) return hit.value.trim();
  }
  return null;
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

export function extractDeviceFields(inform: InformRequest, remoteAddress: string): InformDeviceFields {
  const values = new Map(inform.parameterList.map((p) => [p.name, p.value]));
  const rootObject = rootOf(inform.parameterList.map((p) => p.name));
  const param = (suffix: string): string | undefined => (rootObject === null ? undefined : values.get(`${rootObject}.${suffix}`));
  const interval = param('ManagementServer.PeriodicInformInterval')?.trim();
  return {
    rootObject,
    manufacturer: nonEmpty(param('DeviceInfo.Manufacturer')) ?? nonEmpty(inform.deviceId.manufacturer),
    modelName: nonEmpty(param('DeviceInfo.ModelName')) ?? nonEmpty(param('DeviceInfo.ProductClass')),
    softwareVersion: param('DeviceInfo.SoftwareVersion') ?? null,
    hardwareVersion: param('DeviceInfo.HardwareVersion') ?? null,
    connectionRequestUrl: param('ManagementServer.ConnectionRequestURL') ?? null,
    periodicInformInterval: interval !== undefined && /^\d{1,9}$/.test(interval) ? Number(interval) : null,
    ipAddress: wanIp(inform) ?? normaliseRemoteAddress(remoteAddress),
  };
}
