// Which devices a profile applies to (ProfileMatch): every field given must hold. Versions are
// compared segment by segment, numbers as numbers ('1.2.10' > '1.2.9'); serial patterns take
// * and ? wildcards.
import type { ProfileMatch } from '../../../../shared/models-provisioning.ts';
import type { DeviceSummary } from '../../../../shared/models.ts';

/** <0, 0, >0 as a is below, equal to or above b ('V1.2.10' vs 'V1.2.9': above). */
export function compareVersions(a: string, b: string): number {
  const split = (s: string): string[] =>
    s
      .trim()
      .split(/[^0-9A-Za-z]+/)
      .filter((p) => p !== '');
  const pa = split(a);
  const pb = split(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    const c = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y, 'en', { numeric: true, sensitivity: 'base' }) : nx - ny;
    if (c !== 0) return c < 0 ? -1 : 1;
  }
  return 0;
}

/** Whether a version string has at least one digit (a range end that can be compared). */
export function isVersion(text: string): boolean {
  return /\d/.test(text) && /^[0-9A-Za-z._\- ]{1,64}$/.test(text.trim());
}

export function serialPatternProblem(pattern: string): string | null {
  if (pattern.trim() === '') return 'is empty';
  if (!/^[0-9A-Za-z*?_.:-]{1,64}$/.test(pattern)) return 'may hold only letters, digits, - _ . : and the wildcards * and ?';
  return null;
}

export function serialMatches(pattern: string, serial: string): boolean {
  const re = pattern
    .replace(/[.:-]/g, (c) => `\\${c}`)
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(serial);
}

export interface MatchContext {
  device: DeviceSummary;
  /** The stored value of a parameter, or undefined when unknown. */
  value(path: string): string | null | undefined;
}

/** null when every field holds; else which one did not (for the dry run). */
export function mismatch(match: ProfileMatch, ctx: MatchContext): string | null {
  const d = ctx.device;
  const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
  if (match.oui !== undefined && !same(match.oui, d.oui)) return `OUI is ${d.oui}, not ${match.oui}`;
  if (match.manufacturer !== undefined && !same(match.manufacturer, d.manufacturer))
    return `manufacturer is '${d.manufacturer}', not '${match.manufacturer}'`;
  if (match.productClass !== undefined && !same(match.productClass, d.productClass))
    return `product class is '${d.productClass}', not '${match.productClass}'`;
  if (match.model !== undefined && !same(match.model, d.modelName)) return `model is '${d.modelName}', not '${match.model}'`;
  const range = match.softwareVersion;
  if (range?.min !== undefined && compareVersions(d.softwareVersion, range.min) < 0)
    return `software version ${d.softwareVersion} is below ${range.min}`;
  if (range?.max !== undefined && compareVersions(d.softwareVersion, range.max) > 0)
    return `software version ${d.softwareVersion} is above ${range.max}`;
  if (match.serial !== undefined && !serialMatches(match.serial, d.serialNumber))
    return `serial number ${d.serialNumber} does not match '${match.serial}'`;
  if (match.tag !== undefined && !d.tags.includes(match.tag)) return `the device has no tag '${match.tag}'`;
  if (match.parameter !== undefined) {
    const v = ctx.value(match.parameter.path);
    if (v !== match.parameter.value)
      return `${match.parameter.path} is ${v == null ? 'unknown' : `'${v}'`}, not '${match.parameter.value}'`;
  }
  return null;
}
