// Device identity: OUI-ProductClass-SerialNumber, each part escaped so the id is unambiguous
// (a '-' inside a part is escaped) and safe in a URL path segment.
import type { DeviceId } from './messages.ts';

function escapePart(part: string): string {
  return part.replace(/[^A-Za-z0-9_.~]/g, (c) => {
    const bytes = new TextEncoder().encode(c);
    return Array.from(bytes, (b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  });
}

export function deviceIdOf(id: DeviceId): string {
  const oui = id.oui.trim().toUpperCase();
  return `${escapePart(oui)}-${escapePart(id.productClass.trim())}-${escapePart(id.serialNumber.trim())}`;
}
