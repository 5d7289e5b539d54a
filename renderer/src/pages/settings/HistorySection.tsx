// How long device history (sessions, faults, CPE requests, finished tasks) is kept, the last and
// next pruning pass, and pruning now.
import { useState } from 'react';
import type { HistoryPruneReport, HistorySettings } from '../../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { formatRelative, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { Field } from './Field.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { useOutcome } from './use-outcome.ts';

const fields = ['days', 'keepPerDevice'] as const;

export function removedText(r: HistoryPruneReport): string {
  const { sessions, faults, cpeRequests, tasks } = r.removed;
  if (sessions + faults + cpeRequests + tasks === 0)
    return `nothing to remove (${r.devices.toLocaleString()} device${r.devices === 1 ? '' : 's'} checked)`;
  return `removed ${sessions.toLocaleString()} sessions, ${faults.toLocaleString()} faults, ${cpeRequests.toLocaleString()} CPE requests, ${tasks.toLocaleString()} tasks`;
}

export function HistorySection() {
  const settings = useApiQuery('getHistorySettings', {}, { refetchInterval: (q) => (q.state.data?.pruning === true ? 2_000 : 60_000) });
  return (
    <SettingsSection
      id="history"
      intro="Sessions, faults, requests from CPEs and finished tasks are kept per device for a while, then pruned every hour."
    >
      <QueryView query={settings}>{(data) => <HistoryForm saved={data} />}</QueryView>
    </SettingsSection>
  );
}

function HistoryForm({ saved }: { saved: HistorySettings }) {
  const now = useNow(30_000);
  const [draft, setDraft] = useState<{ days: string; keep: string } | null>(null);
  const days = draft?.days ?? String(saved.days);
  const keep = draft?.keep ?? String(saved.keepPerDevice);
  const outcome = useOutcome(fields);
  const pruneOutcome = useOutcome();
  const save = useApiMutation('setHistorySettings', ['getHistorySettings']);
  const prune = useApiMutation('pruneHistory', ['getHistorySettings']);
  // An empty box is sent as NaN and refused by the core with its range, like any bad value.
  const asNumber = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { days: asNumber(days), keepPerDevice: asNumber(keep) },
          {
            onSuccess: (s) => {
              setDraft(null);
              outcome.saved(`Saved: ${s.days} days, and always the newest ${s.keepPerDevice} per device.`);
            },
            onError: (err) => outcome.failed(err),
          },
        );
      }}
    >
      <div className="field-row">
        <Field label="Keep history for (days)" error={outcome.fieldError('days')} hint="1 to 3650">
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              className="num"
              value={days}
              onChange={(e) => {
                setDraft({ days: e.target.value, keep });
                outcome.clear();
              }}
            />
          )}
        </Field>
        <Field
          label="Always keep per device"
          error={outcome.fieldError('keepPerDevice')}
          hint="The newest rows of each kind, whatever their age (1 to 1000)"
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              className="num"
              value={keep}
              onChange={(e) => {
                setDraft({ days, keep: e.target.value });
                outcome.clear();
              }}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending || draft === null}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <SaveStatus outcome={outcome.outcome} />
      </div>
      <dl className="kv">
        <div>
          <dt>Last pass</dt>
          <dd className="last-prune">
            {saved.lastPrune === null
              ? 'none yet'
              : `${formatTime(saved.lastPrune.finishedAt)}: ${removedText(saved.lastPrune)}${saved.lastPrune.interrupted ? ' (stopped early; the next pass goes on)' : ''}`}
          </dd>
        </div>
        <div>
          <dt>Next pass</dt>
          <dd>
            {saved.pruning
              ? 'running now'
              : saved.nextPruneAt === null
                ? 'not scheduled'
                : `${formatRelative(saved.nextPruneAt, now)} (${formatTime(saved.nextPruneAt)})`}
          </dd>
        </div>
      </dl>
      <div className="form-actions">
        <button
          type="button"
          disabled={prune.isPending || saved.pruning}
          onClick={() => {
            pruneOutcome.clear();
            prune.mutate(
              {},
              { onSuccess: (r) => pruneOutcome.saved(`Pruned: ${removedText(r)}.`), onError: (err) => pruneOutcome.failed(err) },
            );
          }}
        >
          {prune.isPending || saved.pruning ? 'Pruning…' : 'Prune now'}
        </button>
        <SaveStatus outcome={pruneOutcome.outcome} />
      </div>
    </form>
  );
}
