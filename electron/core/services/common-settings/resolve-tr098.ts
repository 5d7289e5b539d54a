// Common settings on TR-098 (InternetGatewayDevice.): Wi-Fi from wifi-tr098.ts, the internet
// connection among WANDevice.{i}.WANConnectionDevice.{j}.WANIPConnection.{k} /
// WANPPPConnection.{k}, the LAN from LANDevice.{i}.LANHostConfigManagement.
import { isUp, objectRef, realAddress, type ParamTree } from '../device-summary-tree.ts';
import { managementAndTime } from './resolve-common.ts';
import { sameSubnet, shortName, under, unsupported, type Resolutions, type SettingsTree } from './resolution.ts';
import { wifiTr098 } from './wifi-tr098.ts';

const IGD = 'InternetGatewayDevice.';
type Found = string | { unsupported: string };

interface Connection {
  path: string;
  ppp: boolean;
  wanDevice: string;
}

function connections(t: ParamTree): Connection[] {
  const out: Connection[] = [];
  for (const wanDevice of t.instances(`${IGD}WANDevice.`)) {
    for (const cd of t.instances(`${wanDevice}WANConnectionDevice.`)) {
      for (const path of t.instances(`${cd}WANPPPConnection.`)) out.push({ path, ppp: true, wanDevice });
      for (const path of t.instances(`${cd}WANIPConnection.`)) out.push({ path, ppp: false, wanDevice });
    }
  }
  return out;
}

const bridged = (t: ParamTree, c: Connection): boolean => /bridged/i.test(t.text(`${c.path}ConnectionType`) ?? '');

const SERVICE_LISTS = ['X_HW_SERVICELIST', 'X_HUAWEI_ServiceList', 'X_ZTE-COM_ServiceList'];

/** A vendor's service list that leaves out INTERNET (a TR069-only or VOIP-only connection) says it is not the internet one. */
function notInternet(t: ParamTree, c: Connection): boolean {
  const list = SERVICE_LISTS.map((p) => t.text(`${c.path}${p}`)).find((v) => v !== null);
  return list !== undefined && list !== null && !/INTERNET/i.test(list);
}

function hostOf(url: string | null): string | null {
  try {
    return url === null ? null : new URL(url).hostname;
  } catch {
    return null;
  }
}

/**
 * How strongly a connection is "the" internet connection: the default one the device names
 * (Layer3Forwarding.DefaultConnectionService; ZTE H199A dump: WANPPPConnection.2), then up, with
 * an address, enabled, routed, carrying INTERNET, and last the one whose address the device's
 * ConnectionRequestURL uses. The Huawei EG8145V5 dump has a disconnected PPPoE at
 * WANConnectionDevice.1 and two connected ones (IP at .2, PPPoE at .4, the CR URL's).
 */
function score(t: ParamTree, c: Connection, defaultService: string, crHost: string | null): number {
  const ip = realAddress(t.text(`${c.path}ExternalIPAddress`));
  return (
    (c.path === defaultService ? 64 : 0) +
    (isUp(t.text(`${c.path}ConnectionStatus`)) ? 32 : 0) +
    (ip !== null ? 16 : 0) +
    (t.flag(`${c.path}Enable`) !== false ? 8 : 0) +
    (bridged(t, c) ? 0 : 4) +
    (notInternet(t, c) ? 0 : 2) +
    (ip !== null && ip === crHost ? 1 : 0)
  );
}

function best(t: ParamTree, candidates: Connection[]): Connection | undefined {
  const defaultService = objectRef(t.text(`${IGD}Layer3Forwarding.DefaultConnectionService`) ?? '');
  const crHost = hostOf(t.text(`${IGD}ManagementServer.ConnectionRequestURL`));
  let top: { c: Connection; s: number } | undefined;
  for (const c of candidates) {
    const s = score(t, c, defaultService, crHost);
    if (top === undefined || s > top.s) top = { c, s };
  }
  return top?.c;
}

/** A mobile-modem PPP link, not PPPoE (TP-Link EC220 G5 v2 dump: TransportType PPP3G on a USB_3G WANDevice). */
function mobile(t: ParamTree, c: Connection): boolean {
  const transport = t.text(`${c.path}TransportType`);
  if (transport !== null && !/pppoe/i.test(transport)) return true;
  return /usb|3g|4g|lte|dongle|mobile/i.test(t.text(`${c.wanDevice}WANCommonInterfaceConfig.WANAccessType`) ?? '');
}

function internet(t: ParamTree, all: Connection[]): Found {
  return best(t, all)?.path ?? unsupported('no WAN connection (WANIPConnection or WANPPPConnection) on this device');
}

function pppoe(t: ParamTree, all: Connection[]): Found {
  const ppp = all.filter((c) => c.ppp);
  const usable = ppp.filter((c) => !mobile(t, c) && !bridged(t, c));
  const found = best(t, usable);
  if (found !== undefined) return found.path;
  if (ppp.length === 0) return unsupported('no PPPoE connection on this device (no WANPPPConnection)');
  return unsupported(
    `no PPPoE connection on this device: ${ppp.map((c) => shortName(c.path, IGD)).join(', ')} is bridged or a mobile link`,
  );
}

/** The LAN's IP interface: the one whose subnet holds the DHCP range (EG8145V5 dump: IPInterface.1 of two), else the first enabled. */
function lanInterface(t: ParamTree, lhcm: string): Found {
  const ifs = t.instances(`${lhcm}IPInterface.`);
  const min = t.text(`${lhcm}MinAddress`);
  const inRange = ifs.find((i) => sameSubnet(t.text(`${i}IPInterfaceIPAddress`), min, t.text(`${i}IPInterfaceSubnetMask`)));
  const found = inRange ?? ifs.find((i) => t.flag(`${i}Enable`) !== false) ?? ifs[0];
  return found ?? unsupported(`no IPInterface under ${shortName(lhcm, IGD)}`);
}

export function resolveTr098(t: SettingsTree): Resolutions {
  const w24 = wifiTr098(t, '2.4 GHz');
  const w5 = wifiTr098(t, '5 GHz');
  const all = connections(t);
  const wan = internet(t, all);
  const ppp = pppoe(t, all);
  const lhcm: Found =
    t.instances(`${IGD}LANDevice.`).find((lan) => t.has(`${lan}LANHostConfigManagement.`)) ??
    unsupported('no LANHostConfigManagement on this device');
  const lhcmPath: Found = typeof lhcm === 'string' ? `${lhcm}LANHostConfigManagement.` : lhcm;
  const lanIf = typeof lhcmPath === 'string' ? lanInterface(t, lhcmPath) : lhcmPath;
  return {
    'wifi.ssid': w24.ssid,
    'wifi.key': w24.key,
    'wifi.enabled': w24.enabled,
    'wifi.channel': w24.channel,
    'wifi.5g.ssid': w5.ssid,
    'wifi.5g.key': w5.key,
    'wifi.5g.enabled': w5.enabled,
    'wifi.5g.channel': w5.channel,
    'wan.connectionType': under(wan, 'ConnectionType', 'WAN connection type', t),
    'wan.ip': under(wan, 'ExternalIPAddress', 'WAN address', t),
    'wan.gateway': under(wan, 'DefaultGateway', 'WAN gateway', t),
    'wan.dns': under(wan, 'DNSServers', 'WAN DNS servers', t),
    'wan.pppoe.username': under(ppp, 'Username', 'PPPoE username', t),
    'wan.pppoe.password': under(ppp, 'Password', 'PPPoE password', t),
    'lan.ip': under(lanIf, 'IPInterfaceIPAddress', 'LAN address', t),
    'lan.netmask': under(lanIf, 'IPInterfaceSubnetMask', 'LAN subnet mask', t),
    'lan.dhcp.enabled': under(lhcmPath, 'DHCPServerEnable', 'DHCP server on/off', t),
    'lan.dhcp.start': under(lhcmPath, 'MinAddress', 'DHCP range start', t),
    'lan.dhcp.end': under(lhcmPath, 'MaxAddress', 'DHCP range end', t),
    ...managementAndTime(t, IGD),
  };
}
