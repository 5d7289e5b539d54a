// Hourly aggregates packed one row per series and UTC day: 24 slots of 18 bytes (count as
// uint16, then min, avg, max and last as float32, little-endian) in one BLOB. A row per hour
// costs ~43 bytes on disk (keys, record header, four 8-byte REALs); a day packed costs ~450 for
// 24 hours, about half. float32 keeps 7 significant digits: plenty for bit/s, dBm, %, seconds.
import type { HourlyPoint } from './metrics.ts';

export const SLOT_BYTES = 18;
export const DAY_BYTES = 24 * SLOT_BYTES;
const DAY = 86_400;

/** The day's 24 slots with `points` (hours of that day, unix seconds) written in. */
export function packDay(existing: Uint8Array | undefined, points: readonly HourlyPoint[]): Uint8Array {
  const bytes = new Uint8Array(DAY_BYTES);
  if (existing !== undefined && existing.length === DAY_BYTES) bytes.set(existing);
  const view = new DataView(bytes.buffer);
  for (const p of points) {
    const slot = Math.floor((p.hour % DAY) / 3600) * SLOT_BYTES;
    view.setUint16(slot, Math.min(p.n, 0xffff), true);
    view.setFloat32(slot + 2, p.min, true);
    view.setFloat32(slot + 6, p.avg, true);
    view.setFloat32(slot + 10, p.max, true);
    view.setFloat32(slot + 14, p.last, true);
  }
  return bytes;
}

/** The hours of a packed day that hold samples, within [fromHour, toHour]. */
export function unpackDay(day: number, blob: Uint8Array, fromHour: number, toHour: number): HourlyPoint[] {
  if (blob.length !== DAY_BYTES) return [];
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const out: HourlyPoint[] = [];
  for (let h = 0; h < 24; h++) {
    const hour = day * DAY + h * 3600;
    if (hour < fromHour || hour > toHour) continue;
    const slot = h * SLOT_BYTES;
    const n = view.getUint16(slot, true);
    if (n === 0) continue;
    out.push({
      hour,
      n,
      min: fround(view.getFloat32(slot + 2, true)),
      avg: fround(view.getFloat32(slot + 6, true)),
      max: fround(view.getFloat32(slot + 10, true)),
      last: fround(view.getFloat32(slot + 14, true)),
    });
  }
  return out;
}

/** A float32 read back as the short decimal it was written from (-27.1, not -27.100000381). */
function fround(v: number): number {
  return Number(v.toPrecision(7));
}
