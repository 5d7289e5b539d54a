// The summary card's network part for a TR-098 (InternetGatewayDevice:1) device: the WAN among
// WANDevice.{i}.WANConnectionDevice.{j}.WANPPPConnection.{k} / WANIPConnection.{k}, the LAN
// address of LANHostConfigManagement, and each WLANConfiguration with its band.
import type { WanSummary, WifiSummary } from '../../../shared/models-device.ts';
import {
  bandOf,
  bandOfChannel,
  bandOfStandard,
  firstBand,
  objectRef,
  pickWan,
  realAddress,
  type NetworkSummary,
  type ParamTree,
  type WanCandidate,
} from './device-summary-tree.ts';

const IGD = 'InternetGatewayDevice.';
/** The subtrees read for a TR-098 summary. */
export const TR098_SUBTREES = ['DeviceInfo.', 'WANDevice.', 'LANDevice.', 'Layer3Forwarding.'].map((s) => IGD + s);

export function tr098Network(t: ParamTree, connectionRequestUrl: string): NetworkSummary {
  const lans = t.instances(`${IGD}LANDevice.`);
  return {
    wan: pickWan(wanCandidates(t), connectionRequestUrl),
    lanIp: lanIp(t, lans),
    wifi: lans.flatMap((lan) => t.instances(`${lan}WLANConfiguration.`).map((w) => wlanOf(t, w))),
  };
}

function wanCandidates(t: ParamTree): WanCandidate[] {
  // Some CPEs write the default connection without its trailing dot, some as an interface name.
  const defaultService = objectRef(t.text(`${IGD}Layer3Forwarding.DefaultConnectionService`) ?? '');
  const out: WanCandidate[] = [];
  for (const wanDevice of t.instances(`${IGD}WANDevice.`)) {
    for (const cd of t.instances(`${wanDevice}WANConnectionDevice.`)) {
      for (const ppp of t.instances(`${cd}WANPPPConnection.`)) {
        out.push({ wan: pppWan(t, ppp), enabled: t.flag(`${ppp}Enable`), isDefault: ppp === defaultService });
      }
      for (const ip of t.instances(`${cd}WANIPConnection.`)) {
        out.push({ wan: ipWan(t, ip), enabled: t.flag(`${ip}Enable`), isDefault: ip === defaultService });
      }
    }
  }
  return out;
}

function bridged(t: ParamTree, connection: string): boolean {
  return /bridged/i.test(t.text(`${connection}ConnectionType`) ?? '');
}

function pppWan(t: ParamTree, ppp: string): WanSummary {
  return {
    type: bridged(t, ppp) ? 'Bridged' : (t.text(`${ppp}TransportType`) ?? 'PPPoE'),
    ip: realAddress(t.text(`${ppp}ExternalIPAddress`)),
    state: t.text(`${ppp}ConnectionStatus`),
    username: t.text(`${ppp}Username`),
    path: ppp,
  };
}

function ipWan(t: ParamTree, ip: string): WanSummary {
  return {
    type: bridged(t, ip) ? 'Bridged' : (t.text(`${ip}AddressingType`) ?? t.text(`${ip}ConnectionType`) ?? 'IP'),
    ip: realAddress(t.text(`${ip}ExternalIPAddress`)),
    state: t.text(`${ip}ConnectionStatus`),
    username: null,
    path: ip,
  };
}

/** The first LAN IP interface's address, an enabled one first (some CPEs report Enable false on the only one). */
function lanIp(t: ParamTree, lans: string[]): string | null {
  const found: { ip: string; enabled: boolean }[] = [];
  for (const lan of lans) {
    for (const i of t.instances(`${lan}LANHostConfigManagement.IPInterface.`)) {
      const ip = realAddress(t.text(`${i}IPInterfaceIPAddress`));
      if (ip !== null) found.push({ ip, enabled: t.flag(`${i}Enable`) !== false });
    }
  }
  return (found.find((f) => f.enabled) ?? found[0])?.ip ?? null;
}

/** The band: the device's own (OperatingFrequencyBand, X_HW_RFBand, X_TP_Band ...), else the channel, else the standard. */
function wlanOf(t: ParamTree, w: string): WifiSummary {
  const own = ['OperatingFrequencyBand', 'X_HW_RFBand', 'X_TP_Band', 'X_ZTE-COM_Band', 'X_ALU-COM_Band'].map((p) =>
    bandOf(t.text(`${w}${p}`)),
  );
  return {
    band: firstBand(...own, bandOfChannel(t.count(`${w}Channel`)), bandOfStandard(t.text(`${w}Standard`))),
    ssid: t.value(`${w}SSID`) ?? '',
    enabled: t.flag(`${w}Enable`),
    clients: t.count(`${w}TotalAssociations`),
    ssidPath: `${w}SSID`,
  };
}
