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
