// The operator's quirk rules: per-model fixes for what real CPEs get wrong, as JSON, applied
// after the built-in ones. The core checks them and names the offending rule; its message is
// shown by the editor and nothing is saved.
import { useState } from 'react';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { Field } from './Field.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { useOutcome } from './use-outcome.ts';

const example = `[
  {
    "match": { "manufacturer": "acme", "productClass": "HG8.*" },
    "quirks": { "booleanForm": "numeric", "gpvBatchSize": 8 },
    "note": "Acme HG8 answers 'false' with fault 9007"
  }
]`;

const pretty = (rules: unknown[]): string => JSON.stringify(rules, null, 2);

export function QuirkRulesSection() {
  const rules = useApiQuery('getQuirkRules', {});
  return (
    <SettingsSection
      id="quirks"
      intro="Fixes for devices that bend the TR-069 rules, matched by manufacturer, OUI, product class (a regular expression) and firmware prefix. Applied after DeskACS's built-in rules."
    >
      <QueryView query={rules}>{(data) => <RulesEditor saved={data} />}</QueryView>
    </SettingsSection>
  );
}

function RulesEditor({ saved }: { saved: unknown[] }) {
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (saved.length === 0 ? '[]' : pretty(saved));
  const outcome = useOutcome();
  const save = useApiMutation('setQuirkRules', ['getQuirkRules']);
  const submit = (): void => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      outcome.failed(new Error(`The rules are not valid JSON: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    save.mutate(
      { rules: parsed },
      {
        onSuccess: (r) => {
          setDraft(null);
          outcome.saved(`Saved: ${r.length} rule${r.length === 1 ? '' : 's'}, used from each device's next session.`);
        },
        // The core's message names the rule and field ('rules[0].quirks.x is not a known setting').
        onError: (err) => outcome.failed(err),
      },
    );
  };
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="muted small">
        {saved.length === 0 ? 'No rules of your own yet.' : `${saved.length} rule${saved.length === 1 ? '' : 's'} saved.`} Each rule has{' '}
        <code>match</code>, <code>quirks</code> (nextLevelBroken, skipRootGetParameterNames, booleanForm, noTransferComplete, gpvBatchSize,
        spvBatchSize, gpnMaxDepth, partialPathGpvBroken) and a <code>note</code> saying why.
      </p>
      <Field label="Rules (JSON)" error={outcome.outcome?.kind === 'error' ? outcome.outcome.text : undefined}>
        {(p) => (
          <textarea
            {...p}
            className="mono json-editor"
            rows={Math.min(18, Math.max(6, text.split('\n').length + 1))}
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
          {save.isPending ? 'Saving…' : 'Save rules'}
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
        {saved.length === 0 && draft === null && (
          <button type="button" onClick={() => setDraft(example)}>
            Start from an example
          </button>
        )}
        <SaveStatus outcome={outcome.outcome?.kind === 'saved' ? outcome.outcome : null} />
      </div>
    </form>
  );
}
