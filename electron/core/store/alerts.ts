// Alert rules and alerts (migration 018). A rule's scope and parameters are JSON; an alert is
// open or closed, at most one open per rule and device (index alerts_open_once).
import type { Alert, AlertRuleKind, AlertRuleParams, AlertScope, AlertState } from '../../../shared/models-monitoring.ts';
import type { Db } from './db.ts';
import { fromJson, toJson } from './json.ts';

export interface StoredAlertRule extends AlertRuleParams {
  id: number;
  name: string;
  kind: AlertRuleKind;
  enabled: boolean;
  scope: AlertScope;
  createdAt: string;
  updatedAt: string;
}

export interface AlertRuleInput {
  name: string;
  kind: AlertRuleKind;
  enabled: boolean;
  scope: AlertScope;
  params: AlertRuleParams;
}

interface RuleRow {
  id: number;
  name: string;
  kind: AlertRuleKind;
  enabled: number;
  scope: string;
  params: string;
  created_at: string;
  updated_at: string;
}

interface AlertRow {
  id: number;
  rule_id: number;
  rule_name: string;
  kind: AlertRuleKind;
  device_id: string;
  state: AlertState;
  opened_at: string;
  closed_at: string | null;
  value: string | null;
  close_value: string | null;
  message: string;
  acked_at: string | null;
  muted_until: string | null;
}

export interface AlertRepository {
  rules(): StoredAlertRule[];
  rule(id: number): StoredAlertRule | undefined;
  addRule(input: AlertRuleInput, at: Date): StoredAlertRule;
  updateRule(id: number, input: AlertRuleInput, at: Date): StoredAlertRule | undefined;
  removeRule(id: number): boolean;
  /** The open alert of a rule on a device, if any. */
  openAlert(ruleId: number, deviceId: string): Alert | undefined;
  /** Opens an alert (nothing when one is already open: returns undefined). */
  open(ruleId: number, deviceId: string, value: string | null, message: string, at: Date): Alert | undefined;
  /** Closes the open alert of a rule on a device; undefined when none was open. */
  close(ruleId: number, deviceId: string, closeValue: string | null, at: Date): Alert | undefined;
  /** Closes every open alert of a rule (rule disabled or changed). */
  closeAllOf(ruleId: number, at: Date): Alert[];
  get(id: number): Alert | undefined;
  list(query: { state?: AlertState | undefined; deviceId?: string | undefined; ruleId?: number | undefined; limit: number }): Alert[];
  openCounts(): Map<number, number>;
  ack(id: number, at: Date): Alert | undefined;
  mute(id: number, until: Date | null): Alert | undefined;
  /** Deletes closed alerts closed before `before`; returns how many. */
  pruneClosed(before: string, limit: number): number;
  /** Every device's last contact and periodic interval (arming the offline deadlines at start). */
  contacts(): { id: string; lastInform: string; interval: number | null }[];
  /** The statuses of the device's last `n` finished tasks (done or fault), newest first. */
  lastFinishedTasks(deviceId: string, n: number): string[];
  /** Devices in a scope grouped by model, with the most recently seen device of each. */
  modelsInScope(scope: { model?: string | undefined; tag?: string | undefined }): { model: string; devices: number; sampleId: string }[];
}

const ALERT_COLUMNS = `a.id, a.rule_id, r.name AS rule_name, r.kind, a.device_id, a.state, a.opened_at, a.closed_at,
  a.value, a.close_value, a.message, a.acked_at, a.muted_until`;

function toRule(r: RuleRow): StoredAlertRule {
  const params = fromJson(r.params);
  const scope = fromJson(r.scope);
  return {
    ...(typeof params === 'object' && params !== null ? (params as AlertRuleParams) : {}),
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled === 1,
    scope: typeof scope === 'object' && scope !== null ? (scope as AlertScope) : {},
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    kind: r.kind,
    deviceId: r.device_id,
    state: r.state,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    value: r.value,
    closeValue: r.close_value,
    message: r.message,
    ackedAt: r.acked_at,
    mutedUntil: r.muted_until,
  };
}

export function createAlertRepository(db: Db): AlertRepository {
  const allRules = db.prepare<[], RuleRow>('SELECT * FROM alert_rules ORDER BY id');
  const oneRule = db.prepare<[number], RuleRow>('SELECT * FROM alert_rules WHERE id = ?');
  const insertRule = db.prepare<[string, string, number, string, string, string, string]>(
    'INSERT INTO alert_rules (name, kind, enabled, scope, params, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const updateRule = db.prepare<[string, string, number, string, string, string, number]>(
    'UPDATE alert_rules SET name = ?, kind = ?, enabled = ?, scope = ?, params = ?, updated_at = ? WHERE id = ?',
  );
  const deleteRule = db.prepare<[number]>('DELETE FROM alert_rules WHERE id = ?');
  const byId = db.prepare<[number], AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM alerts a JOIN alert_rules r ON r.id = a.rule_id WHERE a.id = ?`,
  );
  const openOf = db.prepare<[number, string], AlertRow>(
    `SELECT ${ALERT_COLUMNS} FROM alerts a JOIN alert_rules r ON r.id = a.rule_id
     WHERE a.rule_id = ? AND a.device_id = ? AND a.state = 'open'`,
  );
  const openAllOf = db.prepare<[number], { id: number; device_id: string }>(
    "SELECT id, device_id FROM alerts WHERE rule_id = ? AND state = 'open'",
  );
  const insert = db.prepare<[number, string, string, string | null, string]>(
    "INSERT INTO alerts (rule_id, device_id, state, opened_at, value, message) VALUES (?, ?, 'open', ?, ?, ?)",
  );
  const closeOne = db.prepare<[string, string | null, number]>(
    "UPDATE alerts SET state = 'closed', closed_at = ?, close_value = ? WHERE id = ?",
  );
  const counts = db.prepare<[], { rule_id: number; n: number }>(
    "SELECT rule_id, count(*) AS n FROM alerts WHERE state = 'open' GROUP BY rule_id",
  );
  const ack = db.prepare<[string, number]>('UPDATE alerts SET acked_at = coalesce(acked_at, ?) WHERE id = ?');
  const mute = db.prepare<[string | null, number]>('UPDATE alerts SET muted_until = ? WHERE id = ?');
  const prune = db.prepare<[string, number]>(
    "DELETE FROM alerts WHERE id IN (SELECT id FROM alerts WHERE state = 'closed' AND closed_at < ? LIMIT ?)",
  );
  const contacts = db.prepare<[], { id: string; last_inform: string; periodic_interval: number | null }>(
    'SELECT id, last_inform, periodic_interval FROM devices WHERE last_inform IS NOT NULL',
  );
  const lastTasks = db.prepare<[string, number], string>(
    "SELECT status FROM tasks WHERE device_id = ? AND status IN ('done', 'fault') ORDER BY id DESC LIMIT ?",
  );
  lastTasks.pluck();
  const get = (id: number): Alert | undefined => {
    const r = byId.get(id);
    return r === undefined ? undefined : toAlert(r);
  };
  const close = (id: number, closeValue: string | null, at: Date): Alert | undefined => {
    closeOne.run(at.toISOString(), closeValue, id);
    return get(id);
  };
  return {
    rules: () => allRules.all().map(toRule),
    rule: (id) => {
      const r = oneRule.get(id);
      return r === undefined ? undefined : toRule(r);
    },
    addRule(input, at) {
      const iso = at.toISOString();
      const id = Number(
        insertRule.run(input.name, input.kind, input.enabled ? 1 : 0, toJson(input.scope), toJson(input.params), iso, iso).lastInsertRowid,
      );
      return toRule(oneRule.get(id) as RuleRow);
    },
    updateRule(id, input, at) {
      const changed = updateRule.run(
        input.name,
        input.kind,
        input.enabled ? 1 : 0,
        toJson(input.scope),
        toJson(input.params),
        at.toISOString(),
        id,
      ).changes;
      if (changed === 0) return undefined;
      return toRule(oneRule.get(id) as RuleRow);
    },
    removeRule: (id) => deleteRule.run(id).changes > 0,
    openAlert(ruleId, deviceId) {
      const r = openOf.get(ruleId, deviceId);
      return r === undefined ? undefined : toAlert(r);
    },
    open(ruleId, deviceId, value, message, at) {
      if (openOf.get(ruleId, deviceId) !== undefined) return undefined;
      return get(Number(insert.run(ruleId, deviceId, at.toISOString(), value, message).lastInsertRowid));
    },
    close(ruleId, deviceId, closeValue, at) {
      const r = openOf.get(ruleId, deviceId);
      return r === undefined ? undefined : close(r.id, closeValue, at);
    },
    closeAllOf(ruleId, at) {
      return openAllOf
        .all(ruleId)
        .map((r) => close(r.id, 'rule changed', at))
        .filter((a): a is Alert => a !== undefined);
    },
    get,
    list({ state, deviceId, ruleId, limit }) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (state !== undefined) {
        where.push('a.state = ?');
        params.push(state);
      }
      if (deviceId !== undefined) {
        where.push('a.device_id = ?');
        params.push(deviceId);
      }
      if (ruleId !== undefined) {
        where.push('a.rule_id = ?');
        params.push(ruleId);
      }
      const sql = `SELECT ${ALERT_COLUMNS} FROM alerts a JOIN alert_rules r ON r.id = a.rule_id
        ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ?`;
      return db
        .prepare<(string | number)[], AlertRow>(sql)
        .all(...params, limit)
        .map(toAlert);
    },
    openCounts: () => new Map(counts.all().map((r) => [r.rule_id, r.n])),
    ack(id, at) {
      ack.run(at.toISOString(), id);
      return get(id);
    },
    mute(id, until) {
      mute.run(until === null ? null : until.toISOString(), id);
      return get(id);
    },
    pruneClosed: (before, limit) => prune.run(before, limit).changes,
    contacts: () => contacts.all().map((r) => ({ id: r.id, lastInform: r.last_inform, interval: r.periodic_interval })),
    lastFinishedTasks: (deviceId, n) => lastTasks.all(deviceId, n),
    modelsInScope(scope) {
      const where: string[] = [];
      const params: string[] = [];
      if (scope.model !== undefined) {
        where.push('(d.model_name = ? OR d.product_class = ?)');
        params.push(scope.model, scope.model);
      }
      if (scope.tag !== undefined) {
        where.push('d.id IN (SELECT device_id FROM device_tags WHERE tag = ?)');
        params.push(scope.tag);
      }
      const sql = `SELECT d.model_name AS model, count(*) AS devices,
          (SELECT d2.id FROM devices d2 WHERE d2.model_name = d.model_name ORDER BY d2.last_inform DESC LIMIT 1) AS sample_id
        FROM devices d ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY d.model_name ORDER BY devices DESC LIMIT 200`;
      return db
        .prepare<string[], { model: string; devices: number; sample_id: string }>(sql)
        .all(...params)
        .map((r) => ({ model: r.model, devices: r.devices, sampleId: r.sample_id }));
    },
  };
}
