// Monitoring DTOs: health metrics over time (getDeviceMetrics, listMetricNames, getFleetMetrics,
// metric definitions) and alerts (rules, alerts, notification settings).

/** Where a metric's value is read: a parameter path ('*' = every instance; '{wan}' = the WAN connection's object). */
export interface MetricSource {
  path: string;
  /** Multiplies the value read (e.g. 0.001 for TR-181 OpticalSignalLevel in 0.001 dBm); default 1. */
  scale?: number | undefined;
  /**
   * 'mW-to-dBm': the value (after scale) is a power in mW, stored as 10*log10(mW) dBm (a reading
   * of 0 or less gives no sample). For ONTs that report raw SFF-8472 power in 0.1 uW (scale 0.0001).
   */
  convert?: 'mW-to-dBm' | undefined;
}

export const metricKinds = ['gauge', 'counter'] as const;
/** gauge: the value as read; counter: a growing byte counter turned into a rate per second. */
export type MetricKind = (typeof metricKinds)[number];
export const metricAggregates = ['sum', 'first', 'min', 'max'] as const;
/** How the values of several matching instances become one number. */
export type MetricAggregate = (typeof metricAggregates)[number];

export interface MetricDefinition {
  /** A stable name: 'wan.rx', 'wifi.clients', 'optical.rxPower' ... */
  name: string;
  label: string;
  /** 'bit/s', 'dBm', '%', 's', 'clients' ... */
  unit: string;
  kind: MetricKind;
  aggregate: MetricAggregate;
  /** 'band': one series per Wi-Fi band (2.4 GHz, 5 GHz, 6 GHz) instead of one. */
  split?: 'band' | undefined;
  /** Only devices whose ModelName or ProductClass is one of these (exact match); absent or empty: every device. */
  models?: string[] | undefined;
  /** Tried in order: the first source that exists on the device is used. */
  sources: MetricSource[];
}

/** One point of a series. Raw points have `v` only; hourly points also min/max (and `v` = average). */
export interface MetricPoint {
  /** Unix time in milliseconds (raw: the sample; hourly: the hour's start). */
  t: number;
  v: number;
  min?: number;
  max?: number;
  last?: number;
}

export interface MetricSeries {
  /** '' for a metric with one series; the band ('2.4 GHz', '5 GHz') for split metrics. */
  part: string;
  points: MetricPoint[];
}

export interface DeviceMetrics {
  deviceId: string;
  name: string;
  label: string;
  unit: string;
  /** raw samples for short, recent ranges; hourly aggregates (min/avg/max/last) otherwise. */
  resolution: 'raw' | 'hourly';
  from: string;
  to: string;
  series: MetricSeries[];
}

/** Which metrics a device has (or lacks, with why). */
export interface DeviceMetricName {
  name: string;
  label: string;
  unit: string;
  /** The device's stored tree has a source of this metric. */
  available: boolean;
  /** The paths sampled on this device (resolved), or why none. */
  paths: string[];
  reason: string | null;
  /** The newest stored sample, if any. */
  lastAt: string | null;
  lastValue: number | null;
}

export const fleetMetricNames = ['online', 'informsPerHour'] as const;
export type FleetMetricName = (typeof fleetMetricNames)[number];

export interface FleetMetrics {
  name: FleetMetricName;
  from: string;
  to: string;
  points: MetricPoint[];
}

export interface MetricSettings {
  /** Least time between two samples of one device (piggybacked GetParameterValues), seconds. */
  samplingIntervalSeconds: number;
  /** Raw samples are kept this many days, hourly aggregates this many months. */
  rawDays: number;
  hourlyMonths: number;
}

export const alertRuleKinds = ['offline', 'rebootLoop', 'threshold', 'firmware', 'taskFailures'] as const;
export type AlertRuleKind = (typeof alertRuleKinds)[number];

/** Which devices a rule watches: all (empty), or those of a model and/or with a tag. */
export interface AlertScope {
  model?: string | undefined;
  tag?: string | undefined;
}

export interface AlertRuleParams {
  /** offline: periodic intervals of silence (k). */
  intervals?: number | undefined;
  /** rebootLoop: boots (n) within windowMinutes (default 60). */
  boots?: number | undefined;
  windowMinutes?: number | undefined;
  /** threshold: metric name, comparison and value, held for forMinutes. */
  metric?: string | undefined;
  op?: '<' | '>' | undefined;
  value?: number | undefined;
  forMinutes?: number | undefined;
  /** firmware: the version devices should run. */
  expectedVersion?: string | undefined;
  /** taskFailures: the device's last n finished tasks all failed. */
  failures?: number | undefined;
}

export interface AlertRule extends AlertRuleParams {
  id: number;
  name: string;
  kind: AlertRuleKind;
  enabled: boolean;
  scope: AlertScope;
  createdAt: string;
  updatedAt: string;
  openAlerts: number;
  /** Devices in scope that cannot trigger the rule (a threshold on a metric their model lacks). */
  notAvailable: { devices: number; detail: string[] };
}

export const alertStates = ['open', 'closed'] as const;
export type AlertState = (typeof alertStates)[number];

export interface Alert {
  id: number;
  ruleId: number;
  ruleName: string;
  kind: AlertRuleKind;
  deviceId: string;
  state: AlertState;
  openedAt: string;
  closedAt: string | null;
  /** What triggered it (a metric value, the last contact, the boots counted ...). */
  value: string | null;
  /** What closed it. */
  closeValue: string | null;
  message: string;
  ackedAt: string | null;
  mutedUntil: string | null;
}

export interface WebhookStatus {
  url: string;
  state: 'unused' | 'ok' | 'retrying' | 'failing';
  lastError: string | null;
  lastAttemptAt: string | null;
  delivered: number;
  failed: number;
}

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  /** Masked ('********') in results when set; '' when none. */
  password: string;
  from: string;
  to: string[];
}

export interface AlertSettings {
  webhooks: WebhookStatus[];
  smtp: SmtpSettings | null;
  email: { state: 'unused' | 'ok' | 'retrying' | 'failing'; lastError: string | null; lastAttemptAt: string | null };
}
