// Built-in TR-098 (InternetGatewayDevice:1.4) gateway: DSL WAN with an IP and a PPP connection,
// one LAN with two WLANs and two hosts. Notation: see builtin-models.ts.

import { identityRows, MANAGEMENT_SERVER_ROWS } from './builtin-common.ts';
import type { Row } from './builtin-models.ts';
import { DIAGNOSTICS_TR098_ROWS, deviceLogRow } from './diagnostics-rows.ts';

const WAN_CD = 'WANDevice.1.WANConnectionDevice.1.';

function wlan(i: number, channel: string, standard: string): Row[] {
  const p = `LANDevice.1.WLANConfiguration.${i}.`;
  return [
    [`${p}Enable`, 'B', 'true'],
    [`${p}Status`, 's', 'Up'],
    [`${p}BSSID`, 's', `0a:1b:2c:00:01:1${i}`],
    [`${p}Channel`, 'U', channel],
    [`${p}AutoChannelEnable`, 'B', 'true'],
    [`${p}SSID`, 'S', `DeskACS-${i === 1 ? '2G' : '5G'}`],
    [`${p}BeaconType`, 'S', '11i'],
    [`${p}Standard`, 's', standard],
    [`${p}KeyPassphrase`, 'S', 'changeme-please'],
    [`${p}IEEE11iEncryptionModes`, 'S', 'AESEncryption'],
    [`${p}IEEE11iAuthenticationMode`, 'S', 'PSKAuthentication'],
    [`${p}SSIDAdvertisementEnabled`, 'B', 'true'],
    [`${p}RadioEnabled`, 'B', 'true'],
    [`${p}TotalAssociations`, 'u', '0'],
  ];
}

function host(i: number, mac: string, ip: string, name: string): Row[] {
  const p = `LANDevice.1.Hosts.Host.${i}.`;
  return [
    [`${p}IPAddress`, 's', ip],
    [`${p}MACAddress`, 's', mac],
    [`${p}HostName`, 's', name],
    [`${p}Active`, 'b', 'true'],
    [`${p}InterfaceType`, 's', i === 1 ? 'Ethernet' : '802.11'],
  ];
}

const DEVICE_INFO: Row[] = [
  ['DeviceSummary', 's', 'InternetGatewayDevice:1.4[](Baseline:2, EthernetLAN:1, WiFiLAN:1, ADSLWAN:1, Time:1)'],
  ['LANDeviceNumberOfEntries', 'u', '1'],
  ['WANDeviceNumberOfEntries', 'u', '1'],
  ...identityRows('098', 'DeskACS simulated TR-098 gateway'),
  ['DeviceInfo.SpecVersion', 's', '1.0'],
  ...MANAGEMENT_SERVER_ROWS,
  ['Time.NTPServer1', 'S', 'pool.ntp.org'],
  ['Time.LocalTimeZoneName', 'S', 'UTC0'],
  ['Layer3Forwarding.DefaultConnectionService', 'S', `InternetGatewayDevice.${WAN_CD}WANIPConnection.1`],
  ['Layer3Forwarding.ForwardNumberOfEntries', 'u', '0'],
  ['Layer3Forwarding.Forwarding.', 'O'],
];

const LAN: Row[] = [
  ['LANDevice.1.LANEthernetInterfaceNumberOfEntries', 'u', '1'],
  ['LANDevice.1.LANWLANConfigurationNumberOfEntries', 'u', '2'],
  ['LANDevice.1.LANHostConfigManagement.DHCPServerEnable', 'B', 'true'],
  ['LANDevice.1.LANHostConfigManagement.MinAddress', 'S', '192.168.1.100'],
  ['LANDevice.1.LANHostConfigManagement.MaxAddress', 'S', '192.168.1.199'],
  ['LANDevice.1.LANHostConfigManagement.SubnetMask', 'S', '255.255.255.0'],
  ['LANDevice.1.LANHostConfigManagement.DNSServers', 'S', '192.168.1.1'],
  ['LANDevice.1.LANHostConfigManagement.DHCPLeaseTime', 'I', '86400'],
  ['LANDevice.1.LANHostConfigManagement.IPInterfaceNumberOfEntries', 'u', '1'],
  ['LANDevice.1.LANHostConfigManagement.IPInterface.1.Enable', 'B', 'true'],
  ['LANDevice.1.LANHostConfigManagement.IPInterface.1.IPInterfaceIPAddress', 'S', '192.168.1.1'],
  ['LANDevice.1.LANHostConfigManagement.IPInterface.1.IPInterfaceSubnetMask', 'S', '255.255.255.0'],
  ['LANDevice.1.LANHostConfigManagement.IPInterface.1.IPInterfaceAddressingType', 'S', 'Static'],
  ['LANDevice.1.LANEthernetInterfaceConfig.1.Enable', 'B', 'true'],
  ['LANDevice.1.LANEthernetInterfaceConfig.1.Status', 's', 'Up'],
  ['LANDevice.1.LANEthernetInterfaceConfig.1.MACAddress', 's', '0a:1b:2c:00:01:01'],
  ...wlan(1, '6', 'n'),
  ...wlan(2, '36', 'ac'),
  ['LANDevice.1.Hosts.HostNumberOfEntries', 'u', '2'],
  ...host(1, 'aa:bb:cc:00:01:01', '192.168.1.100', 'laptop'),
  ...host(2, 'aa:bb:cc:00:01:02', '192.168.1.101', 'phone'),
];

const WAN: Row[] = [
  ['WANDevice.1.WANConnectionNumberOfEntries', 'u', '1'],
  ['WANDevice.1.WANCommonInterfaceConfig.WANAccessType', 's', 'DSL'],
  ['WANDevice.1.WANCommonInterfaceConfig.Layer1UpstreamMaxBitRate', 'u', '20000000'],
  ['WANDevice.1.WANCommonInterfaceConfig.Layer1DownstreamMaxBitRate', 'u', '100000000'],
  ['WANDevice.1.WANCommonInterfaceConfig.PhysicalLinkStatus', 's', 'Up'],
  [`${WAN_CD}WANIPConnectionNumberOfEntries`, 'u', '1'],
  [`${WAN_CD}WANPPPConnectionNumberOfEntries`, 'u', '1'],
  [`${WAN_CD}WANIPConnection.1.Enable`, 'B', 'true'],
  [`${WAN_CD}WANIPConnection.1.ConnectionStatus`, 's', 'Connected'],
  [`${WAN_CD}WANIPConnection.1.ConnectionType`, 'S', 'IP_Routed'],
  [`${WAN_CD}WANIPConnection.1.Name`, 'S', 'wan_ip'],
  [`${WAN_CD}WANIPConnection.1.AddressingType`, 'S', 'DHCP'],
  [`${WAN_CD}WANIPConnection.1.ExternalIPAddress`, 'S', '198.51.100.23'],
  [`${WAN_CD}WANIPConnection.1.SubnetMask`, 'S', '255.255.255.0'],
  [`${WAN_CD}WANIPConnection.1.DefaultGateway`, 'S', '198.51.100.1'],
  [`${WAN_CD}WANIPConnection.1.DNSServers`, 'S', '192.0.2.53'],
  [`${WAN_CD}WANIPConnection.1.MACAddress`, 's', '0a:1b:2c:00:01:02'],
  [`${WAN_CD}WANIPConnection.1.NATEnabled`, 'B', 'true'],
  [`${WAN_CD}WANIPConnection.1.PortMappingNumberOfEntries`, 'u', '0'],
  [`${WAN_CD}WANIPConnection.1.PortMapping.`, 'O'],
  [`${WAN_CD}WANPPPConnection.1.Enable`, 'B', 'false'],
  [`${WAN_CD}WANPPPConnection.1.ConnectionStatus`, 's', 'Disconnected'],
  [`${WAN_CD}WANPPPConnection.1.ConnectionType`, 'S', 'IP_Routed'],
  [`${WAN_CD}WANPPPConnection.1.Name`, 'S', 'wan_ppp'],
  [`${WAN_CD}WANPPPConnection.1.Username`, 'S', ''],
  [`${WAN_CD}WANPPPConnection.1.Password`, 'S', ''],
  [`${WAN_CD}WANPPPConnection.1.ExternalIPAddress`, 's', ''],
  [`${WAN_CD}WANPPPConnection.1.DNSServers`, 'S', ''],
  [`${WAN_CD}WANPPPConnection.1.NATEnabled`, 'B', 'true'],
  [`${WAN_CD}WANPPPConnection.1.PortMappingNumberOfEntries`, 'u', '0'],
  [`${WAN_CD}WANPPPConnection.1.PortMapping.`, 'O'],
];

export const TR098_ROWS: readonly Row[] = [...DEVICE_INFO, ...LAN, ...WAN, ...DIAGNOSTICS_TR098_ROWS, deviceLogRow()];

const PORT_MAPPING: readonly Row[] = [
  ['PortMappingEnabled', 'B', 'false'],
  ['PortMappingLeaseDuration', 'U', '0'],
  ['RemoteHost', 'S', ''],
  ['ExternalPort', 'U', '0'],
  ['InternalPort', 'U', '0'],
  ['PortMappingProtocol', 'S', 'TCP'],
  ['InternalClient', 'S', ''],
  ['PortMappingDescription', 'S', ''],
];

/** Instance templates for the tables that accept AddObject (relative to `InternetGatewayDevice.`). */
export const TR098_TABLES: Record<string, readonly Row[]> = {
  [`${WAN_CD}WANIPConnection.1.PortMapping.`]: PORT_MAPPING,
  [`${WAN_CD}WANPPPConnection.1.PortMapping.`]: PORT_MAPPING,
  'Layer3Forwarding.Forwarding.': [
    ['Enable', 'B', 'false'],
    ['Status', 's', 'Disabled'],
    ['DestIPAddress', 'S', ''],
    ['DestSubnetMask', 'S', ''],
    ['GatewayIPAddress', 'S', ''],
    ['Interface', 'S', ''],
    ['ForwardingMetric', 'I', '-1'],
  ],
};
