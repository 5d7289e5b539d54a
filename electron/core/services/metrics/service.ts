// The metrics use cases behind the contract: a device's series (raw or hourly by range), which
// metrics it has, fleet series, definitions and settings; and the background work: the fleet
// sample (online devices) and the downsampling/pruning pass, each on a timer and callable by
// tests with their own clock.
import { AcsError } from '../../../../shared/errors.ts';
import type {
  DeviceMetricName,
  DeviceMetrics,
  FleetMetricName,
  FleetMetrics,
  MetricDefinition,
  MetricPoint,
  MetricSettings,
} from '../../../../shared/models-monitoring.ts';
import type { Logger } from '../../acs-types.ts';
import type { Store } from '../../store/index.ts';
import {
  checkMetricDefinitions,
  loadMetricDefinitions,
  loadMetricSettings,
  METRIC_DEFINITIONS_SETTING,
  METRIC_SETTINGS_SETTING,
} from './definitions.ts';
import { MetricSampler } from './sampler.ts';

const HOUR = 3600;
const DAY = 86_400;
/** Ranges up to this long (and within the raw retention) are answered with raw samples. */
const RAW_RANGE_SECONDS = 2 * DAY;
/** Series handled per transaction by the downsampling and pruning pass. */
const SERIES_PER_BATCH = 200;
const DOWNSAMPLED_UNTIL = 'metrics.downsampledUntil';
/** Fewer stored parameters than this: the tree was never read (an Inform carries about ten). */
const UNREAD_TREE_PARAMETERS = 30;

export interface MetricsServiceDeps {
  store: Store;
  log: Logger;
  now: () => Date;
}

/** '1700000000000' (ms) or an ISO time -> unix seconds. */
function parseTime(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = /^\d{1,15}$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(ms)) throw new AcsError('bad_request', `'${text}' is not a time`);
  return Math.floor(ms / 1000);
}

export class MetricsService {
  readonly sampler: MetricSampler;
  private definitions: MetricDefinition[];
  private settingsValue: MetricSettings;

  constructor(private readonly d: MetricsServiceDeps) {
    this.definitions = loadMetricDefinitions(d.store);
    this.settingsValue = loadMetricSettings(d.store);
    this.sampler = new MetricSampler({
      store: d.store,
      log: d.log,
      now: d.now,
      definitions: () => this.definitions,
      settings: () => this.settingsValue,
    });
  }

  getDefinitions(): MetricDefinition[] {
    return this.definitions;
  }

  setDefinitions(list: readonly MetricDefinition[]): MetricDefinition[] {
    if (list.length === 0) {
      this.d.store.settings.remove(METRIC_DEFINITIONS_SETTING);
      this.definitions = loadMetricDefinitions(this.d.store);
    } else {
      this.definitions = checkMetricDefinitions(list);
      this.d.store.settings.set(METRIC_DEFINITIONS_SETTING, this.definitions);
    }
    this.sampler.invalidate();
    return this.definitions;
  }

  settings(): MetricSettings {
    return { ...this.settingsValue };
  }

  updateSettings(changes: Partial<MetricSettings>): MetricSettings {
    const next = { ...this.settingsValue };
    for (const key of ['samplingIntervalSeconds', 'rawDays', 'hourlyMonths'] as const)
      if (changes[key] !== undefined) next[key] = changes[key];
    this.d.store.settings.set(METRIC_SETTINGS_SETTING, next);
    this.settingsValue = next;
    return { ...next };
  }

  deviceMetrics(args: { id: string; name: string; from?: string | undefined; to?: string | undefined }): DeviceMetrics {
    const def = this.definitions.find((x) => x.name === args.name);
    if (def === undefined)
      throw new AcsError('bad_request', `no metric named '${args.name}' (known: ${this.definitions.map((x) => x.name).join(', ')})`);
    if (this.d.store.devices.get(args.id) === undefined) throw new AcsError('not_found', `device ${args.id} not found`);
    const now = Math.floor(this.d.now().getTime() / 1000);
    const to = parseTime(args.to, now);
    const from = parseTime(args.from, to - DAY);
    if (from > to) throw new AcsError('bad_request', "'from' is after 'to'");
    const rawSince = now - this.settingsValue.rawDays * DAY;
    const raw = to - from <= RAW_RANGE_SECONDS && from >= rawSince;
    const series = this.d.store.metrics.series(args.id, def.name).map((s) => ({
      part: s.part,
      points: raw ? this.d.store.metrics.raw(s.id, from, to).map((p) => ({ t: p.t * 1000, v: p.v })) : this.hourly(s.id, from, to),
    }));
    return {
      deviceId: args.id,
      name: def.name,
      label: def.label,
      unit: def.unit,
      resolution: raw ? 'raw' : 'hourly',
      from: new Date(from * 1000).toISOString(),
      to: new Date(to * 1000).toISOString(),
      series,
    };
  }

  /** Downsampled hours, then the hours not yet downsampled computed from raw samples. */
  private hourly(seriesId: number, from: number, to: number): MetricPoint[] {
    const done = this.downsampledUntil();
    const fromHour = Math.floor(from / HOUR) * HOUR;
    const stored = this.d.store.metrics.hourly(seriesId, fromHour, Math.min(to, done - 1));
    const recent = to >= done ? this.d.store.metrics.hourlyFromRaw(seriesId, Math.max(fromHour, done), to + 1) : [];
    return [...stored, ...recent].map((h) => ({ t: h.hour * 1000, v: h.avg, min: h.min, max: h.max, last: h.last }));
  }

  metricNames(deviceId: string): DeviceMetricName[] {
    if (this.d.store.devices.get(deviceId) === undefined) throw new AcsError('not_found', `device ${deviceId} not found`);
    const plan = this.sampler.plan(deviceId);
    const stored = this.d.store.metrics.series(deviceId);
    // Only what its Informs carry is known of a device whose tree was never read.
    const unread = this.d.store.parameters.count(deviceId) < UNREAD_TREE_PARAMETERS;
    return this.definitions.map((def) => {
      const resolved = plan.metrics.find((m) => m.def.name === def.name);
      const missing = plan.missing.find((m) => m.def.name === def.name);
      const mine = stored.filter((s) => s.metric === def.name && s.lastT !== null);
      const newest = mine.reduce<(typeof mine)[number] | undefined>(
        (a, b) => (a === undefined || (b.lastT ?? 0) > (a.lastT ?? 0) ? b : a),
        undefined,
      );
      return {
        name: def.name,
        label: def.label,
        unit: def.unit,
        available: resolved !== undefined,
        paths: resolved?.paths.map((p) => p.path) ?? [],
        reason:
          resolved !== undefined
            ? null
            : unread
              ? "the device's parameters were never read: run a refresh, then its periodic sessions are sampled"
              : (missing?.reason ?? 'not resolved'),
        lastAt: newest?.lastT == null ? null : new Date(newest.lastT * 1000).toISOString(),
        lastValue: newest?.lastV ?? null,
      };
    });
  }

  fleetMetrics(args: { name: FleetMetricName; from?: string | undefined; to?: string | undefined }): FleetMetrics {
    const now = Math.floor(this.d.now().getTime() / 1000);
    const to = parseTime(args.to, now);
    const from = parseTime(args.from, to - DAY);
    if (from > to) throw new AcsError('bad_request', "'from' is after 'to'");
    let points: MetricPoint[];
    if (args.name === 'informsPerHour') {
      const counts = this.d.store.fleetStats.informsPerHour(new Date(Math.floor(from / HOUR) * HOUR * 1000).toISOString());
      points = [...counts]
        .map(([hour, count]) => ({ t: Date.parse(hour), v: count }))
        .filter((p) => p.t <= to * 1000)
        .sort((a, b) => a.t - b.t);
    } else points = this.d.store.metrics.fleet(args.name, from, to).map((p) => ({ t: p.t * 1000, v: p.v }));
    return { name: args.name, from: new Date(from * 1000).toISOString(), to: new Date(to * 1000).toISOString(), points };
  }

  /** Records the fleet's online count now (cheap: an indexed count). */
  sampleFleet(): void {
    const now = this.d.now();
    const counts = this.d.store.fleetStats.statusCounts(now);
    this.d.store.metrics.addFleet('online', Math.floor(now.getTime() / 1000), counts.online);
  }

  private downsampledUntil(): number {
    const v = this.d.store.settings.get(DOWNSAMPLED_UNTIL);
    return typeof v === 'number' ? v : 0;
  }

  /**
   * Downsamples every whole hour not yet done into metric_daily (hours packed per day), then prunes raw samples past
   * rawDays and hourly rows past hourlyMonths, SERIES_PER_BATCH series per transaction.
   * Returns the rows written and deleted.
   */
  async maintain(
    yieldBetween: () => Promise<void> = () => new Promise((r) => setImmediate(r)),
  ): Promise<{ written: number; deleted: number }> {
    const { store } = this.d;
    const now = Math.floor(this.d.now().getTime() / 1000);
    const hourStart = Math.floor(now / HOUR) * HOUR;
    const since = this.downsampledUntil();
    // The first pass takes every raw sample there is (each series' range is one index walk).
    const from = since;
    let written = 0;
    if (hourStart > from) {
      for (let after = 0; ; ) {
        const r = store.transaction(() => store.metrics.aggregate(from, hourStart, after, SERIES_PER_BATCH));
        written += r.written;
        if (r.lastId === null) break;
        after = r.lastId;
        await yieldBetween();
      }
      store.settings.set(DOWNSAMPLED_UNTIL, hourStart);
    }
    const rawBefore = now - this.settingsValue.rawDays * DAY;
    const hourlyBefore = now - Math.round(this.settingsValue.hourlyMonths * 30.44 * DAY);
    let deleted = 0;
    for (let after = 0; ; ) {
      const r = store.transaction(() => store.metrics.prune(rawBefore, hourlyBefore, after, SERIES_PER_BATCH));
      deleted += r.deleted;
      if (r.lastId === null) break;
      after = r.lastId;
      await yieldBetween();
    }
    deleted += store.transaction(() => store.metrics.pruneFleet(hourlyBefore));
    return { written, deleted };
  }
}
