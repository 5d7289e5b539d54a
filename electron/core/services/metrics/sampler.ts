// Samples health metrics without sessions of its own: in a periodic session (Inform with
// '2 PERIODIC') where no operator task ran, once the device's queue is empty, one bounded
// GetParameterValues of its metric paths is sent (at most once per session and per sampling
// interval; paths from the device's stored tree only, so never a 9005), and metric values an Inform carries (forced inform
// parameters, active notification) are recorded as they come. Called by the session backend
// inside its store transaction; the samples wait in `pending` until the session's events go out
// after the commit, when the alert rules look at them.
import type { CpeFault, CpeResponse, InformRequest } from '../../cwmp/messages.ts';
import type { QueuedRequest } from '../../cwmp/session/types.ts';
import type { Logger } from '../../acs-types.ts';
import type { Store } from '../../store/index.ts';
import type { MetricDefinition, MetricSettings } from '../../../../shared/models-monitoring.ts';
import { counterStep, parseCounter } from './counters.ts';
import { resolvePlan, type MetricPlan, type ResolvedMetric } from './resolve.ts';

/** The task id of the sampler's GetParameterValues (no stored task has it: task ids start at 1). */
export const METRICS_TASK_ID = -16;

/** A rate above this (in the counter's own unit per second: 2 GB/s = 16 Gbit/s) is not believed. */
const MAX_COUNTER_RATE = 2e9;
/** A device's resolved plan is reused this long (its tree changes rarely); an empty one briefly. */
const PLAN_TTL_MS = 3_600_000;
const EMPTY_PLAN_TTL_MS = 60_000;

export interface MetricSample {
  deviceId: string;
  metric: string;
  part: string;
  /** Unix seconds. */
  t: number;
  v: number;
}

export interface SamplerDeps {
  store: Store;
  log: Logger;
  now: () => Date;
  definitions: () => readonly MetricDefinition[];
  settings: () => MetricSettings;
}

export class MetricSampler {
  private readonly lastPolled = new Map<string, number>();
  /** When the device's Inform values were last recorded (ms). */
  private readonly lastFromInform = new Map<string, number>();
  /** Devices whose current session may carry a sample (periodic, no task ran, not sampled yet). */
  private readonly sampleable = new Set<string>();
  private readonly plans = new Map<string, { plan: MetricPlan; at: number }>();
  private readonly pending = new Map<string, MetricSample[]>();
  /** The parameters this session's Inform carried: recorded from it, never asked for again. */
  private readonly carried = new Map<string, Set<string>>();

  constructor(private readonly deps: SamplerDeps) {}

  /** The sampler's request for this device's session, when it is due; never more than one a session. */
  nextRequest(deviceId: string): QueuedRequest | undefined {
    if (!this.sampleable.has(deviceId)) return undefined;
    this.sampleable.delete(deviceId);
    const now = this.deps.now().getTime();
    const last = this.lastPolled.get(deviceId);
    if (last !== undefined && now - last < this.deps.settings().samplingIntervalSeconds * 1000) return undefined;
    this.lastPolled.set(deviceId, now);
    const carried = this.carried.get(deviceId);
    const paths = this.plan(deviceId, now).paths.filter((p) => carried?.has(p) !== true);
    if (paths.length === 0) return undefined;
    return { taskId: METRICS_TASK_ID, request: { name: 'GetParameterValues', parameterNames: paths } };
  }

  /** The device answered the sampler's request. */
  onResponse(deviceId: string, response: CpeResponse): void {
    if (response.name !== 'GetParameterValuesResponse') return;
    const plan = this.plans.get(deviceId)?.plan;
    if (plan === undefined) return;
    this.record(deviceId, plan, new Map(response.parameterList.map((p) => [p.name, p.value])));
  }

  onFault(deviceId: string, fault: CpeFault): void {
    // 9005: a path of the stored tree is gone; resolve again next time.
    this.plans.delete(deviceId);
    this.deps.log.info('metric sampling refused by the device', { device: deviceId, fault: fault.code });
  }

  /** An Inform: a boot restarts the counters; metric values it carries are recorded. */
  onInform(deviceId: string, inform: InformRequest): void {
    const codes = inform.events.map((e) => e.code.toUpperCase());
    if (codes.includes('2 PERIODIC')) this.sampleable.add(deviceId);
    else this.sampleable.delete(deviceId);
    this.carried.set(deviceId, new Set(inform.parameterList.map((p) => p.name)));
    if (codes.includes('1 BOOT') || codes.includes('0 BOOTSTRAP')) {
      this.deps.store.metrics.resetCounters(deviceId);
      this.plans.delete(deviceId);
    }
    if (inform.parameterList.length === 0) return;
    const now = this.deps.now().getTime();
    // Forced inform parameters repeat in every Inform: kept once per sampling interval. An
    // active notification (4 VALUE CHANGE) is a change worth keeping whenever it comes.
    const last = this.lastFromInform.get(deviceId);
    const due = last === undefined || now - last >= this.deps.settings().samplingIntervalSeconds * 1000;
    if (!due && !codes.includes('4 VALUE CHANGE')) return;
    const cached = this.plans.get(deviceId);
    const values = new Map(inform.parameterList.map((p) => [p.name, p.value]));
    // Resolve only when the Inform carries something a definition could read.
    if (cached === undefined && !this.mightCarryMetrics(values)) return;
    const plan = this.plan(deviceId, now);
    if (plan.metrics.some((m) => m.paths.some((p) => values.has(p.path)))) this.lastFromInform.set(deviceId, now);
    this.record(deviceId, plan, values);
  }

  /** A session that runs operator tasks is theirs: no sample in it. */
  onTaskStarted(deviceId: string): void {
    this.sampleable.delete(deviceId);
  }

  onSessionEnded(deviceId: string): void {
    this.sampleable.delete(deviceId);
    this.carried.delete(deviceId);
  }

  /** Samples recorded for the device since the last call (for the alert rules, after the commit). */
  takePending(deviceId: string): MetricSample[] {
    const samples = this.pending.get(deviceId) ?? [];
    this.pending.delete(deviceId);
    return samples;
  }

  /** The device's plan (cached for an hour). */
  plan(deviceId: string, nowMs = this.deps.now().getTime()): MetricPlan {
    const cached = this.plans.get(deviceId);
    if (cached !== undefined && nowMs - cached.at < (cached.plan.paths.length === 0 ? EMPTY_PLAN_TTL_MS : PLAN_TTL_MS)) return cached.plan;
    const plan = resolvePlan(this.deps.store, deviceId, this.deps.definitions());
    this.plans.set(deviceId, { plan, at: nowMs });
    return plan;
  }

  /** Forgets cached plans: every device's (definitions changed) or one's (a task changed its tree). */
  invalidate(deviceId?: string): void {
    if (deviceId === undefined) this.plans.clear();
    else this.plans.delete(deviceId);
  }

  private mightCarryMetrics(values: Map<string, string>): boolean {
    const leaves = this.deps.definitions().flatMap((d) => d.sources.map((s) => s.path.slice(s.path.lastIndexOf('.') + 1)));
    for (const name of values.keys()) if (leaves.some((leaf) => name.endsWith(`.${leaf}`))) return true;
    return false;
  }

  private record(deviceId: string, plan: MetricPlan, values: Map<string, string>): void {
    const nowMs = this.deps.now().getTime();
    const t = Math.floor(nowMs / 1000);
    const uptime = plan.metrics.find((m) => m.def.name === 'uptime');
    if (uptime !== undefined) this.resetIfRestarted(deviceId, uptime, values);
    for (const m of plan.metrics) {
      const parts = new Map<string, number[]>();
      for (const p of m.paths) {
        const text = values.get(p.path);
        if (text === undefined) continue;
        const v = m.def.kind === 'counter' ? this.rate(deviceId, p.path, text, nowMs) : Number.parseFloat(text);
        const scaled = v === null ? null : toDbm(v * p.scale, p.convert);
        if (scaled === null || !Number.isFinite(scaled)) continue;
        const list = parts.get(p.part) ?? [];
        list.push(scaled);
        parts.set(p.part, list);
      }
      for (const [part, list] of parts) {
        const v = aggregate(m.def.aggregate, list);
        const series = this.deps.store.metrics.seriesId(deviceId, m.def.name, part);
        this.deps.store.metrics.add(series, t, v);
        const pending = this.pending.get(deviceId) ?? [];
        pending.push({ deviceId, metric: m.def.name, part, t, v });
        this.pending.set(deviceId, pending);
      }
    }
  }

  /** An uptime lower than the last one: the device restarted without us seeing its boot. */
  private resetIfRestarted(deviceId: string, uptime: ResolvedMetric, values: Map<string, string>): void {
    const path = uptime.paths[0]?.path;
    const now = path === undefined ? undefined : values.get(path);
    if (now === undefined) return;
    const last = this.deps.store.metrics.series(deviceId, 'uptime')[0]?.lastV;
    if (last !== undefined && last !== null && Number.parseFloat(now) < last) this.deps.store.metrics.resetCounters(deviceId);
  }

  /** The counter's rate since its last reading (null: first reading, reset, or not a counter). */
  private rate(deviceId: string, path: string, text: string, nowMs: number): number | null {
    const cur = parseCounter(text);
    if (cur === null) return null;
    const prev = this.deps.store.metrics.counter(deviceId, path);
    this.deps.store.metrics.setCounter(deviceId, path, nowMs, cur.toString());
    if (prev === undefined) return null;
    const before = parseCounter(prev.value);
    if (before === null) return null;
    const step = counterStep(before, cur, (nowMs - prev.t) / 1000, { maxPerSecond: MAX_COUNTER_RATE });
    return step.kind === 'rate' ? step.perSecond : null;
  }
}

function aggregate(how: MetricDefinition['aggregate'], values: number[]): number {
  switch (how) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'first':
      return values[0] ?? 0;
  }
}

/** A source's conversion: mW to dBm (no sample for 0 or less: no light, or no reading). */
export function toDbm(value: number, convert: 'mW-to-dBm' | undefined): number | null {
  if (convert === undefined) return value;
  if (!(value > 0)) return null;
  return 10 * Math.log10(value);
}
