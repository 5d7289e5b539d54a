// The catalog of common settings: what each named setting means, independent of any data model.
// Resolution to a device's paths lives in resolve-tr181.ts / resolve-tr098.ts.
import { commonSettingKeys, type CommonSetting, type CommonSettingKey } from '../../../../shared/models-settings.ts';

type Entry = Omit<CommonSetting, 'key'>;

const S = 'xsd:string';
const B = 'xsd:boolean';
const U = 'xsd:unsignedInt';

const wifi = (group: CommonSetting['group'], band: string): Record<'ssid' | 'key' | 'enabled' | 'channel', Entry> => ({
  ssid: { label: `Wi-Fi name (${band})`, group, type: S, secret: false, description: `The SSID of the main ${band} network.` },
  key: {
    label: `Wi-Fi password (${band})`,
    group,
    type: S,
    secret: true,
    description: `The WPA passphrase of the main ${band} network (8-63 characters). CPEs report it as empty.`,
  },
  enabled: { label: `Wi-Fi on (${band})`, group, type: B, secret: false, description: `Whether the main ${band} network is on.` },
  channel: {
    label: `Wi-Fi channel (${band})`,
    group,
    type: U,
    secret: false,
    description: `The ${band} radio's channel (while automatic channel selection is on, the one it picked).`,
  },
});

const w24 = wifi('Wi-Fi 2.4 GHz', '2.4 GHz');
const w5 = wifi('Wi-Fi 5 GHz', '5 GHz');

const ENTRIES: Record<CommonSettingKey, Entry> = {
  'wifi.ssid': w24.ssid,
  'wifi.key': w24.key,
  'wifi.enabled': w24.enabled,
  'wifi.channel': w24.channel,
  'wifi.5g.ssid': w5.ssid,
  'wifi.5g.key': w5.key,
  'wifi.5g.enabled': w5.enabled,
  'wifi.5g.channel': w5.channel,
  'wan.connectionType': {
    label: 'WAN connection type',
    group: 'WAN',
    type: S,
    secret: false,
    description:
      "The internet connection's type as the device names it: TR-098 ConnectionType (IP_Routed, IP_Bridged), or a vendor's (TP-Link X_TP_ConnType: DHCP, PPPoE ...) on TR-181.",
  },
  'wan.ip': { label: 'WAN IP address', group: 'WAN', type: S, secret: false, description: "The internet connection's IPv4 address." },
  'wan.gateway': { label: 'WAN gateway', group: 'WAN', type: S, secret: false, description: "The internet connection's default gateway." },
  'wan.dns': {
    label: 'WAN DNS servers',
    group: 'WAN',
    type: S,
    secret: false,
    description: 'The DNS servers of the internet connection (comma-separated).',
  },
  'wan.pppoe.username': {
    label: 'PPPoE username',
    group: 'WAN',
    type: S,
    secret: false,
    description: 'The PPPoE login of the internet connection.',
  },
  'wan.pppoe.password': {
    label: 'PPPoE password',
    group: 'WAN',
    type: S,
    secret: true,
    description: 'The PPPoE password of the internet connection. CPEs report it as empty.',
  },
  'lan.ip': { label: 'LAN IP address', group: 'LAN', type: S, secret: false, description: "The router's own address on the LAN." },
  'lan.netmask': { label: 'LAN subnet mask', group: 'LAN', type: S, secret: false, description: "The LAN address's subnet mask." },
  'lan.dhcp.enabled': {
    label: 'LAN DHCP server on',
    group: 'LAN',
    type: B,
    secret: false,
    description: 'Whether the router hands out LAN addresses.',
  },
  'lan.dhcp.start': {
    label: 'DHCP range start',
    group: 'LAN',
    type: S,
    secret: false,
    description: 'The first address the DHCP server hands out.',
  },
  'lan.dhcp.end': {
    label: 'DHCP range end',
    group: 'LAN',
    type: S,
    secret: false,
    description: 'The last address the DHCP server hands out.',
  },
  'mgmt.url': {
    label: 'ACS URL',
    group: 'Management',
    type: S,
    secret: false,
    description: 'The ACS the device informs (ManagementServer.URL).',
  },
  'mgmt.periodicInformEnable': {
    label: 'Periodic inform on',
    group: 'Management',
    type: B,
    secret: false,
    description: 'Whether the device informs the ACS periodically.',
  },
  'mgmt.periodicInformInterval': {
    label: 'Periodic inform interval (s)',
    group: 'Management',
    type: U,
    secret: false,
    description: 'Seconds between periodic Informs.',
  },
  'mgmt.crUsername': {
    label: 'Connection-request username',
    group: 'Management',
    type: S,
    secret: false,
    description: 'The username the device expects on a connection request.',
  },
  'mgmt.crPassword': {
    label: 'Connection-request password',
    group: 'Management',
    type: S,
    secret: true,
    description: 'The password the device expects on a connection request. CPEs report it as empty.',
  },
  'ntp.enabled': { label: 'NTP on', group: 'Time', type: B, secret: false, description: 'Whether the device sets its clock by NTP.' },
  'ntp.server': { label: 'NTP server', group: 'Time', type: S, secret: false, description: 'The first NTP server (Time.NTPServer1).' },
  'time.zone': {
    label: 'Time zone',
    group: 'Time',
    type: S,
    secret: false,
    description:
      "The time zone in the device's own format: TR-181 LocalTimeZone (POSIX TZ, some vendors an offset like -03:00); TR-098 LocalTimeZoneName.",
  },
};

/** The catalog, in display order (grouped). */
export const COMMON_SETTINGS: readonly CommonSetting[] = commonSettingKeys.map((key) => ({ key, ...ENTRIES[key] }));

const BY_KEY = new Map<string, CommonSetting>(COMMON_SETTINGS.map((s) => [s.key, s]));

/** The catalog entry of a key, or undefined for a key that is not a common setting. */
export function commonSetting(key: string): CommonSetting | undefined {
  return BY_KEY.get(key);
}
