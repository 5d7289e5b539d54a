// Common settings on TR-181 (Device.): Wi-Fi from wifi-tr181.ts; the WAN as the IP interface of
// the default route (Routing.Router.{i}.IPv4Forwarding with an empty or 0.0.0.0 destination),
// else the best non-LAN IP interface; PPPoE from PPP.Interface.{i}; the LAN from the DHCPv4
// server pool's interface.
import { isUp, realAddress, type ParamTree } from '../device-summary-tree.ts';
import { managementAndTime } from './resolve-common.ts';
import { firstOf, shortName, under, unsupported, type Resolution, type Resolutions, type SettingsTree } from './resolution.ts';
import { wifiTr181 } from './wifi-tr181.ts';

const D = 'Device.';
type Found = string | { unsupported: string };
const VENDOR_CONN_TYPE = ['X_TP_ConnType', 'X_ZTE-COM_ConnType', 'X_HW_ConnType'];

const anyAddress = (a: string | null): boolean => a === null || a === '' || a === '0.0.0.0';

/** The interface's IPv4Address to use: the first enabled one with a real address, else the first. */
function ipv4Address(t: ParamTree, ipIf: string): string | undefined {
  const all = t.instances(`${ipIf}IPv4Address.`);
  return all.find((a) => t.flag(`${a}Enable`) !== false && realAddress(t.text(`${a}IPAddress`)) !== null) ?? all[0];
}

/** LAN interfaces: DHCP pools' interfaces, those a vendor marks LAN (X_TP_ConnType, EX220 dump), or named br*, lan. */
function lanInterfaces(t: ParamTree): string[] {
  const out = new Set<string>();
  for (const pool of t.instances(`${D}DHCPv4.Server.Pool.`)) for (const i of t.refs(`${pool}Interface`)) out.add(i);
  for (const i of t.instances(`${D}IP.Interface.`)) {
    if (VENDOR_CONN_TYPE.some((p) => t.text(`${i}${p}`)?.toUpperCase() === 'LAN')) out.add(i);
    if (/^(br\d*|lan)$/i.test(t.text(`${i}Name`) ?? '')) out.add(i);
  }
  return [...out];
}

/** The enabled default route (XX230v dump: IPv4Forwarding.5 via IP.Interface.6, the PPPoE; forwardings 1-3 are disabled). */
function defaultRoute(t: ParamTree): string | undefined {
  for (const router of t.instances(`${D}Routing.Router.`)) {
    for (const f of t.instances(`${router}IPv4Forwarding.`)) {
      if (t.flag(`${f}Enable`) === false || !anyAddress(t.text(`${f}DestIPAddress`)) || !anyAddress(t.text(`${f}DestSubnetMask`))) continue;
      if (t.refs(`${f}Interface`).some((i) => i.startsWith(`${D}IP.Interface.`))) return f;
    }
  }
  return undefined;
}

/** The WAN IP interface: the default route's, else the non-LAN, non-loopback one that is up, has an address, is enabled. */
function wanInterface(t: ParamTree, route: string | undefined): Found {
  const viaRoute = route === undefined ? undefined : t.refs(`${route}Interface`)[0];
  if (viaRoute !== undefined && t.has(viaRoute)) return viaRoute;
  const lan = lanInterfaces(t);
  let top: { i: string; s: number } | undefined;
  for (const i of t.instances(`${D}IP.Interface.`)) {
    if (lan.includes(i) || t.flag(`${i}Loopback`) === true || t.text(`${i}Name`) === 'lo') continue;
    const a = ipv4Address(t, i);
    const s =
      (isUp(t.text(`${i}Status`)) ? 8 : 0) +
      (a !== undefined && realAddress(t.text(`${a}IPAddress`)) !== null ? 4 : 0) +
      (t.flag(`${i}Enable`) !== false ? 2 : 0);
    if (top === undefined || s > top.s) top = { i, s };
  }
  return top?.i ?? unsupported('no WAN IP interface on this device');
}

/**
 * The PPPoE interface: PPP.Interface over anything but USB (a 3G/4G modem: PPP.Interface.1 of
 * the EX220 and XX230v dumps), the one under the WAN first, then up, then enabled.
 */
function pppoeInterface(t: ParamTree, wanIf: Found): Found {
  const ppps = t.instances(`${D}PPP.Interface.`);
  const usable = ppps.filter((p) => !t.refs(`${p}LowerLayers`).some((l) => l.includes('.USB.')));
  const underWan = typeof wanIf === 'string' ? t.refs(`${wanIf}LowerLayers`) : [];
  let top: { p: string; s: number } | undefined;
  for (const p of usable) {
    const s =
      (underWan.includes(p) ? 16 : 0) +
      (isUp(t.text(`${p}ConnectionStatus`) ?? t.text(`${p}Status`)) ? 8 : 0) +
      (t.flag(`${p}Enable`) !== false ? 2 : 0);
    if (top === undefined || s > top.s) top = { p, s };
  }
  if (top !== undefined) return top.p;
  if (ppps.length === 0) return unsupported('no PPPoE connection on this device (no PPP.Interface)');
  return unsupported(`no PPPoE connection on this device: ${ppps.map((p) => shortName(p, D)).join(', ')} runs over USB (a mobile modem)`);
}

function wanSettings(
  t: ParamTree,
  wanIf: Found,
  route: string | undefined,
  ppp: Found,
): Pick<Resolutions, 'wan.connectionType' | 'wan.ip' | 'wan.gateway' | 'wan.dns'> {
  if (typeof wanIf !== 'string') return { 'wan.connectionType': wanIf, 'wan.ip': wanIf, 'wan.gateway': wanIf, 'wan.dns': wanIf };
  const client = t.instances(`${D}DHCPv4.Client.`).find((c) => t.refs(`${c}Interface`).includes(wanIf));
  const overPpp = typeof ppp === 'string' && t.refs(`${wanIf}LowerLayers`).includes(ppp) ? ppp : undefined;
  const address = ipv4Address(t, wanIf);
  const candidates = (paths: (string | undefined | false)[]): string[] => paths.filter((p): p is string => typeof p === 'string');
  const name = shortName(wanIf, D);
  const vendorConnType = VENDOR_CONN_TYPE.map((p) => wanIf + p).find((p) => t.row(p) !== undefined);
  const connType: Resolution | undefined = vendorConnType === undefined ? undefined : { path: vendorConnType };
  return {
    // TR-181 has no connection type; TP-Link adds X_TP_ConnType (DHCP, PPPoE, LAN ...: EX220, XX230v dumps).
    'wan.connectionType':
      connType ??
      unsupported(`TR-181 has no connection-type parameter, and this model has no vendor one (${VENDOR_CONN_TYPE.join(', ')}) on ${name}`),
    'wan.ip': firstOf(
      t,
      candidates([address && `${address}IPAddress`, overPpp && `${overPpp}IPCP.LocalIPAddress`]),
      `WAN address of ${name}`,
    ),
    'wan.gateway': firstOf(
      t,
      candidates([
        route && t.refs(`${route}Interface`).includes(wanIf) && `${route}GatewayIPAddress`,
        client && `${client}IPRouters`,
        overPpp && `${overPpp}IPCP.RemoteIPAddress`,
      ]),
      `WAN gateway of ${name}`,
    ),
    'wan.dns': firstOf(
      t,
      candidates([client && `${client}DNSServers`, overPpp && `${overPpp}IPCP.DNSServers`]),
      `WAN DNS servers of ${name}`,
    ),
  };
}

function lanSettings(t: ParamTree): Pick<Resolutions, 'lan.ip' | 'lan.netmask' | 'lan.dhcp.enabled' | 'lan.dhcp.start' | 'lan.dhcp.end'> {
  const pools = t.instances(`${D}DHCPv4.Server.Pool.`);
  const pool: Found = pools.find((p) => t.flag(`${p}Enable`) !== false) ?? pools[0] ?? unsupported('no DHCPv4 server pool on this device');
  const lanIf = lanInterfaces(t)[0];
  const address: Found =
    lanIf === undefined
      ? unsupported('no LAN IP interface on this device')
      : (ipv4Address(t, lanIf) ?? unsupported(`no IPv4Address on ${shortName(lanIf, D)}`));
  const enabled: Resolution =
    typeof pool === 'string' ? firstOf(t, [`${pool}Enable`, `${D}DHCPv4.Server.Enable`], 'DHCP server on/off') : pool;
  return {
    'lan.ip': under(address, 'IPAddress', 'LAN address', t),
    'lan.netmask': under(address, 'SubnetMask', 'LAN subnet mask', t),
    'lan.dhcp.enabled': enabled,
    'lan.dhcp.start': under(pool, 'MinAddress', 'DHCP range start', t),
    'lan.dhcp.end': under(pool, 'MaxAddress', 'DHCP range end', t),
  };
}

export function resolveTr181(t: SettingsTree): Resolutions {
  const w24 = wifiTr181(t, '2.4 GHz');
  const w5 = wifiTr181(t, '5 GHz');
  const route = defaultRoute(t);
  const wanIf = wanInterface(t, route);
  const ppp = pppoeInterface(t, wanIf);
  return {
    'wifi.ssid': w24.ssid,
    'wifi.key': w24.key,
    'wifi.enabled': w24.enabled,
    'wifi.channel': w24.channel,
    'wifi.5g.ssid': w5.ssid,
    'wifi.5g.key': w5.key,
    'wifi.5g.enabled': w5.enabled,
    'wifi.5g.channel': w5.channel,
    ...wanSettings(t, wanIf, route, ppp),
    'wan.pppoe.username': under(ppp, 'Username', 'PPPoE username', t),
    'wan.pppoe.password': under(ppp, 'Password', 'PPPoE password', t),
    ...lanSettings(t),
    ...managementAndTime(t, D),
  };
}
