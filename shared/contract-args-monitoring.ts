// Argument schemas of the monitoring methods (metrics and alerts), spread into apiArgSchemas
// (contract-args.ts). Same conventions: strict objects, messages that name the field.
import * as v from 'valibot';
import { alertRuleKinds, alertStates, fleetMetricNames, metricAggregates, metricKinds } from './models-monitoring.ts';

const text = (name: string) => v.string(`'${name}' must be a string`);
const nonEmpty = (name: string) => v.pipe(v.string(`'${name}' must be a string`), v.trim(), v.nonEmpty(`'${name}' must not be empty`));
const whole = (name: string, min: number, max: number) => {
  const message = `'${name}' must be a whole number from ${min} to ${max}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
};
const num = (name: string) => v.pipe(v.number(`'${name}' must be a number`), v.finite(`'${name}' must be a finite number`));
const oneOf = <T extends string>(name: string, options: readonly T[]) =>
  v.picklist(options, `'${name}' must be one of ${options.join(', ')}`);
/** A time: ISO 8601 or milliseconds since the epoch. */
const time = (name: string) =>
  v.pipe(
    v.string(`'${name}' must be a time (ISO 8601 or milliseconds since 1970)`),
    v.check(
      (s) => /^\d{1,15}$/.test(s) || Number.isFinite(Date.parse(s)),
      `'${name}' must be a time (ISO 8601 or milliseconds since 1970)`,
    ),
  );

const deviceId = nonEmpty('id');
const alertRef = v.strictObject({ alertId: whole('alertId', 1, Number.MAX_SAFE_INTEGER) });

const metricDefinition = v.strictObject({
  name: nonEmpty('name'),
  label: text('label'),
  unit: text('unit'),
  kind: oneOf('kind', metricKinds),
  aggregate: oneOf('aggregate', metricAggregates),
  split: v.optional(oneOf('split', ['band'] as const)),
  models: v.optional(
    v.pipe(v.array(nonEmpty('models'), "'models' must be a list of model names"), v.maxLength(50, "'models' holds at most 50 names")),
  ),
  sources: v.pipe(
    v.array(
      v.strictObject({
        path: nonEmpty('path'),
        scale: v.optional(num('scale')),
        convert: v.optional(oneOf('convert', ['mW-to-dBm'] as const)),
      }),
      "'sources' must be a list of {path, scale?, convert?}",
    ),
    v.maxLength(20, "'sources' holds at most 20 paths"),
  ),
});

const scope = v.strictObject({ model: v.optional(text('scope.model')), tag: v.optional(text('scope.tag')) });

const ruleEntries = {
  name: v.optional(text('name')),
  enabled: v.optional(v.boolean("'enabled' must be true or false")),
  scope: v.optional(scope),
  intervals: v.optional(whole('intervals', 1, 1000)),
  boots: v.optional(whole('boots', 1, 1000)),
  windowMinutes: v.optional(whole('windowMinutes', 1, 10_080)),
  metric: v.optional(nonEmpty('metric')),
  op: v.optional(oneOf('op', ['<', '>'] as const)),
  value: v.optional(num('value')),
  forMinutes: v.optional(whole('forMinutes', 0, 10_080)),
  expectedVersion: v.optional(text('expectedVersion')),
  failures: v.optional(whole('failures', 1, 1000)),
};

const smtp = v.strictObject({
  host: nonEmpty('smtp.host'),
  port: whole('smtp.port', 1, 65_535),
  secure: v.optional(v.boolean("'smtp.secure' must be true or false")),
  user: v.optional(text('smtp.user')),
  /** Omitted or the masked value: the saved password is kept. */
  password: v.optional(text('smtp.password')),
  from: nonEmpty('smtp.from'),
  to: v.pipe(v.array(nonEmpty('smtp.to'), "'smtp.to' must be a list of addresses"), v.minLength(1, "'smtp.to' needs an address")),
});

export const monitoringArgSchemas = {
  /** A metric's series for a device: raw samples for short recent ranges, hourly aggregates otherwise. */
  getDeviceMetrics: v.strictObject({ id: deviceId, name: nonEmpty('name'), from: v.optional(time('from')), to: v.optional(time('to')) }),
  /** Which metrics the device has (with the paths read) and which it lacks (with why). */
  listMetricNames: v.strictObject({ id: deviceId }),
  /** Fleet series: devices online over time, Informs per hour. */
  getFleetMetrics: v.strictObject({ name: oneOf('name', fleetMetricNames), from: v.optional(time('from')), to: v.optional(time('to')) }),
  getMetricDefinitions: v.strictObject({}),
  /** Replaces the metric definitions (an empty list restores the defaults). */
  setMetricDefinitions: v.strictObject({
    definitions: v.pipe(v.array(metricDefinition, "'definitions' must be a list"), v.maxLength(100, "'definitions' holds at most 100")),
  }),
  getMetricSettings: v.strictObject({}),
  setMetricSettings: v.strictObject({
    samplingIntervalSeconds: v.optional(whole('samplingIntervalSeconds', 10, 86_400)),
    rawDays: v.optional(whole('rawDays', 1, 90)),
    hourlyMonths: v.optional(whole('hourlyMonths', 1, 60)),
  }),
  listAlertRules: v.strictObject({}),
  createAlertRule: v.strictObject({ ...ruleEntries, kind: oneOf('kind', alertRuleKinds) }),
  updateAlertRule: v.strictObject({
    ruleId: whole('ruleId', 1, Number.MAX_SAFE_INTEGER),
    ...ruleEntries,
    kind: v.optional(oneOf('kind', alertRuleKinds)),
  }),
  deleteAlertRule: v.strictObject({ ruleId: whole('ruleId', 1, Number.MAX_SAFE_INTEGER) }),
  /** Alerts, newest first: open or closed, of a device or a rule. */
  listAlerts: v.strictObject({
    state: v.optional(oneOf('state', alertStates)),
    deviceId: v.optional(nonEmpty('deviceId')),
    ruleId: v.optional(whole('ruleId', 1, Number.MAX_SAFE_INTEGER)),
    limit: v.optional(whole('limit', 1, 1000)),
  }),
  ackAlert: alertRef,
  /** No notifications for this alert for `minutes`. */
  muteAlert: v.strictObject({ alertId: whole('alertId', 1, Number.MAX_SAFE_INTEGER), minutes: whole('minutes', 1, 525_600) }),
  unmuteAlert: alertRef,
  getAlertSettings: v.strictObject({}),
  /** Webhook URLs and SMTP (null: no e-mail); the SMTP password is kept when omitted or masked. */
  setAlertSettings: v.strictObject({
    webhooks: v.optional(
      v.pipe(
        v.array(
          v.pipe(v.string("'webhooks' must be a list of URLs"), v.url("'webhooks' must be http(s) URLs")),
          "'webhooks' must be a list",
        ),
        v.maxLength(10, "'webhooks' holds at most 10 URLs"),
      ),
    ),
    smtp: v.optional(v.nullable(smtp)),
  }),
} as const;
