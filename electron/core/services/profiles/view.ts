// One device as the planner sees it: identity, stored tree, common settings resolved over it,
// its subscriber, and the profiles that match it (with why the others do not).
import type { DeviceSummary } from '../../../../shared/models.ts';
import type { Store } from '../../store/index.ts';
import type { StoredProfile } from '../../store/profiles.ts';
import { resolveDeviceSettings } from '../common-settings/service.ts';
import type { SubscriberDirectory } from '../subscribers/directory.ts';
import type { DeviceView } from './items.ts';
import { mismatch } from './match.ts';
import { randomText } from './templates.ts';

export function rootOf(device: DeviceSummary): string {
  return device.rootObject === 'InternetGatewayDevice' ? 'InternetGatewayDevice.' : 'Device.';
}

export function buildView(
  store: Store,
  device: DeviceSummary,
  subscribers: SubscriberDirectory | undefined,
  read: ReadonlySet<string> = new Set(),
): DeviceView {
  const root = rootOf(device);
  const rowList = store.parameters.list(device.id, root);
  const rows = new Map(rowList.map((r) => [r.path, r]));
  const settings = new Map(resolveDeviceSettings(rowList, device.rootObject).map((s) => [s.key as string, s]));
  let subscriber = null;
  try {
    subscriber = subscribers?.forDevice(device.id) ?? null;
  } catch {
    subscriber = null;
  }
  return {
    device,
    root,
    rows,
    settings,
    subscriber,
    macAddress: macOf(rowList),
    read,
    random: (profile, item, length) => store.profiles.randomValue(device.id, profile, item, () => randomText(length)),
  };
}

/** The WAN MAC when stored, else any interface's. */
function macOf(rows: { path: string; value: string | null }[]): string | null {
  const macs = rows.filter((r) => /MACAddress$/.test(r.path) && /^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(r.value ?? ''));
  return (macs.find((r) => /WAN|Ethernet\.Interface\.1\./.test(r.path)) ?? macs[0])?.value ?? null;
}

/** What matching needs: the device and a stored value by path (undefined when not stored). */
export interface MatchView {
  device: DeviceSummary;
  value(path: string): string | null | undefined;
}

/** A match view straight from the store (no tree listed: cheap at every Inform). */
export function storeMatchView(store: Store, device: DeviceSummary): MatchView {
  return { device, value: (path) => store.parameters.get(device.id, path)?.value };
}

export function viewMatch(view: DeviceView): MatchView {
  return { device: view.device, value: (path) => (view.rows.has(path) ? (view.rows.get(path)?.value ?? null) : undefined) };
}

/** Why the profile does not apply to the device, or null when it matches (a disabled profile does not). */
export function whyNot(profile: StoredProfile, view: MatchView | DeviceView): string | null {
  if (!profile.enabled) return 'the profile is disabled';
  const mv = 'rows' in view ? viewMatch(view) : view;
  return mismatch(profile.document.match ?? {}, mv);
}
