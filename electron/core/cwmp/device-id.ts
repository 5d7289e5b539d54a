// The device id: OUI-ProductClass-SerialNumber (TR-069 3.4.4: OUI + ProductClass + SerialNumber
// identify a CPE globally). Each part is trimmed and percent-encoded outside [A-Za-z0-9_.~], so
// a '-' inside a part is escaped and the id is unambiguous and safe in a URL path segment.
// The OUI is upper-cased: some CPEs report it in lower case.
import type { DeviceId } from './messages.ts';

const encoder = new TextEncoder();

function escapePart(part: string): string {
  return part.replace(/[^A-Za-z0-9_.~]/gu, (c) =>
    Array.from(encoder.encode(c), (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}

/** The normalised identity columns stored for a device (OUI upper-cased, parts trimmed). */
export function normaliseDeviceId(id: DeviceId): { oui: string; productClass: string; serialNumber: string } {
  return { oui: id.oui.trim().toUpperCase(), productClass: id.productClass.trim(), serialNumber: id.serialNumber.trim() };
}

export function deviceIdOf(deviceId: DeviceId): string {
  const n = normaliseDeviceId(deviceId);
  return `${escapePart(n.oui)}-${escapePart(n.productClass)}-${escapePart(n.serialNumber)}`;
}

/**
 * Longest DeviceId fields accepted (TR-106/TR-181 DeviceInfo: OUI string(6), ProductClass and
 * SerialNumber string(64), Manufacturer string(64)). Tolerant where real CPEs stray: an OUI in
 * lower case or with separators ("00-14-7F") passes, a long Manufacturer name too; what is
 * refused is what cannot identify a device or would make an id no URL or list can carry.
 */
export const DEVICE_ID_LIMITS = { oui: 16, productClass: 64, serialNumber: 64, manufacturer: 256 } as const;

/**
 * Why an Inform's DeviceId cannot identify a device (TR-069 3.4.4: OUI + ProductClass +
 * SerialNumber), or null when it can. ProductClass may be empty (TR-069 Table 36: "if a product
 * class is not used, this string MUST be empty"); OUI and SerialNumber may not.
 */
export function deviceIdProblem(id: DeviceId): string | null {
  const n = normaliseDeviceId(id);
  if (n.oui === '' && n.productClass === '' && n.serialNumber === '') return 'the Inform has no DeviceId';
  if (n.serialNumber === '') return 'DeviceId/SerialNumber is missing or blank';
  if (n.oui === '') return 'DeviceId/OUI is missing or blank';
  for (const field of ['oui', 'productClass', 'serialNumber'] as const) {
    const max = DEVICE_ID_LIMITS[field];
    if (n[field].length > max) return `DeviceId/${fieldNames[field]} is ${n[field].length} characters long (at most ${max})`;
  }
  if (id.manufacturer.length > DEVICE_ID_LIMITS.manufacturer) {
    return `DeviceId/Manufacturer is ${id.manufacturer.length} characters long (at most ${DEVICE_ID_LIMITS.manufacturer})`;
  }
  return null;
}

const fieldNames = { oui: 'OUI', productClass: 'ProductClass', serialNumber: 'SerialNumber' } as const;
