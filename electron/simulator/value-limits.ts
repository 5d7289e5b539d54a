// Limits real CPEs put on values beyond their xsd type, which the ACS cannot know without the
// data-model definitions: a value of the right type that the device still refuses with 9007
// (TR-181 Device:2 / TR-098 IGD:1 declare these sizes; firmware enforces them).

interface Limit {
  /** Matches the parameter's path. */
  path: RegExp;
  ok(value: string): boolean;
}

const LIMITS: readonly Limit[] = [
  // SSID: string(32) (IEEE 802.11 allows 32 octets).
  { path: /\.SSID$/, ok: (v) => Buffer.byteLength(v, 'utf8') <= 32 },
  // WPA passphrase: 8 to 63 printable characters (IEEE 802.11i); empty leaves security off.
  { path: /\.KeyPassphrase$/, ok: (v) => v === '' || (v.length >= 8 && v.length <= 63) },
  // A pre-shared key is 64 hex digits.
  { path: /\.PreSharedKey$/, ok: (v) => v === '' || /^[0-9A-Fa-f]{64}$/.test(v) },
  // TR-069 A.3.2.1: PeriodicInformInterval is unsignedInt[1:].
  { path: /\.ManagementServer\.PeriodicInformInterval$/, ok: (v) => v.trim() !== '0' },
];

/** False when the device's model refuses the value for this parameter (fault 9007). */
export function withinModelLimits(path: string, value: string): boolean {
  return LIMITS.every((l) => !l.path.test(path) || l.ok(value));
}
