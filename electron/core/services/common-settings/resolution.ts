// What a data model's resolver answers for a common setting: the device's real path, or why the
// device has none. Resolvers only look at the stored tree: a path is given only when that
// parameter is in it, never built from a pattern the device has not shown.
import type { CommonSettingKey } from '../../../../shared/models-settings.ts';
import type { ParameterRow } from '../../../../shared/models.ts';
import { bandOf, bandOfChannel, bandOfStandard, firstBand, ParamTree } from '../device-summary-tree.ts';

/** The stored tree, knowing also whether an object holds anything below itself. */
export class SettingsTree extends ParamTree {
  private readonly paths: string[];

  constructor(rows: readonly ParameterRow[]) {
    super(rows);
    this.paths = rows.map((r) => r.path);
  }

  /** Whether any parameter or object sits below this object path (the object's own row aside). */
  hasBelow(objectPath: string): boolean {
    return this.paths.some((p) => p.startsWith(objectPath) && p !== objectPath);
  }
}

export type Resolution = { path: string } | { unsupported: string };
export type Resolutions = Record<CommonSettingKey, Resolution>;

export const unsupported = (reason: string): { unsupported: string } => ({ unsupported: reason });

/** The first candidate parameter the tree holds, else unsupported naming what was looked for. */
export function firstOf(t: ParamTree, candidates: readonly string[], what: string): Resolution {
  for (const path of candidates) if (t.row(path) !== undefined) return { path };
  return unsupported(`${what}: this model has none of ${candidates.join(', ')}`);
}

/** `param` under an object that was found, or the reason the object was not. */
export function under(object: string | { unsupported: string }, param: string | readonly string[], what: string, t: ParamTree): Resolution {
  if (typeof object !== 'string') return object;
  return firstOf(
    t,
    (typeof param === 'string' ? [param] : param).map((p) => object + p),
    what,
  );
}

/** The band a channel list implies ('1-13', '1,2,...' -> 2.4 GHz; '36,40,...' -> 5 GHz). */
export function bandOfChannels(list: string | null): string {
  const first = /\d+/.exec(list ?? '');
  return first === null ? '' : bandOfChannel(Number(first[0]));
}

/** The band of a radio or WLAN from what it says, most certain first. */
export function bandFrom(t: ParamTree, object: string, ownBandParams: readonly string[], standardParam: string): string {
  return firstBand(
    ...ownBandParams.map((p) => bandOf(t.text(object + p))),
    bandOfChannel(t.count(`${object}Channel`)),
    bandOfChannels(t.text(`${object}PossibleChannels`)),
    bandOfStandard(t.text(object + standardParam)),
  );
}

/** Instance number of an object path ('X.Y.5.' -> 5), for messages. */
export function shortName(objectPath: string, root: string): string {
  return objectPath.startsWith(root) ? objectPath.slice(root.length) : objectPath;
}

function ipv4(text: string | null): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec((text ?? '').trim());
  if (m === null) return null;
  const parts = m.slice(1, 5).map(Number);
  return parts.some((p) => p > 255) ? null : parts.reduce((n, p) => n * 256 + p, 0);
}

/** Whether two IPv4 addresses are in the same subnet under `mask` (false when any is not an address). */
export function sameSubnet(a: string | null, b: string | null, mask: string | null): boolean {
  const [x, y, m] = [ipv4(a), ipv4(b), ipv4(mask)];
  if (x === null || y === null || m === null || m === 0) return false;
  return (x & m) >>> 0 === (y & m) >>> 0;
}
