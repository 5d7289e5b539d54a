// Health metrics: how often devices are sampled and how long samples are kept (getMetricSettings,
// setMetricSettings), and the metric definitions themselves as JSON (MetricDefinitionsEditor).
import { useState } from 'react';
import type { MetricSettings } from '../../../../shared/models-monitoring.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { Field } from './Field.tsx';
import { MetricDefinitionsEditor } from './MetricDefinitionsEditor.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { useOutcome } from './use-outcome.ts';

const fields = ['samplingIntervalSeconds', 'rawDays', 'hourlyMonths'] as const;
type Draft = Record<(typeof fields)[number], string>;

const labels: Record<(typeof fields)[number], { label: string; hint: string }> = {
  samplingIntervalSeconds: { label: 'Sample each device at most every (seconds)', hint: '10 to 86400; read during its periodic sessions' },
  rawDays: { label: 'Keep every sample for (days)', hint: '1 to 90' },
  hourlyMonths: { label: 'Keep hourly averages for (months)', hint: '1 to 60' },
};

export function MetricsSection() {
  const settings = useApiQuery('getMetricSettings', {});
  const definitions = useApiQuery('getMetricDefinitions', {});
  return (
    <SettingsSection
      id="metrics"
      intro="What DeskACS reads from each device to draw its Health charts and check threshold alerts, how often, and how long it keeps it."
    >
      <QueryView query={settings}>{(data) => <MetricSettingsForm saved={data} />}</QueryView>
      <QueryView query={definitions}>{(data) => <MetricDefinitionsEditor saved={data} />}</QueryView>
    </SettingsSection>
  );
}

function MetricSettingsForm({ saved }: { saved: MetricSettings }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const values: Draft = draft ?? {
    samplingIntervalSeconds: String(saved.samplingIntervalSeconds),
    rawDays: String(saved.rawDays),
    hourlyMonths: String(saved.hourlyMonths),
  };
  const outcome = useOutcome(fields);
  const save = useApiMutation('setMetricSettings', ['getMetricSettings']);
  // An empty box is sent as NaN and refused by the core with its range, like any bad value.
  const asNumber = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
  return (
    <form
      className="settings-form"
      aria-label="Sampling and retention"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            samplingIntervalSeconds: asNumber(values.samplingIntervalSeconds),
            rawDays: asNumber(values.rawDays),
            hourlyMonths: asNumber(values.hourlyMonths),
          },
          {
            onSuccess: (s) => {
              setDraft(null);
              outcome.saved(
                `Saved: every ${s.samplingIntervalSeconds} s, samples for ${s.rawDays} days, hourly for ${s.hourlyMonths} months.`,
              );
            },
            onError: (err) => outcome.failed(err),
          },
        );
      }}
    >
      <div className="field-row">
        {fields.map((f) => (
          <Field key={f} label={labels[f].label} hint={labels[f].hint} error={outcome.fieldError(f)}>
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                className="num"
                value={values[f]}
                onChange={(e) => {
                  setDraft({ ...values, [f]: e.target.value });
                  outcome.clear();
                }}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending || draft === null}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <SaveStatus outcome={outcome.outcome} />
      </div>
    </form>
  );
}
