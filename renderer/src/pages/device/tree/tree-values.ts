// What a parameter's value looks like and how it is edited, from its xsd type and (for
// enumerations the stored tree cannot tell) its path. Pure: the core checks every value again.

export type EditorKind = 'boolean' | 'number' | 'dateTime' | 'enum' | 'text';

/** 'xsd:unsignedInt' -> 'unsignedInt'; null -> ''. */
export function shortType(type: string | null): string {
  if (type === null) return '';
  const colon = type.indexOf(':');
  return colon < 0 ? type : type.slice(colon + 1);
}

const ranges: Readonly<Record<string, { min: bigint; max: bigint }>> = {
  int: { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  unsignedint: { min: 0n, max: 2n ** 32n - 1n },
  long: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
  unsignedlong: { min: 0n, max: 2n ** 64n - 1n },
};

/** The range of an integer type, or null when the type is not one. */
export function integerRange(type: string | null): { min: bigint; max: bigint } | null {
  return ranges[shortType(type).toLowerCase()] ?? null;
}

/**
 * Values TR-098 and TR-181 define for common settings (the stored tree carries no enumerations).
 * Instance numbers are matched by \d+; the current value is always offered as well.
 */
const knownEnums: readonly [RegExp, readonly string[]][] = [
  [
    /\.WiFi\.AccessPoint\.\d+\.Security\.ModeEnabled$/,
    [
      'None',
      'WEP-64',
      'WEP-128',
      'WPA-Personal',
      'WPA2-Personal',
      'WPA3-Personal',
      'WPA-WPA2-Personal',
      'WPA3-Personal-Transition',
      'WPA-Enterprise',
      'WPA2-Enterprise',
      'WPA3-Enterprise',
      'WPA-WPA2-Enterprise',
    ],
  ],
  [/\.WLANConfiguration\.\d+\.BeaconType$/, ['None', 'Basic', 'WPA', '11i', 'WPAand11i']],
  [/\.WLANConfiguration\.\d+\.BasicEncryptionModes$/, ['None', 'WEPEncryption']],
  [/\.WLANConfiguration\.\d+\.BasicAuthenticationMode$/, ['None', 'EAPAuthentication', 'SharedAuthentication']],
  [
    /\.WLANConfiguration\.\d+\.(WPA|IEEE11i)EncryptionModes$/,
    ['WEPEncryption', 'TKIPEncryption', 'WEPandTKIPEncryption', 'AESEncryption', 'WEPandAESEncryption', 'TKIPandAESEncryption'],
  ],
  [/\.WLANConfiguration\.\d+\.(WPA|IEEE11i)AuthenticationMode$/, ['PSKAuthentication', 'EAPAuthentication']],
  [/\.NAT\.PortMapping\.\d+\.Protocol$/, ['TCP', 'UDP']],
  [/\.PortMapping\.\d+\.PortMappingProtocol$/, ['TCP', 'UDP']],
  [/\.(WANPPPConnection|PPP\.Interface)\.\d+\.ConnectionTrigger$/, ['OnDemand', 'AlwaysOn', 'Manual']],
  [/\.WANIPConnection\.\d+\.AddressingType$/, ['DHCP', 'Static']],
  [/\.WANIPConnection\.\d+\.ConnectionType$/, ['Unconfigured', 'IP_Routed', 'IP_Bridged']],
  [/\.WiFi\.Radio\.\d+\.OperatingChannelBandwidth$/, ['Auto', '20MHz', '40MHz', '80MHz', '160MHz', '320MHz']],
  [/\.WiFi\.Radio\.\d+\.OperatingFrequencyBand$/, ['2.4GHz', '5GHz', '6GHz']],
];

/** The allowed values of a parameter, when its path is a known enumeration (current value included). */
export function enumOptions(path: string, current: string | null): string[] | null {
  const hit = knownEnums.find(([re]) => re.test(path));
  if (hit === undefined) return null;
  const options = [...hit[1]];
  if (current !== null && current !== '' && !options.includes(current)) options.unshift(current);
  return options;
}

export function editorKind(path: string, type: string | null): EditorKind {
  const t = shortType(type).toLowerCase();
  if (t === 'boolean') return 'boolean';
  if (integerRange(type) !== null) return 'number';
  if (t === 'datetime') return 'dateTime';
  if (enumOptions(path, null) !== null) return 'enum';
  return 'text';
}

/** true for 'true'/'1' (any case), false for 'false'/'0', null otherwise. */
export function booleanOf(value: string | null): boolean | null {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}

/** Equal as the device would see them ('1' is 'true', ' 42' is '42' for numbers). */
export function sameValue(type: string | null, a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  const t = shortType(type).toLowerCase();
  if (t === 'boolean') return booleanOf(a) !== null && booleanOf(a) === booleanOf(b);
  if (integerRange(type) !== null && /^[+-]?\d+$/.test(a.trim()) && /^[+-]?\d+$/.test(b.trim()))
    return BigInt(a.trim()) === BigInt(b.trim());
  return false;
}

/** One step up or down in an integer field, kept in the type's range; null when the text is not a whole number. */
export function stepInteger(value: string, type: string | null, by: 1 | -1): string | null {
  const range = integerRange(type);
  const v = value.trim() === '' ? '0' : value.trim();
  if (range === null || !/^[+-]?\d+$/.test(v)) return null;
  let n = BigInt(v) + BigInt(by);
  if (n < range.min) n = range.min;
  if (n > range.max) n = range.max;
  return n.toString();
}

const zoned = /^(\d{4,}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/**
 * A TR-069 dateTime as a datetime-local field's value, in UTC (TR-106 3.2: times without a zone
 * are UTC). '' when the value is not a dateTime.
 */
export function toDateTimeLocal(value: string | null): string {
  const m = zoned.exec((value ?? '').trim());
  if (m === null) return '';
  const [, day = '', time = '', zone] = m;
  const local = `${day}T${time.length === 5 ? `${time}:00` : time}`;
  if (zone === undefined || zone.toUpperCase() === 'Z') return local;
  const t = Date.parse(`${local}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  return Number.isNaN(t) ? local : new Date(t).toISOString().slice(0, 19);
}

/** A datetime-local field's value (UTC) as a TR-069 dateTime: '2026-12-01T08:00:00Z'. */
export function fromDateTimeLocal(local: string): string {
  if (local === '') return '';
  return `${local.length === 16 ? `${local}:00` : local}Z`;
}

export const secretMask = '••••••••';

/** What the core sends in place of a secret not revealed (electron/core/services/secret-params.ts). */
export const apiSecretMask = '••••••';

/** Fields offered for a new instance of well-known tables when no instance shows them yet. */
const knownFields: readonly [RegExp, readonly string[]][] = [
  [/\.NAT\.PortMapping\.$/, ['Enable', 'Protocol', 'ExternalPort', 'InternalPort', 'InternalClient', 'Description']],
  [
    /\.PortMapping\.$/,
    ['PortMappingEnabled', 'PortMappingProtocol', 'ExternalPort', 'InternalPort', 'InternalClient', 'PortMappingDescription'],
  ],
  [/\.StaticAddress\.$/, ['Enable', 'Chaddr', 'Yiaddr']],
];

export function knownInstanceFields(tablePath: string): string[] {
  return [...(knownFields.find(([re]) => re.test(tablePath))?.[1] ?? [])];
}
