// The summary card's network part for a TR-181 (Device:2) device: the WAN (a PPP interface, or
// an IP interface that is not the LAN, with its IPv4 address and DHCPv4 client), the LAN
// address, and each SSID with its radio's band and its access point's clients.
import type { WanSummary, WifiSummary } from '../../../shared/models-device.ts';
import {
  bandOf,
  bandOfChannel,
  bandOfStandard,
  firstBand,
  pickWan,
  realAddress,
  type NetworkSummary,
  type ParamTree,
  type WanCandidate,
} from './device-summary-tree.ts';

const D = 'Device.';
/** The subtrees read for a TR-181 summary (everything else of a 5,000-parameter tree is skipped). */
export const TR181_SUBTREES = ['DeviceInfo.', 'PPP.', 'IP.', 'DHCPv4.', 'Ethernet.Link.', 'WiFi.'].map((s) => D + s);

export function tr181Network(t: ParamTree, connectionRequestUrl: string): NetworkSummary {
  const ipInterfaces = t.instances(`${D}IP.Interface.`);
  const lan = lanInterfaces(t, ipInterfaces);
  return {
    wan: pickWan(wanCandidates(t, ipInterfaces, lan), connectionRequestUrl),
    lanIp: lan.map((i) => ipv4Of(t, i)).find((ip) => ip !== null) ?? null,
    wifi: t.instances(`${D}WiFi.SSID.`).map((ssid) => wifiOf(t, ssid)),
  };
}

/**
 * The LAN's IP interfaces, most certain first: the DHCP server pools' interfaces, then those
 * a vendor marks LAN (X_TP_ConnType ...), on a bridge, or named br0/lan. Loopback is neither.
 */
function lanInterfaces(t: ParamTree, ipInterfaces: string[]): string[] {
  const out: string[] = [];
  const add = (i: string): void => {
    if (ipInterfaces.includes(i) && !out.includes(i) && !isLoopback(t, i)) out.push(i);
  };
  for (const pool of t.instances(`${D}DHCPv4.Server.Pool.`)) for (const i of t.refs(`${pool}Interface`)) add(i);
  for (const i of ipInterfaces) if (marksLan(t, i)) add(i);
  return out;
}

function marksLan(t: ParamTree, i: string): boolean {
  for (const vendor of ['X_TP_ConnType', 'X_ZTE-COM_ConnType', 'X_HW_ConnType'])
    if (t.text(`${i}${vendor}`)?.toUpperCase() === 'LAN') return true;
  if (/^(br\d*|lan)\b/i.test(t.text(`${i}Name`) ?? '')) return true;
  return t
    .refs(`${i}LowerLayers`)
    .some((l) => l.startsWith(`${D}Ethernet.Link.`) && t.refs(`${l}LowerLayers`).some((b) => b.includes('.Bridging.Bridge.')));
}

function isLoopback(t: ParamTree, i: string): boolean {
  return t.flag(`${i}Loopback`) === true || t.text(`${i}Name`) === 'lo' || (ipv4Of(t, i) ?? '').startsWith('127.');
}

/** The interface's first enabled IPv4 address that is real. */
function ipv4Of(t: ParamTree, i: string): string | null {
  for (const a of t.instances(`${i}IPv4Address.`)) {
    if (t.flag(`${a}Enable`) === false) continue;
    const ip = realAddress(t.text(`${a}IPAddress`));
    if (ip !== null) return ip;
  }
  return null;
}

function wanCandidates(t: ParamTree, ipInterfaces: string[], lan: string[]): WanCandidate[] {
  const out: WanCandidate[] = [];
  const ppps = t.instances(`${D}PPP.Interface.`);
  for (const ppp of ppps) {
    // The IP interface over it holds the address when IPCP does not say.
    const over = ipInterfaces.find((i) => t.refs(`${i}LowerLayers`).includes(ppp));
    out.push({
      wan: {
        type: pppType(t, ppp),
        ip: realAddress(t.text(`${ppp}IPCP.LocalIPAddress`)) ?? (over === undefined ? null : ipv4Of(t, over)),
        state: t.text(`${ppp}ConnectionStatus`) ?? t.text(`${ppp}Status`),
        username: t.text(`${ppp}Username`),
        path: ppp,
      },
      enabled: t.flag(`${ppp}Enable`),
    });
  }
  for (const i of ipInterfaces) {
    if (lan.includes(i) || isLoopback(t, i) || t.refs(`${i}LowerLayers`).some((l) => ppps.includes(l))) continue;
    const wan = ipWan(t, i);
    if (wan !== null) out.push({ wan, enabled: t.flag(`${i}Enable`) });
  }
  return out;
}

/** PPPoE when it has a PPPoE object or runs over Ethernet; PPPoA over ATM; else PPP (3G, ...). */
function pppType(t: ParamTree, ppp: string): string {
  const lower = t.refs(`${ppp}LowerLayers`);
  if (t.has(`${ppp}PPPoE.`) && !lower.some((l) => l.includes('.USB.'))) return 'PPPoE';
  if (lower.some((l) => l.includes('.ATM.'))) return 'PPPoA';
  if (lower.some((l) => l.includes('.Ethernet.'))) return 'PPPoE';
  return 'PPP';
}

/** A routed IP interface: DHCP when a DHCPv4 client serves it (or the address says so), else its addressing. */
function ipWan(t: ParamTree, i: string): WanSummary | null {
  const addresses = t.instances(`${i}IPv4Address.`);
  const client = t.instances(`${D}DHCPv4.Client.`).find((c) => t.refs(`${c}Interface`).includes(i));
  if (addresses.length === 0 && client === undefined) return null;
  const addressing = addresses.map((a) => t.text(`${a}AddressingType`)).find((x) => x !== null) ?? null;
  const dhcp = (client !== undefined && t.flag(`${client}Enable`) !== false) || addressing?.toUpperCase() === 'DHCP';
  return {
    type: dhcp ? 'DHCP' : (addressing ?? 'Static'),
    ip: ipv4Of(t, i) ?? (client === undefined ? null : realAddress(t.text(`${client}IPAddress`))),
    state: t.text(`${i}Status`) ?? (client === undefined ? null : t.text(`${client}DHCPStatus`)),
    username: null,
    path: i,
  };
}

function wifiOf(t: ParamTree, ssid: string): WifiSummary {
  const radio = t.refs(`${ssid}LowerLayers`).find((l) => l.startsWith(`${D}WiFi.Radio.`));
  const ap = t.instances(`${D}WiFi.AccessPoint.`).find((a) => t.refs(`${a}SSIDReference`).includes(ssid));
  const band =
    radio === undefined
      ? ''
      : firstBand(
          bandOf(t.text(`${radio}OperatingFrequencyBand`)),
          bandOfChannel(t.count(`${radio}Channel`)),
          bandOfStandard(t.text(`${radio}OperatingStandards`)),
        );
  return {
    band,
    ssid: t.value(`${ssid}SSID`) ?? '',
    enabled: t.flag(`${ssid}Enable`),
    clients: ap === undefined ? null : t.count(`${ap}AssociatedDeviceNumberOfEntries`),
    ssidPath: `${ssid}SSID`,
  };
}
