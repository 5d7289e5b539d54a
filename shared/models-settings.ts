// Common settings: named settings (wifi.ssid, wan.pppoe.username, mgmt.periodicInformInterval ...)
// that mean the same on every device, resolved per device to the real parameter path of its data
// model (TR-181, TR-098, vendor variants). The catalog is served by listCommonSettings, a device's
// resolution by getDeviceSettings.

/** Every common setting's key, in catalog order. */
export const commonSettingKeys = [
  'wifi.ssid',
  'wifi.key',
  'wifi.enabled',
  'wifi.channel',
  'wifi.5g.ssid',
  'wifi.5g.key',
  'wifi.5g.enabled',
  'wifi.5g.channel',
  'wan.connectionType',
  'wan.ip',
  'wan.gateway',
  'wan.dns',
  'wan.pppoe.username',
  'wan.pppoe.password',
  'lan.ip',
  'lan.netmask',
  'lan.dhcp.enabled',
  'lan.dhcp.start',
  'lan.dhcp.end',
  'mgmt.url',
  'mgmt.periodicInformEnable',
  'mgmt.periodicInformInterval',
  'mgmt.crUsername',
  'mgmt.crPassword',
  'ntp.enabled',
  'ntp.server',
  'time.zone',
] as const;
export type CommonSettingKey = (typeof commonSettingKeys)[number];

export const settingGroups = ['Wi-Fi 2.4 GHz', 'Wi-Fi 5 GHz', 'WAN', 'LAN', 'Management', 'Time'] as const;
export type SettingGroup = (typeof settingGroups)[number];

/** One entry of the catalog (GET /api/common-settings). */
export interface CommonSetting {
  key: CommonSettingKey;
  label: string;
  group: SettingGroup;
  /** The xsd type the setting has on devices ('xsd:string', 'xsd:boolean', 'xsd:unsignedInt'). */
  type: string;
  /** A password or key: the UI masks it. CPEs mostly report such values as empty. */
  secret: boolean;
  /** What the setting means, and where a model's format differs. */
  description: string;
}

/** A common setting as resolved on one device (GET /api/devices/:id/settings). */
export interface DeviceSetting {
  key: CommonSettingKey;
  label: string;
  group: SettingGroup;
  secret: boolean;
  /** The parameter it resolved to on this device, or null when unsupported. */
  path: string | null;
  /** The value as stored (a secret's stored value, usually empty), or null when unknown. */
  value: string | null;
  /** Whether the device says the parameter is writable; null until its names were read. */
  writable: boolean | null;
  /** Why the setting has no path on this device ('no 5 GHz radio on this device' ...), else null. */
  unsupported: string | null;
}
