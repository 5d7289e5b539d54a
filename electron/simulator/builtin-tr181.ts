// Built-in TR-181 (Device:2.15) gateway: a PPPoE WAN, a LAN, two Wi-Fi radios/SSIDs/APs, NAT,
// DHCP and two LAN hosts. Notation: see builtin-models.ts.

import { identityRows, MANAGEMENT_SERVER_ROWS } from './builtin-common.ts';
import type { Row } from './builtin-models.ts';
import { DIAGNOSTICS_TR181_ROWS, deviceLogRow } from './diagnostics-rows.ts';

function ssid(i: number, band: string): Row[] {
  const p = `WiFi.SSID.${i}.`;
  return [
    [`${p}Enable`, 'B', 'true'],
    [`${p}Status`, 's', 'Up'],
    [`${p}Alias`, 'S', `cpe-ssid-${i}`],
    [`${p}Name`, 's', `wl${i - 1}`],
    [`${p}LowerLayers`, 'S', `Device.WiFi.Radio.${i}.`],
    [`${p}BSSID`, 's', `0a:1b:2c:00:00:1${i}`],
    [`${p}MACAddress`, 's', `0a:1b:2c:00:00:1${i}`],
    [`${p}SSID`, 'S', `DeskACS-${band}`],
    [`${p}Stats.BytesSent`, 'n', '123456789'],
    [`${p}Stats.BytesReceived`, 'n', '987654321'],
  ];
}

function accessPoint(i: number): Row[] {
  const p = `WiFi.AccessPoint.${i}.`;
  return [
    [`${p}Enable`, 'B', 'true'],
    [`${p}Status`, 's', 'Enabled'],
    [`${p}SSIDReference`, 'S', `Device.WiFi.SSID.${i}.`],
    [`${p}SSIDAdvertisementEnabled`, 'B', 'true'],
    [`${p}AssociatedDeviceNumberOfEntries`, 'u', '0'],
    [`${p}Security.ModesSupported`, 's', 'None,WPA2-Personal,WPA3-Personal,WPA2-WPA3-Personal'],
    [`${p}Security.ModeEnabled`, 'S', 'WPA2-Personal'],
    [`${p}Security.KeyPassphrase`, 'S', 'changeme-please'],
    [`${p}Security.RekeyingInterval`, 'U', '3600'],
  ];
}

function host(i: number, mac: string, ip: string, name: string): Row[] {
  const p = `Hosts.Host.${i}.`;
  return [
    [`${p}PhysAddress`, 's', mac],
    [`${p}IPAddress`, 's', ip],
    [`${p}HostName`, 's', name],
    [`${p}Active`, 'b', 'true'],
    [`${p}Layer1Interface`, 's', i === 1 ? 'Device.Ethernet.Interface.1.' : 'Device.WiFi.SSID.1.'],
  ];
}

const DEVICE_INFO: Row[] = [
  ['RootDataModelVersion', 's', '2.15'],
  ...identityRows('181', 'DeskACS simulated TR-181 gateway'),
  ['DeviceInfo.MemoryStatus.Total', 'u', '262144'],
  ['DeviceInfo.MemoryStatus.Free', 'u', '131072'],
  ['DeviceInfo.ProcessStatus.CPUUsage', 'u', '7'],
];

const MANAGEMENT_SERVER: Row[] = [
  ...MANAGEMENT_SERVER_ROWS,
  ['ManagementServer.CWMPRetryMinimumWaitInterval', 'U', '5'],
  ['ManagementServer.CWMPRetryIntervalMultiplier', 'U', '2000'],
  ['Time.Enable', 'B', 'true'],
  ['Time.Status', 's', 'Synchronized'],
  ['Time.NTPServer1', 'S', 'pool.ntp.org'],
  ['Time.LocalTimeZone', 'S', 'UTC0'],
];

const WAN: Row[] = [
  ['Ethernet.InterfaceNumberOfEntries', 'u', '1'],
  ['Ethernet.Interface.1.Enable', 'B', 'true'],
  ['Ethernet.Interface.1.Status', 's', 'Up'],
  ['Ethernet.Interface.1.Name', 's', 'eth0'],
  ['Ethernet.Interface.1.MACAddress', 's', '0a:1b:2c:00:00:01'],
  ['Ethernet.Interface.1.MaxBitRate', 'I', '-1'],
  ['PPP.InterfaceNumberOfEntries', 'u', '1'],
  ['PPP.Interface.1.Enable', 'B', 'true'],
  ['PPP.Interface.1.Status', 's', 'Up'],
  ['PPP.Interface.1.ConnectionStatus', 's', 'Connected'],
  ['PPP.Interface.1.Name', 's', 'ppp0'],
  ['PPP.Interface.1.LowerLayers', 'S', 'Device.Ethernet.Interface.1.'],
  ['PPP.Interface.1.Username', 'S', 'subscriber@isp.example'],
  ['PPP.Interface.1.Password', 'S', 'ppp-secret'],
  ['PPP.Interface.1.LastConnectionError', 's', 'ERROR_NONE'],
  ['PPP.Interface.1.IPCP.LocalIPAddress', 's', '100.64.12.34'],
  ['PPP.Interface.1.IPCP.RemoteIPAddress', 's', '100.64.0.1'],
  ['PPP.Interface.1.IPCP.DNSServers', 's', '192.0.2.53,198.51.100.53'],
  ['PPP.Interface.1.PPPoE.SessionID', 'u', '4242'],
  ['PPP.Interface.1.PPPoE.ACName', 's', 'bras-1'],
  ['IP.InterfaceNumberOfEntries', 'u', '2'],
  ['IP.Interface.1.Enable', 'B', 'true'],
  ['IP.Interface.1.Status', 's', 'Up'],
  ['IP.Interface.1.Name', 's', 'wan'],
  ['IP.Interface.1.LowerLayers', 'S', 'Device.PPP.Interface.1.'],
  ['IP.Interface.1.IPv4AddressNumberOfEntries', 'u', '1'],
  ['IP.Interface.1.IPv4Address.1.Enable', 'B', 'true'],
  ['IP.Interface.1.IPv4Address.1.Status', 's', 'Enabled'],
  ['IP.Interface.1.IPv4Address.1.IPAddress', 'S', '100.64.12.34'],
  ['IP.Interface.1.IPv4Address.1.SubnetMask', 'S', '255.255.255.255'],
  ['IP.Interface.1.IPv4Address.1.AddressingType', 's', 'IPCP'],
  ['IP.Interface.2.Enable', 'B', 'true'],
  ['IP.Interface.2.Status', 's', 'Up'],
  ['IP.Interface.2.Name', 's', 'lan'],
  ['IP.Interface.2.IPv4AddressNumberOfEntries', 'u', '1'],
  ['IP.Interface.2.IPv4Address.1.Enable', 'B', 'true'],
  ['IP.Interface.2.IPv4Address.1.IPAddress', 'S', '192.168.1.1'],
  ['IP.Interface.2.IPv4Address.1.SubnetMask', 'S', '255.255.255.0'],
  ['IP.Interface.2.IPv4Address.1.AddressingType', 's', 'Static'],
];

const LAN: Row[] = [
  ['DHCPv4.Server.Enable', 'B', 'true'],
  ['DHCPv4.Server.PoolNumberOfEntries', 'u', '1'],
  ['DHCPv4.Server.Pool.1.Enable', 'B', 'true'],
  ['DHCPv4.Server.Pool.1.MinAddress', 'S', '192.168.1.100'],
  ['DHCPv4.Server.Pool.1.MaxAddress', 'S', '192.168.1.199'],
  ['DHCPv4.Server.Pool.1.SubnetMask', 'S', '255.255.255.0'],
  ['DHCPv4.Server.Pool.1.DNSServers', 'S', '192.168.1.1'],
  ['DHCPv4.Server.Pool.1.LeaseTime', 'I', '86400'],
  ['DHCPv4.Server.Pool.1.StaticAddressNumberOfEntries', 'u', '0'],
  ['DHCPv4.Server.Pool.1.StaticAddress.', 'O'],
  ['NAT.PortMappingNumberOfEntries', 'u', '0'],
  ['NAT.PortMapping.', 'O'],
  ['Hosts.HostNumberOfEntries', 'u', '2'],
  ...host(1, 'aa:bb:cc:00:00:01', '192.168.1.100', 'laptop'),
  ...host(2, 'aa:bb:cc:00:00:02', '192.168.1.101', 'phone'),
];

const WIFI: Row[] = [
  ['WiFi.RadioNumberOfEntries', 'u', '2'],
  ['WiFi.SSIDNumberOfEntries', 'u', '2'],
  ['WiFi.AccessPointNumberOfEntries', 'u', '2'],
  ['WiFi.Radio.1.Enable', 'B', 'true'],
  ['WiFi.Radio.1.OperatingFrequencyBand', 's', '2.4GHz'],
  ['WiFi.Radio.1.Channel', 'U', '6'],
  ['WiFi.Radio.1.AutoChannelEnable', 'B', 'true'],
  ['WiFi.Radio.2.Enable', 'B', 'true'],
  ['WiFi.Radio.2.OperatingFrequencyBand', 's', '5GHz'],
  ['WiFi.Radio.2.Channel', 'U', '36'],
  ['WiFi.Radio.2.AutoChannelEnable', 'B', 'true'],
  ...ssid(1, '2G'),
  ...ssid(2, '5G'),
  ...accessPoint(1),
  ...accessPoint(2),
];

export const TR181_ROWS: readonly Row[] = [
  ...DEVICE_INFO,
  ...MANAGEMENT_SERVER,
  ...WAN,
  ...LAN,
  ...WIFI,
  ...DIAGNOSTICS_TR181_ROWS,
  deviceLogRow(),
];

/** Instance templates for the tables that accept AddObject (paths relative to `Device.`). */
export const TR181_TABLES: Record<string, readonly Row[]> = {
  'NAT.PortMapping.': [
    ['Enable', 'B', 'false'],
    ['Status', 's', 'Disabled'],
    ['Alias', 'S', ''],
    ['AllInterfaces', 'B', 'false'],
    ['Interface', 'S', 'Device.IP.Interface.1.'],
    ['LeaseDuration', 'U', '0'],
    ['RemoteHost', 'S', ''],
    ['ExternalPort', 'U', '0'],
    ['ExternalPortEndRange', 'U', '0'],
    ['InternalPort', 'U', '0'],
    ['Protocol', 'S', 'TCP'],
    ['InternalClient', 'S', ''],
    ['Description', 'S', ''],
  ],
  'DHCPv4.Server.Pool.1.StaticAddress.': [
    ['Enable', 'B', 'false'],
    ['Alias', 'S', ''],
    ['Chaddr', 'S', ''],
    ['Yiaddr', 'S', ''],
  ],
};
