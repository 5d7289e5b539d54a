// The alerts use cases behind the contract: rules (with which devices in scope cannot trigger
// them), alerts (list, acknowledge, mute), and the notification settings (webhooks, SMTP; the
// password never leaves the core).
import { AcsError } from '../../../../shared/errors.ts';
import type { Alert, AlertRule, AlertSettings, AlertState, MetricDefinition, SmtpSettings } from '../../../../shared/models-monitoring.ts';
import type { EventHub } from '../../events.ts';
import type { StoredAlertRule } from '../../store/alerts.ts';
import type { Store } from '../../store/index.ts';
import type { MetricPlan } from '../metrics/resolve.ts';
import type { AlertEngine } from './engine.ts';
import type { NotificationTargets, Notifier } from './notify.ts';
import { ruleInput, type RuleArgs } from './rules.ts';

export const ALERT_SETTINGS_KEY = 'alerts.notifications';
const MASK = '********';

export interface AlertServiceDeps {
  store: Store;
  events: EventHub;
  engine: AlertEngine;
  notifier: Notifier;
  now: () => Date;
  definitions: () => readonly MetricDefinition[];
  /** The metric plan of a device (which metrics its tree has). */
  planOf: (deviceId: string) => MetricPlan;
}

function isTargets(v: unknown): v is NotificationTargets {
  return typeof v === 'object' && v !== null && Array.isArray((v as NotificationTargets).webhooks);
}

export function notificationTargets(store: Store): NotificationTargets {
  return store.settings.get(ALERT_SETTINGS_KEY, isTargets) ?? { webhooks: [], smtp: null };
}

export class AlertService {
  constructor(private readonly d: AlertServiceDeps) {}

  listRules(): AlertRule[] {
    const counts = this.d.store.alerts.openCounts();
    return this.d.store.alerts.rules().map((r) => this.toRule(r, counts.get(r.id) ?? 0));
  }

  createRule(args: RuleArgs): AlertRule {
    const input = ruleInput(args, this.d.definitions());
    const rule = this.d.store.transaction(() => this.d.store.alerts.addRule(input, this.d.now()));
    this.d.engine.reload(rule.id);
    return this.toRule(rule, 0);
  }

  updateRule(ruleId: number, args: RuleArgs): AlertRule {
    const base = this.d.store.alerts.rule(ruleId);
    if (base === undefined) throw new AcsError('not_found', `alert rule ${ruleId} not found`);
    const input = ruleInput(args, this.d.definitions(), base);
    // A rule whose meaning changed starts over: its open alerts close.
    const changed = JSON.stringify({ ...input, name: '' }) !== JSON.stringify({ ...ruleInput({}, this.d.definitions(), base), name: '' });
    const rule = this.d.store.transaction(() => {
      if (changed)
        for (const a of this.d.store.alerts.closeAllOf(ruleId, this.d.now()))
          this.d.events.emit('alertChanged', { alertId: a.id, state: 'closed' });
      return this.d.store.alerts.updateRule(ruleId, input, this.d.now());
    });
    if (rule === undefined) throw new AcsError('not_found', `alert rule ${ruleId} not found`);
    this.d.engine.reload(ruleId);
    return this.toRule(rule, this.d.store.alerts.openCounts().get(ruleId) ?? 0);
  }

  deleteRule(ruleId: number): { removed: boolean } {
    const removed = this.d.store.transaction(() => this.d.store.alerts.removeRule(ruleId));
    if (removed) this.d.engine.reload(ruleId);
    return { removed };
  }

  listAlerts(q: {
    state?: AlertState | undefined;
    deviceId?: string | undefined;
    ruleId?: number | undefined;
    limit?: number | undefined;
  }): Alert[] {
    return this.d.store.alerts.list({ ...q, limit: q.limit ?? 200 });
  }

  ack(alertId: number): Alert {
    return this.changed(
      this.d.store.transaction(() => this.d.store.alerts.ack(alertId, this.d.now())),
      alertId,
    );
  }

  mute(alertId: number, minutes: number | null): Alert {
    const until = minutes === null ? null : new Date(this.d.now().getTime() + minutes * 60_000);
    return this.changed(
      this.d.store.transaction(() => this.d.store.alerts.mute(alertId, until)),
      alertId,
    );
  }

  settings(): AlertSettings {
    const t = notificationTargets(this.d.store);
    return {
      webhooks: t.webhooks.map((url) => this.d.notifier.webhookStatus(url)),
      smtp: t.smtp === null ? null : { ...t.smtp, password: t.smtp.password === '' ? '' : MASK },
      email: this.d.notifier.emailStatus(),
    };
  }

  updateSettings(args: {
    webhooks?: string[] | undefined;
    smtp?: (Omit<SmtpSettings, 'secure' | 'user' | 'password'> & Partial<SmtpSettings>) | null | undefined;
  }): AlertSettings {
    const current = notificationTargets(this.d.store);
    const next: NotificationTargets = { webhooks: args.webhooks ?? current.webhooks, smtp: current.smtp };
    for (const url of next.webhooks) {
      const protocol = new URL(url).protocol;
      if (protocol !== 'http:' && protocol !== 'https:') throw new AcsError('bad_request', `a webhook must be an http(s) URL: ${url}`);
    }
    if (args.smtp === null) next.smtp = null;
    else if (args.smtp !== undefined) {
      const keep = args.smtp.password === undefined || args.smtp.password === MASK;
      next.smtp = {
        host: args.smtp.host,
        port: args.smtp.port,
        secure: args.smtp.secure ?? args.smtp.port === 465,
        user: args.smtp.user ?? '',
        password: keep ? (current.smtp?.password ?? '') : (args.smtp.password ?? ''),
        from: args.smtp.from,
        to: args.smtp.to,
      };
    }
    this.d.store.settings.set(ALERT_SETTINGS_KEY, next);
    return this.settings();
  }

  private changed(alert: Alert | undefined, alertId: number): Alert {
    if (alert === undefined) throw new AcsError('not_found', `alert ${alertId} not found`);
    this.d.events.emit('alertChanged', { alertId: alert.id, state: alert.state });
    return alert;
  }

  private toRule(r: StoredAlertRule, openAlerts: number): AlertRule {
    return { ...r, openAlerts, notAvailable: this.coverage(r) };
  }

  /** For a threshold rule: the devices in scope whose model lacks the metric. */
  private coverage(r: StoredAlertRule): AlertRule['notAvailable'] {
    if (r.kind !== 'threshold' || r.metric === undefined) return { devices: 0, detail: [] };
    const lacking = this.d.store.alerts
      .modelsInScope(r.scope)
      .filter((m) => !this.d.planOf(m.sampleId).metrics.some((x) => x.def.name === r.metric));
    const devices = lacking.reduce((n, m) => n + m.devices, 0);
    // Each model's count only when there are several (the total says it for one).
    const detail = lacking.map(
      (m) =>
        `model ${m.model || '(unknown)'} lacks metric ${r.metric}${lacking.length > 1 ? ` (${m.devices} device${m.devices === 1 ? '' : 's'})` : ''}`,
    );
    return { devices, detail };
  }
}
