// What the installer checklist's checks (provisioning.ts) need read from the device that the
// store does not hold yet: a router that only sent its first Inform has no periodic-inform flag,
// Wi-Fi or WAN values. The engine reads exactly these (the parameter when its path is known,
// else the smallest subtree its common setting is resolved from), once per device: a path read
// before (or under an object read before) is never asked again, so a value that stays unknown
// (the model has no such parameter) costs one read, not one per session.
import { resolveTarget, type DeviceView } from './items.ts';

/** The common settings the checks read (firmware comes from the Inform). */
export const CHECK_SETTINGS = [
  'wan.ip',
  'wan.pppoe.username',
  'wifi.ssid',
  'wifi.enabled',
  'mgmt.periodicInformEnable',
  'mgmt.periodicInformInterval',
] as const;

/** Whether `path` was read already: itself, or an object above it. */
export function covered(path: string, read: ReadonlySet<string>): boolean {
  if (read.has(path)) return true;
  for (const r of read) if (r.endsWith('.') && path.startsWith(r)) return true;
  return false;
}

/** The PPPoE link's status beside its username (provisioning.ts reads it there). */
export const pppoeStatusPath = (usernamePath: string): string => usernamePath.replace(/Username$/, 'ConnectionStatus');

/**
 * The paths to read for the checks, none of them covered by `alreadyRead` (this session's reads
 * and the reads made for the checks before). Empty when every check has what it needs, or what
 * it lacks was read once already.
 */
export function checkReads(view: DeviceView, alreadyRead: ReadonlySet<string>): string[] {
  const v: DeviceView = { ...view, read: alreadyRead };
  const out = new Set<string>();
  const want = (path: string): void => {
    if (view.rows.get(path)?.value == null && !covered(path, alreadyRead)) out.add(path);
  };
  for (const key of CHECK_SETTINGS) {
    const target = resolveTarget(v, key);
    if ('read' in target) for (const r of target.read) out.add(r);
    else if ('path' in target) {
      want(target.path);
      if (key === 'wan.pppoe.username') want(pppoeStatusPath(target.path));
    }
  }
  // A parameter under an object read now is not asked on its own.
  const objects = [...out].filter((p) => p.endsWith('.'));
  return [...out].filter((p) => !objects.some((o) => o !== p && p.startsWith(o)));
}
