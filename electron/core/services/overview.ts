// The fleet at a glance (the Overview page): status counts by the same rule as the device list,
// the most common models and firmware, failing devices, live tasks, new devices per day and
// Informs per hour. Every number is read from an index or a small counter (store/fleet-stats.ts).
import type { FirmwareCount, ModelCount, Overview } from '../../../shared/models-fleet.ts';
import type { Store } from '../store/index.ts';

const TOP = 20;
const DAYS = 30;
const HOURS = 48;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

function largestFirst<T extends { count: number }>(rows: Iterable<T>, name: (r: T) => string): T[] {
  return [...rows].sort((a, b) => b.count - a.count || name(a).localeCompare(name(b))).slice(0, TOP);
}

/** The starts of the last `n` UTC periods, oldest first, the last one holding `now`. */
function periods(now: Date, n: number, periodMs: number): Date[] {
  const current = Math.floor(now.getTime() / periodMs) * periodMs;
  return Array.from({ length: n }, (_, i) => new Date(current - (n - 1 - i) * periodMs));
}

const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
/** An hour as stored in inform_counts: the ISO time of its start. */
export const hourOf = (d: Date): string => `${d.toISOString().slice(0, 13)}:00:00.000Z`;

export function fleetOverview(store: Store, now: Date): Overview {
  const stats = store.fleetStats;
  const status = stats.statusCounts(now);
  const models = new Map<string, ModelCount>();
  const firmware = new Map<string, FirmwareCount>();
  for (const row of stats.modelFirmwareCounts()) {
    const key = `${row.manufacturer}\u0000${row.modelName}`;
    const m = models.get(key) ?? { manufacturer: row.manufacturer, modelName: row.modelName, count: 0 };
    m.count += row.count;
    models.set(key, m);
    const f = firmware.get(row.softwareVersion) ?? { softwareVersion: row.softwareVersion, count: 0 };
    f.count += row.count;
    firmware.set(row.softwareVersion, f);
  }
  const hours = periods(now, HOURS, HOUR_MS);
  const informs = stats.informsPerHour(hourOf(hours[0] ?? now));
  return {
    generatedAt: now.toISOString(),
    ...status,
    byModel: largestFirst(models.values(), (m) => `${m.manufacturer} ${m.modelName}`),
    byFirmware: largestFirst(firmware.values(), (f) => f.softwareVersion),
    failingDevices: stats.failingDevices(),
    tasks: stats.liveTasks(),
    newDevicesPerDay: periods(now, DAYS, DAY_MS).map((start) => ({
      day: dayOf(start),
      count: stats.firstSeenBetween(start.toISOString(), new Date(start.getTime() + DAY_MS).toISOString()),
    })),
    informsPerHour: hours.map((start) => ({ hour: hourOf(start), count: informs.get(hourOf(start)) ?? 0 })),
  };
}
