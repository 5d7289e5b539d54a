// Monitoring as the composition root wires it: the metrics service (sampler, series, fleet
// samples, downsampling), the alert engine and its notifier, the hooks the session backend
// calls, the push events the engine listens to, and the contract methods.
import type { AcsApi } from '../../../../shared/contract.ts';
import type { CpeFault, CpeResponse, InformRequest } from '../../cwmp/messages.ts';
import type { QueuedRequest } from '../../cwmp/session/types.ts';
import type { Logger } from '../../acs-types.ts';
import type { EventHub } from '../../events.ts';
import type { Store } from '../../store/index.ts';
import { AlertEngine } from '../alerts/engine.ts';
import { Notifier } from '../alerts/notify.ts';
import { AlertService, notificationTargets } from '../alerts/service.ts';
import { METRICS_TASK_ID } from './sampler.ts';
import { MetricsService } from './service.ts';

export interface MonitoringConfig {
  /** The clock of sampling, series and alerts (tests compress time with their own). */
  now?: () => Date;
  /** Fleet sample (online devices) period; default 5 min. */
  fleetSampleMs?: number;
  /** Downsampling and pruning period; default 1 h. */
  maintenanceMs?: number;
  /** false: no timers at all (tests call checkDeadlines, sampleFleet and maintain themselves). */
  timers?: boolean;
  /** Delays between notification attempts; default 5 s, 30 s, 2 min. */
  notifyRetryDelaysMs?: number[];
  /** One notification attempt's time limit; default 10 s. */
  notifyTimeoutMs?: number;
}

/** What the session backend calls (inside its transaction). */
export interface SessionMonitoring {
  onInform(deviceId: string, inform: InformRequest): void;
  /** An operator task sent a request in the device's session (no sample in that session). */
  onTaskStarted(deviceId: string): void;
  /** The sampler's request when the device's tasks have nothing left to send. */
  nextRequest(deviceId: string): QueuedRequest | undefined;
  /** Whether a task id is the sampler's (its answers are not a task's). */
  owns(taskId: number): boolean;
  onResponse(deviceId: string, response: CpeResponse): void;
  onFault(deviceId: string, fault: CpeFault): void;
  onSessionEnded(deviceId: string): void;
}

export type MonitoringApi = Pick<
  AcsApi,
  | 'getDeviceMetrics'
  | 'listMetricNames'
  | 'getFleetMetrics'
  | 'getMetricDefinitions'
  | 'setMetricDefinitions'
  | 'getMetricSettings'
  | 'setMetricSettings'
  | 'listAlertRules'
  | 'createAlertRule'
  | 'updateAlertRule'
  | 'deleteAlertRule'
  | 'listAlerts'
  | 'ackAlert'
  | 'muteAlert'
  | 'unmuteAlert'
  | 'getAlertSettings'
  | 'setAlertSettings'
>;

export interface Monitoring {
  metrics: MetricsService;
  alerts: AlertService;
  engine: AlertEngine;
  notifier: Notifier;
  session: SessionMonitoring;
  api: MonitoringApi;
  /** Resolves once the evaluations queued by events so far are done. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Closed alerts are kept as long as hourly metrics; removed in batches of 1,000. */
function pruneClosedAlerts(store: Store, now: Date, months: number): void {
  const before = new Date(now.getTime() - months * 30.44 * 86_400_000).toISOString();
  while (store.transaction(() => store.alerts.pruneClosed(before, 1000)) === 1000);
}

export function createMonitoring(deps: { store: Store; events: EventHub; log: Logger; config?: MonitoringConfig }): Monitoring {
  const { store, events, log } = deps;
  const config = deps.config ?? {};
  const now = config.now ?? ((): Date => new Date());
  const timers = config.timers !== false;
  const metrics = new MetricsService({ store, log, now });
  const notifier = new Notifier({
    log,
    now,
    targets: () => notificationTargets(store),
    retryDelaysMs: config.notifyRetryDelaysMs,
    timeoutMs: config.notifyTimeoutMs,
  });
  const engine = new AlertEngine({ store, events, notifier, log, now, useTimer: timers });
  const alerts = new AlertService({
    store,
    events,
    engine,
    notifier,
    now,
    definitions: () => metrics.getDefinitions(),
    planOf: (id) => metrics.sampler.plan(id),
  });
  engine.start();

  const queue = deferQueue(log);
  const offs = subscribe(events, metrics, engine, queue.defer);
  const background = timers ? startBackground(store, metrics, log, now, config) : { stop: async () => {} };
  const session = sessionHooks(metrics);
  const api = monitoringApi(metrics, alerts);

  return {
    metrics,
    alerts,
    engine,
    notifier,
    session,
    api,
    idle: queue.idle,
    close: async () => {
      for (const off of offs) off();
      // Evaluations already queued finish before the store closes.
      await queue.idle();
      engine.stop();
      await background.stop();
      await notifier.close();
    },
  };
}

/** Work run after the current event (its commit is done), off the CPE's request; idle() waits for it. */
function deferQueue(log: Logger): { defer: (fn: () => void) => void; idle: () => Promise<void> } {
  let pending = 0;
  let waiters: (() => void)[] = [];
  return {
    defer: (fn) => {
      pending++;
      setImmediate(() => {
        try {
          fn();
        } catch (err) {
          log.error('monitoring evaluation failed', { error: String(err) });
        } finally {
          pending--;
          if (pending === 0) {
            const w = waiters;
            waiters = [];
            for (const resolve of w) resolve();
          }
        }
      });
    },
    idle: () => (pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}

/** The store's events the alert rules are evaluated on. */
function subscribe(events: EventHub, metrics: MetricsService, engine: AlertEngine, defer: (fn: () => void) => void): (() => void)[] {
  return [
    events.on('deviceInformed', ({ deviceId, events: codes }) =>
      defer(() => {
        engine.onInform(deviceId, codes);
        engine.onSamples(deviceId, metrics.sampler.takePending(deviceId));
      }),
    ),
    events.on('sessionEnded', ({ deviceId }) => defer(() => engine.onSamples(deviceId, metrics.sampler.takePending(deviceId)))),
    events.on('taskUpdated', ({ deviceId, status }) => {
      // A finished task (a refresh above all) may have changed the tree the paths come from.
      if (status === 'done') metrics.sampler.invalidate(deviceId);
      defer(() => engine.onTask(deviceId, status));
    }),
  ];
}

/** The fleet sample (every 5 min) and the downsampling/pruning pass (hourly). */
function startBackground(
  store: Store,
  metrics: MetricsService,
  log: Logger,
  now: () => Date,
  config: MonitoringConfig,
): { stop: () => Promise<void> } {
  let maintaining: Promise<unknown> | null = null;
  const fleet = setInterval(() => {
    try {
      store.transaction(() => metrics.sampleFleet());
    } catch (err) {
      log.warn('fleet sample failed', { error: String(err) });
    }
  }, config.fleetSampleMs ?? 300_000);
  const maintain = setInterval(() => {
    if (maintaining !== null) return;
    maintaining = metrics
      .maintain()
      .then(() => pruneClosedAlerts(store, now(), metrics.settings().hourlyMonths))
      .catch((err: unknown) => log.warn('metrics downsampling failed', { error: String(err) }))
      .finally(() => {
        maintaining = null;
      });
  }, config.maintenanceMs ?? 3_600_000);
  fleet.unref();
  maintain.unref();
  return {
    stop: async () => {
      clearInterval(fleet);
      clearInterval(maintain);
      if (maintaining !== null) await maintaining;
    },
  };
}

function sessionHooks(metrics: MetricsService): SessionMonitoring {
  const sampler = metrics.sampler;
  return {
    onInform: (deviceId, inform) => sampler.onInform(deviceId, inform),
    onTaskStarted: (deviceId) => sampler.onTaskStarted(deviceId),
    nextRequest: (deviceId) => sampler.nextRequest(deviceId),
    owns: (taskId) => taskId === METRICS_TASK_ID,
    onResponse: (deviceId, response) => sampler.onResponse(deviceId, response),
    onFault: (deviceId, fault) => sampler.onFault(deviceId, fault),
    onSessionEnded: (deviceId) => sampler.onSessionEnded(deviceId),
  };
}

function monitoringApi(metrics: MetricsService, alerts: AlertService): MonitoringApi {
  return {
    getDeviceMetrics: async (args) => metrics.deviceMetrics(args),
    listMetricNames: async (args) => metrics.metricNames(args.id),
    getFleetMetrics: async (args) => metrics.fleetMetrics(args),
    getMetricDefinitions: async () => metrics.getDefinitions(),
    setMetricDefinitions: async (args) => metrics.setDefinitions(args.definitions),
    getMetricSettings: async () => metrics.settings(),
    setMetricSettings: async (args) => metrics.updateSettings(args),
    listAlertRules: async () => alerts.listRules(),
    createAlertRule: async (args) => alerts.createRule(args),
    updateAlertRule: async ({ ruleId, ...args }) => alerts.updateRule(ruleId, args),
    deleteAlertRule: async (args) => alerts.deleteRule(args.ruleId),
    listAlerts: async (args) => alerts.listAlerts(args),
    ackAlert: async (args) => alerts.ack(args.alertId),
    muteAlert: async (args) => alerts.mute(args.alertId, args.minutes),
    unmuteAlert: async (args) => alerts.mute(args.alertId, null),
    getAlertSettings: async () => alerts.settings(),
    setAlertSettings: async (args) => alerts.updateSettings(args),
  };
}
