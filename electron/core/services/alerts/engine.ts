// Evaluates alert rules on the store's own events, never by polling devices: an Inform (offline
// closes, boots counted, firmware compared), metric samples (thresholds held for m minutes), a
// task's end (failures in a row), and the offline deadlines (deadlines.ts) that fire when a
// device stays silent past k periodic intervals. Each open or close is one store write, an
// `alertChanged` push event and (unless the alert is muted) a queued notification.
import { effectiveInterval } from '../../../../shared/device-status.ts';
import type { Alert, AlertState } from '../../../../shared/models-monitoring.ts';
import type { Logger } from '../../acs-types.ts';
import type { EventHub } from '../../events.ts';
import type { StoredAlertRule } from '../../store/alerts.ts';
import type { Store } from '../../store/index.ts';
import type { MetricSample } from '../metrics/sampler.ts';
import { DeadlineQueue } from './deadlines.ts';
import type { Notifier } from './notify.ts';
import { inScope, paramsOf } from './rules.ts';

export interface AlertEngineDeps {
  store: Store;
  events: EventHub;
  notifier: Notifier;
  log: Logger;
  now: () => Date;
  /** false: no timer for the offline deadlines (tests call checkDeadlines with their clock). */
  useTimer?: boolean;
}

export class AlertEngine {
  private rules: StoredAlertRule[] = [];
  private readonly deadlines: DeadlineQueue;
  /** Boot times per device (ms), for reboot loops. */
  private readonly boots = new Map<string, number[]>();
  /** Each device's last contact (ms, on this engine's clock) and periodic interval. */
  private readonly contacts = new Map<string, { at: number; interval: number | null }>();
  /** rule:device -> since when (unix s) a threshold has been crossed. */
  private readonly crossedSince = new Map<string, number>();

  constructor(private readonly d: AlertEngineDeps) {
    this.deadlines = new DeadlineQueue(
      () => d.now().getTime(),
      (key, at) => this.guard(() => this.deadlinePassed(key, at)),
      d.useTimer !== false,
    );
  }

  /** Loads the rules and arms every device's offline deadline (one query). */
  start(): void {
    for (const c of this.d.store.alerts.contacts()) this.contacts.set(c.id, { at: Date.parse(c.lastInform), interval: c.interval });
    this.reload();
  }

  stop(): void {
    this.deadlines.close();
  }

  /** Rules were created, changed or deleted: reload, close what a rule no longer watches, re-arm. */
  reload(changedRuleId?: number): void {
    this.rules = this.d.store.alerts.rules();
    if (changedRuleId !== undefined) {
      const rule = this.rules.find((r) => r.id === changedRuleId);
      if (rule === undefined || !rule.enabled) {
        const closed = this.d.store.transaction(() => this.d.store.alerts.closeAllOf(changedRuleId, this.d.now()));
        for (const a of closed) this.announce(a, 'closed', false);
      }
      for (const key of [...this.crossedSince.keys()]) if (key.startsWith(`${changedRuleId}:`)) this.crossedSince.delete(key);
    }
    this.deadlines.deleteWhere(() => true);
    const offline = this.enabled('offline');
    if (offline.length === 0) return;
    for (const [id, c] of this.contacts) for (const rule of offline) this.arm(rule, id, c.at, c.interval);
  }

  /** Fires passed offline deadlines now (the timer does this by itself). */
  checkDeadlines(): number {
    return this.deadlines.runDue();
  }

  /** After an Inform was committed. */
  onInform(deviceId: string, events: string[]): void {
    this.guard(() => {
      const device = this.d.store.devices.get(deviceId);
      if (device === undefined) return;
      const now = this.d.now();
      this.contacts.set(deviceId, { at: now.getTime(), interval: device.periodicInformInterval });
      const booted = events.some((e) => e.toUpperCase() === '1 BOOT');
      for (const rule of this.rules) {
        if (!rule.enabled || !inScope(rule.scope, device)) continue;
        if (rule.kind === 'offline') {
          this.arm(rule, deviceId, now.getTime(), device.periodicInformInterval);
          this.close(rule, deviceId, `contact at ${now.toISOString()}`);
        } else if (rule.kind === 'firmware') {
          const expected = rule.expectedVersion ?? '';
          if (device.softwareVersion !== expected)
            this.open(rule, deviceId, device.softwareVersion, `runs firmware ${device.softwareVersion || '(unknown)'}, not ${expected}`);
          else this.close(rule, deviceId, device.softwareVersion);
        } else if (rule.kind === 'rebootLoop') this.countBoots(rule, deviceId, booted, now.getTime());
      }
    });
  }

  /** Samples recorded in a session that has been committed. */
  onSamples(deviceId: string, samples: readonly MetricSample[]): void {
    if (samples.length === 0) return;
    this.guard(() => {
      const rules = this.enabled('threshold').filter((r) => samples.some((s) => s.metric === r.metric));
      if (rules.length === 0) return;
      const device = this.d.store.devices.get(deviceId);
      if (device === undefined) return;
      for (const rule of rules) {
        if (!inScope(rule.scope, device)) continue;
        const mine = samples.filter((s) => s.metric === rule.metric);
        const last = Math.max(...mine.map((s) => s.t));
        const latest = mine.filter((s) => s.t === last);
        const crossing = latest.filter((s) => (rule.op === '<' ? s.v < (rule.value ?? 0) : s.v > (rule.value ?? 0)));
        const key = `${rule.id}:${deviceId}`;
        if (crossing.length === 0) {
          this.crossedSince.delete(key);
          this.close(rule, deviceId, latest.map(describe).join(', '));
          continue;
        }
        const since = this.crossedSince.get(key) ?? last;
        this.crossedSince.set(key, since);
        if (last - since >= paramsOf(rule).forMinutes * 60) {
          const worst = crossing.reduce((a, b) => ((rule.op === '<' ? b.v < a.v : b.v > a.v) ? b : a));
          this.open(rule, deviceId, describe(worst), `${rule.metric} ${describe(worst)} ${rule.op} ${rule.value}`);
        }
      }
    });
  }

  /** A task changed status (the taskUpdated event). */
  onTask(deviceId: string, status: string): void {
    if (status !== 'fault' && status !== 'done') return;
    this.guard(() => {
      const rules = this.enabled('taskFailures');
      if (rules.length === 0) return;
      const device = this.d.store.devices.get(deviceId);
      if (device === undefined) return;
      for (const rule of rules) {
        if (!inScope(rule.scope, device)) continue;
        const n = paramsOf(rule).failures;
        const last = this.d.store.alerts.lastFinishedTasks(deviceId, n);
        if (status === 'done') this.close(rule, deviceId, 'a task succeeded');
        else if (last.length >= n && last.every((s) => s === 'fault')) this.open(rule, deviceId, String(n), `the last ${n} tasks failed`);
      }
    });
  }

  private enabled(kind: StoredAlertRule['kind']): StoredAlertRule[] {
    return this.rules.filter((r) => r.enabled && r.kind === kind);
  }

  private arm(rule: StoredAlertRule, deviceId: string, lastContactMs: number, interval: number | null): void {
    if (!Number.isFinite(lastContactMs)) return;
    const at = lastContactMs + paramsOf(rule).intervals * effectiveInterval(interval) * 1000;
    this.deadlines.set(`${rule.id}:${deviceId}`, at);
  }

  private deadlinePassed(key: string, at: number): void {
    const sep = key.indexOf(':');
    const rule = this.rules.find((r) => r.id === Number(key.slice(0, sep)));
    const deviceId = key.slice(sep + 1);
    if (rule === undefined || !rule.enabled) return;
    const device = this.d.store.devices.get(deviceId);
    const contact = this.contacts.get(deviceId);
    if (device === undefined || contact === undefined || !inScope(rule.scope, device)) {
      if (device === undefined) this.contacts.delete(deviceId);
      return;
    }
    // An Inform that came meanwhile moved the deadline: this one is stale.
    const due = contact.at + paramsOf(rule).intervals * effectiveInterval(contact.interval) * 1000;
    if (due > at + 1000 && due > this.d.now().getTime()) {
      this.deadlines.set(key, due);
      return;
    }
    const k = paramsOf(rule).intervals;
    const last = new Date(contact.at).toISOString();
    this.open(rule, deviceId, last, `no contact since ${last} (more than ${k} periodic intervals)`);
  }

  private countBoots(rule: StoredAlertRule, deviceId: string, booted: boolean, nowMs: number): void {
    const { boots, windowMinutes } = paramsOf(rule);
    const windowMs = windowMinutes * 60_000;
    const list = (this.boots.get(deviceId) ?? []).filter((t) => nowMs - t < windowMs);
    if (booted && !list.includes(nowMs)) list.push(nowMs);
    this.boots.set(deviceId, list);
    if (list.length >= boots) this.open(rule, deviceId, String(list.length), `${list.length} boots within ${windowMinutes} minutes`);
    else if (!booted) this.close(rule, deviceId, `${list.length} boots in the last ${windowMinutes} minutes`);
  }

  private open(rule: StoredAlertRule, deviceId: string, value: string | null, message: string): void {
    const alert = this.d.store.transaction(() => this.d.store.alerts.open(rule.id, deviceId, value, message, this.d.now()));
    if (alert !== undefined) this.announce(alert, 'open', true);
  }

  private close(rule: StoredAlertRule, deviceId: string, value: string | null): void {
    const alert = this.d.store.transaction(() => this.d.store.alerts.close(rule.id, deviceId, value, this.d.now()));
    if (alert !== undefined) this.announce(alert, 'closed', true);
  }

  private announce(alert: Alert, state: AlertState, notify: boolean): void {
    this.d.events.emit('alertChanged', { alertId: alert.id, state });
    const muted = alert.mutedUntil !== null && Date.parse(alert.mutedUntil) > this.d.now().getTime();
    if (notify && !muted) this.d.notifier.enqueue({ alert, event: state === 'open' ? 'opened' : 'closed' });
  }

  /** An evaluation error is logged, never thrown into a session or the event hub. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.d.log.error('alert evaluation failed', { error: String(err) });
    }
  }
}

function describe(s: MetricSample): string {
  const v = Math.round(s.v * 100) / 100;
  return s.part === '' ? String(v) : `${v} (${s.part})`;
}
