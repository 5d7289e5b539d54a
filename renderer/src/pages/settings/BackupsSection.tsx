// Scheduled configuration backups: on or off, every how many days, how many to keep per device
// (labelled ones are always kept), the largest upload accepted; the next and the last pass.
import { useState } from 'react';
import type { BackupSettings } from '../../../../shared/models-backups.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { formatRelative, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { Field } from './Field.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { useOutcome } from './use-outcome.ts';

const fields = ['everyDays', 'keepPerDevice', 'maxUploadBytes'] as const;
const mb = 1024 * 1024;

export function BackupsSection() {
  const settings = useApiQuery('getBackupSettings', {}, { refetchInterval: 60_000 });
  return (
    <SettingsSection
      id="backups"
      intro="Every device's configuration kept on a schedule: an upload of its configuration file where the device supports Upload, a snapshot of its writable values where it does not."
    >
      <QueryView query={settings}>{(data) => <BackupsForm saved={data} />}</QueryView>
    </SettingsSection>
  );
}

interface Draft {
  enabled: boolean;
  everyDays: string;
  keep: string;
  maxMb: string;
}

function draftOf(s: BackupSettings): Draft {
  const maxMb = s.maxUploadBytes / mb;
  return {
    enabled: s.enabled,
    everyDays: String(s.everyDays),
    keep: String(s.keepPerDevice),
    maxMb: String(Number.isInteger(maxMb) ? maxMb : Number(maxMb.toFixed(2))),
  };
}

function runWords(r: NonNullable<BackupSettings['lastRun']>): string {
  return `${formatTime(r.at)}: ${r.uploads.toLocaleString()} upload task${r.uploads === 1 ? '' : 's'}, ${r.snapshots.toLocaleString()} snapshot${r.snapshots === 1 ? '' : 's'}`;
}

function BackupsForm({ saved }: { saved: BackupSettings }) {
  const now = useNow(30_000);
  const [draft, setDraft] = useState<Draft | null>(null);
  const d = draft ?? draftOf(saved);
  const outcome = useOutcome(fields);
  const save = useApiMutation('setBackupSettings', ['getBackupSettings']);
  const edit = (patch: Partial<Draft>): void => {
    setDraft({ ...d, ...patch });
    outcome.clear();
  };
  // An empty box is sent as NaN and refused by the core with its range, like any bad value.
  const asNumber = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          {
            enabled: d.enabled,
            everyDays: asNumber(d.everyDays),
            keepPerDevice: asNumber(d.keep),
            maxUploadBytes: Math.round(asNumber(d.maxMb) * mb),
          },
          {
            onSuccess: (s) => {
              setDraft(null);
              outcome.saved(
                s.enabled
                  ? `Saved: every ${s.everyDays} day${s.everyDays === 1 ? '' : 's'}, keeping ${s.keepPerDevice} per device.`
                  : 'Saved: scheduled backups are off.',
              );
            },
            onError: (err) => outcome.failed(err),
          },
        );
      }}
    >
      <label className="checkbox-line">
        <input type="checkbox" checked={d.enabled} onChange={(e) => edit({ enabled: e.target.checked })} />
        <span>Back up every device on a schedule</span>
      </label>
      <div className="field-row">
        <Field label="Every (days)" error={outcome.fieldError('everyDays')} hint="1 to 365 (7: weekly)">
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              className="num"
              value={d.everyDays}
              disabled={!d.enabled}
              onChange={(e) => edit({ everyDays: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Keep per device"
          error={outcome.fieldError('keepPerDevice')}
          hint="The newest ones (1 to 1000); labelled backups are always kept"
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              className="num"
              value={d.keep}
              onChange={(e) => edit({ keep: e.target.value })}
            />
          )}
        </Field>
        <Field label="Largest upload (MB)" error={outcome.fieldError('maxUploadBytes')} hint="A bigger file from a device is refused">
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="decimal"
              className="num"
              step="any"
              value={d.maxMb}
              onChange={(e) => edit({ maxMb: e.target.value })}
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
          <dt>Next run</dt>
          <dd data-testid="backups-next-run">
            {!saved.enabled || saved.nextRunAt === null
              ? 'not scheduled'
              : `${formatRelative(saved.nextRunAt, now)} (${formatTime(saved.nextRunAt)})`}
          </dd>
        </div>
        <div>
          <dt>Last run</dt>
          <dd>{saved.lastRun === null ? 'none yet' : runWords(saved.lastRun)}</dd>
        </div>
      </dl>
    </form>
  );
}
