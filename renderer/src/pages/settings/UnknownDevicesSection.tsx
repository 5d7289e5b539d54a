// Which new devices may join: any that authenticates, or only those registered beforehand (by
// device id). Devices already known are never locked out by this policy.
import { useState } from 'react';
import type { CpeAuthSettings } from '../../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { RegistrationList } from './RegistrationList.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { useOutcome } from './use-outcome.ts';

type Policy = CpeAuthSettings['unknownDevices'];
const policies: { value: Policy; label: string; hint: string }[] = [
  { value: 'register', label: 'Add any device that authenticates', hint: 'A new CPE appears in the device list at its first contact.' },
  { value: 'refuse', label: 'Refuse devices that are not registered below', hint: 'Devices already known keep working.' },
];

export function UnknownDevicesSection() {
  const auth = useApiQuery('getCpeAuth', {});
  return (
    <SettingsSection id="unknown-devices" intro="What happens when a device DeskACS has never seen contacts it.">
      {auth.isPending && <p className="muted">Loading…</p>}
      {auth.isError && <ErrorAlert error={auth.error} onRetry={() => void auth.refetch()} />}
      {auth.data !== undefined && <PolicyForm saved={auth.data.unknownDevices} />}
      <h3>Registered devices</h3>
      <RegistrationList />
    </SettingsSection>
  );
}

function PolicyForm({ saved }: { saved: Policy }) {
  const [draft, setDraft] = useState<Policy | null>(null);
  const value = draft ?? saved;
  const outcome = useOutcome();
  const save = useApiMutation('setCpeAuth', ['getCpeAuth']);
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(
          { unknownDevices: value },
          {
            onSuccess: (s) => {
              setDraft(null);
              outcome.saved(s.unknownDevices === 'refuse' ? 'Saved: unregistered devices are refused.' : 'Saved: new devices are added.');
            },
            onError: (err) => outcome.failed(err),
          },
        );
      }}
    >
      <fieldset className="radio-group">
        <legend>New devices</legend>
        {policies.map((p) => (
          <label key={p.value} className="radio">
            <input
              type="radio"
              name="unknown-devices"
              value={p.value}
              checked={value === p.value}
              onChange={() => {
                setDraft(p.value);
                outcome.clear();
              }}
            />
            <span>
              {p.label}
              <span className="muted radio-hint"> · {p.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending || value === saved}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <SaveStatus outcome={outcome.outcome} />
      </div>
    </form>
  );
}
