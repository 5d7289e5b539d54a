// A new alert rule: its kind, the kind's parameters, and which devices it watches.
import { type FormEvent, useState } from 'react';
import { alertRuleKinds, type AlertRuleKind } from '../../../../shared/models-monitoring.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { kindLabels } from './rule-words.ts';

export function RuleForm() {
  const defs = useApiQuery('getMetricDefinitions', {});
  const create = useApiMutation('createAlertRule', ['listAlertRules']);
  const [kind, setKind] = useState<AlertRuleKind>('offline');
  const [f, setF] = useState({
    name: '',
    number: '3',
    metric: 'optical.rxPower',
    op: '<' as '<' | '>',
    value: '-27',
    forMinutes: '10',
    version: '',
    model: '',
    tag: '',
  });
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const n = Number(f.number);
    const scope = { ...(f.model.trim() === '' ? {} : { model: f.model.trim() }), ...(f.tag.trim() === '' ? {} : { tag: f.tag.trim() }) };
    const base = { kind, scope, ...(f.name.trim() === '' ? {} : { name: f.name.trim() }) };
    const params =
      kind === 'offline'
        ? { intervals: n }
        : kind === 'rebootLoop'
          ? { boots: n, windowMinutes: 60 }
          : kind === 'taskFailures'
            ? { failures: n }
            : kind === 'firmware'
              ? { expectedVersion: f.version }
              : { metric: f.metric, op: f.op, value: Number(f.value), forMinutes: Number(f.forMinutes) };
    create.mutate({ ...base, ...params });
  };
  return (
    <form className="rule-form" onSubmit={submit} aria-label="New alert rule">
      <label>
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as AlertRuleKind)}>
          {alertRuleKinds.map((k) => (
            <option key={k} value={k}>
              {kindLabels[k]}
            </option>
          ))}
        </select>
      </label>
      {(kind === 'offline' || kind === 'rebootLoop' || kind === 'taskFailures') && (
        <label>
          {kind === 'offline' ? 'Silent periodic intervals' : kind === 'rebootLoop' ? 'Boots within an hour' : 'Failed tasks in a row'}
          <input type="number" min={1} max={1000} value={f.number} onChange={set('number')} required />
        </label>
      )}
      {kind === 'firmware' && (
        <label>
          Expected version
          <input type="text" value={f.version} onChange={set('version')} required />
        </label>
      )}
      {kind === 'threshold' && (
        <>
          <label>
            Metric
            <select value={f.metric} onChange={set('metric')}>
              {(defs.data ?? []).map((d) => (
                <option key={d.name} value={d.name}>
                  {d.label} ({d.unit})
                </option>
              ))}
            </select>
          </label>
          <label>
            Is
            <select value={f.op} onChange={set('op')}>
              <option value="<">below</option>
              <option value=">">above</option>
            </select>
          </label>
          <label>
            Value
            <input type="number" step="any" value={f.value} onChange={set('value')} required />
          </label>
          <label>
            For minutes
            <input type="number" min={0} value={f.forMinutes} onChange={set('forMinutes')} />
          </label>
        </>
      )}
      <label>
        Model (optional)
        <input type="text" value={f.model} onChange={set('model')} />
      </label>
      <label>
        Tag (optional)
        <input type="text" value={f.tag} onChange={set('tag')} />
      </label>
      <label>
        Name (optional)
        <input type="text" value={f.name} onChange={set('name')} />
      </label>
      <div>
        <button type="submit" className="primary" disabled={create.isPending}>
          Add rule
        </button>
      </div>
      {create.error !== null && (
        <div className="wide">
          <ErrorAlert error={create.error} />
        </div>
      )}
    </form>
  );
}
