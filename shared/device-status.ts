// Whether a device is online, late or offline, judged from its last contact and its periodic
// inform interval. One rule for the UI (which re-judges as the clock moves) and the store's
// status filter (which turns the same numbers into SQL), so a chip and a filter never disagree.

export const deviceStatuses = ['online', 'late', 'offline'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

/** Assumed when a device has not reported PeriodicInformInterval (or reports 0: periodic off). */
export const defaultInformIntervalSeconds = 3600;
/** Slack after the expected contact before a device counts as late: max(this, a quarter interval). */
export const minGraceSeconds = 120;
/** A device silent for more than this many intervals is offline. */
export const offlineAfterIntervals = 3;

/** The interval the rule uses for a device. */
export function effectiveInterval(periodicInformInterval: number | null): number {
  return periodicInformInterval !== null && periodicInformInterval > 0 ? periodicInformInterval : defaultInformIntervalSeconds;
}

/** Seconds of silence after which the device is no longer online. */
export function onlineWindowSeconds(periodicInformInterval: number | null): number {
  const interval = effectiveInterval(periodicInformInterval);
  return interval + Math.max(minGraceSeconds, interval / 4);
}

/** Seconds of silence after which the device is offline. */
export function offlineAfterSeconds(periodicInformInterval: number | null): number {
  return Math.max(onlineWindowSeconds(periodicInformInterval), effectiveInterval(periodicInformInterval) * offlineAfterIntervals);
}

export function deviceStatus(lastInform: string | null, periodicInformInterval: number | null, now: number): DeviceStatus {
  if (lastInform === null) return 'offline';
  const age = (now - Date.parse(lastInform)) / 1000;
  if (!Number.isFinite(age)) return 'offline';
  if (age <= onlineWindowSeconds(periodicInformInterval)) return 'online';
  if (age <= offlineAfterSeconds(periodicInformInterval)) return 'late';
  return 'offline';
}

/** When the device is expected to inform next (ISO), or null when it never informed. */
export function nextExpectedContact(lastInform: string | null, periodicInformInterval: number | null): string | null {
  if (lastInform === null) return null;
  const at = Date.parse(lastInform);
  if (!Number.isFinite(at)) return null;
  return new Date(at + effectiveInterval(periodicInformInterval) * 1000).toISOString();
}

/** Columns the device list can be sorted by (server-side, keyset-paged). */
export const deviceSortKeys = [
  'lastInform',
  'serialNumber',
  'manufacturer',
  'modelName',
  'productClass',
  'softwareVersion',
  'ipAddress',
  'firstSeen',
] as const;
export type DeviceSortKey = (typeof deviceSortKeys)[number];
