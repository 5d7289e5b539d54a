// Alert rules as the API takes them: each kind's parameters checked (with defaults), a scope
// (all devices, a model, a tag), and which devices in scope cannot trigger a threshold rule
// because their model lacks the metric ("not available on 3 devices: model X lacks wifi.clients").
import { AcsError } from '../../../../shared/errors.ts';
import type { DeviceSummary } from '../../../../shared/models.ts';
import type { AlertRuleKind, AlertRuleParams, AlertScope, MetricDefinition } from '../../../../shared/models-monitoring.ts';
import type { AlertRuleInput, StoredAlertRule } from '../../store/alerts.ts';

export interface RuleArgs extends AlertRuleParams {
  name?: string | undefined;
  kind?: AlertRuleKind | undefined;
  enabled?: boolean | undefined;
  scope?: AlertScope | undefined;
}

const bad = (message: string): AcsError => new AcsError('bad_request', message);

/** The rule to store from API arguments (over `base` for an update). */
export function ruleInput(args: RuleArgs, defs: readonly MetricDefinition[], base?: StoredAlertRule): AlertRuleInput {
  const kind = args.kind ?? base?.kind;
  if (kind === undefined) throw bad("'kind' is required");
  const merged: AlertRuleParams = { ...(base === undefined || base.kind !== kind ? {} : pickParams(base)), ...pickParams(args) };
  const params = paramsFor(kind, merged, defs);
  const name = (args.name ?? base?.name ?? '').trim() || defaultName(kind, params);
  const scope: AlertScope = {};
  const s = args.scope ?? base?.scope ?? {};
  if (s.model !== undefined && s.model.trim() !== '') scope.model = s.model.trim();
  if (s.tag !== undefined && s.tag.trim() !== '') scope.tag = s.tag.trim();
  return { name, kind, enabled: args.enabled ?? base?.enabled ?? true, scope, params };
}

function pickParams(a: AlertRuleParams): AlertRuleParams {
  const out: AlertRuleParams = {};
  for (const key of [
    'intervals',
    'boots',
    'windowMinutes',
    'metric',
    'op',
    'value',
    'forMinutes',
    'expectedVersion',
    'failures',
  ] as const) {
    if (a[key] !== undefined) (out as Record<string, unknown>)[key] = a[key];
  }
  return out;
}

function paramsFor(kind: AlertRuleKind, p: AlertRuleParams, defs: readonly MetricDefinition[]): AlertRuleParams {
  switch (kind) {
    case 'offline':
      return { intervals: p.intervals ?? 3 };
    case 'rebootLoop':
      return { boots: p.boots ?? 3, windowMinutes: p.windowMinutes ?? 60 };
    case 'threshold': {
      if (p.metric === undefined) throw bad(`a threshold rule needs 'metric' (one of ${defs.map((d) => d.name).join(', ')})`);
      if (!defs.some((d) => d.name === p.metric)) throw bad(`no metric named '${p.metric}' (known: ${defs.map((d) => d.name).join(', ')})`);
      if (p.op === undefined || p.value === undefined) throw bad("a threshold rule needs 'op' ('<' or '>') and 'value'");
      return { metric: p.metric, op: p.op, value: p.value, forMinutes: p.forMinutes ?? 0 };
    }
    case 'firmware': {
      const v = p.expectedVersion?.trim() ?? '';
      if (v === '') throw bad("a firmware rule needs 'expectedVersion'");
      return { expectedVersion: v };
    }
    case 'taskFailures':
      return { failures: p.failures ?? 3 };
  }
}

function defaultName(kind: AlertRuleKind, p: AlertRuleParams): string {
  switch (kind) {
    case 'offline':
      return `Offline for ${p.intervals} intervals`;
    case 'rebootLoop':
      return `${p.boots} boots in ${p.windowMinutes} min`;
    case 'threshold':
      return `${p.metric} ${p.op} ${p.value}${p.forMinutes ? ` for ${p.forMinutes} min` : ''}`;
    case 'firmware':
      return `Firmware is not ${p.expectedVersion}`;
    case 'taskFailures':
      return `${p.failures} failed tasks in a row`;
  }
}

/** Whether the rule watches this device. */
export function inScope(scope: AlertScope, device: Pick<DeviceSummary, 'modelName' | 'productClass' | 'tags'>): boolean {
  if (scope.model !== undefined && scope.model !== device.modelName && scope.model !== device.productClass) return false;
  if (scope.tag !== undefined && !device.tags.includes(scope.tag)) return false;
  return true;
}

/** The parameters of a stored rule, as the engine reads them. */
export function paramsOf(
  rule: StoredAlertRule,
): Required<Pick<AlertRuleParams, 'intervals' | 'boots' | 'windowMinutes' | 'failures' | 'forMinutes'>> {
  return {
    intervals: rule.intervals ?? 3,
    boots: rule.boots ?? 3,
    windowMinutes: rule.windowMinutes ?? 60,
    failures: rule.failures ?? 3,
    forMinutes: rule.forMinutes ?? 0,
  };
}
