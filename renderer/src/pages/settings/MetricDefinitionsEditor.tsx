// The health metric definitions as JSON: name, label, unit, kind (gauge or counter), aggregate,
// optional split by Wi-Fi band and models, and the source paths tried in order. The core checks
// the list and names the offending metric; its message is shown by the editor and nothing is saved.
import { useState } from 'react';
import type { MetricDefinition } from '../../../../shared/models-monitoring.ts';
import { useApiMutation } from '../../api/queries.ts';
import { Field } from './Field.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { useOutcome } from './use-outcome.ts';

const pretty = (defs: readonly MetricDefinition[]): string => JSON.stringify(defs, null, 2);
const count = (n: number): string => `${n} metric${n === 1 ? '' : 's'}`;

export function MetricDefinitionsEditor({ saved }: { saved: MetricDefinition[] }) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? pretty(saved);
  const outcome = useOutcome();
  const save = useApiMutation('setMetricDefinitions', ['getMetricDefinitions', 'listMetricNames']);
  const send = (definitions: unknown, done: (r: MetricDefinition[]) => string): void => {
    save.mutate(
      // The core validates the shape; a wrong one comes back as its message.
      { definitions: definitions as MetricDefinition[] },
      {
        onSuccess: (r) => {
          setDraft(null);
          outcome.saved(done(r));
        },
        onError: (err) => outcome.failed(err),
      },
    );
  };
  const submit = (): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      outcome.failed(new Error(`The definitions are not valid JSON: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    if (Array.isArray(parsed) && parsed.length === 0) {
      outcome.failed(new Error('The list is empty: use "Restore defaults" to go back to the built-in metrics.'));
      return;
    }
    send(parsed, (r) => `Saved: ${count(r.length)}, used from each device's next sample.`);
  };
  return (
    <form
      className="settings-form"
      aria-label="Metric definitions"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="muted small">
        {count(saved.length)} defined. Each has <code>name</code>, <code>label</code>, <code>unit</code>, <code>kind</code> (gauge or
        counter: a byte counter shown as a rate), <code>aggregate</code> (sum, first, min, max), optional <code>split</code> ("band"),
        optional <code>models</code> (ModelName or ProductClass; none: every device) and <code>sources</code>: paths tried in order, with{' '}
        <code>*</code> for instance numbers, <code>{'{wan}'}</code> for the WAN connection, and optional <code>scale</code> and{' '}
        <code>convert</code> ("mW-to-dBm").
      </p>
      <Field label="Metric definitions (JSON)" error={outcome.outcome?.kind === 'error' ? outcome.outcome.text : undefined}>
        {(p) => (
          <textarea
            {...p}
            className="mono json-editor"
            rows={18}
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setDraft(e.target.value);
              outcome.clear();
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending || draft === null}>
          {save.isPending ? 'Saving…' : 'Save definitions'}
        </button>
        {draft !== null && (
          <button
            type="button"
            onClick={() => {
              setDraft(null);
              outcome.clear();
            }}
          >
            Discard changes
          </button>
        )}
        <button type="button" disabled={save.isPending} onClick={() => send([], (r) => `Restored the ${count(r.length)} built in.`)}>
          Restore defaults
        </button>
        <SaveStatus outcome={outcome.outcome?.kind === 'saved' ? outcome.outcome : null} />
      </div>
    </form>
  );
}
