// How CPEs authenticate to DeskACS (CPE -> ACS): the scheme, the realm, the shared username and
// password. Changing the mode or the credentials affects every CPE at its next contact, so it is
// confirmed with the number of devices it concerns.
import { useState } from 'react';
import type { CpeAuthSettings } from '../../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Field } from './Field.tsx';
import { PasswordInput } from './PasswordInput.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { useOutcome } from './use-outcome.ts';

type Mode = CpeAuthSettings['mode'];
type Draft = Pick<CpeAuthSettings, 'mode' | 'realm' | 'username' | 'password'>;

const fields = ['mode', 'realm', 'username', 'password'] as const;
const modes: { value: Mode; label: string; hint: string }[] = [
  { value: 'digest', label: 'Digest (recommended)', hint: 'The password never crosses the network.' },
  {
    value: 'basic',
    label: 'Basic',
    hint: 'The password crosses the network readable: only on a network you trust, or for CPEs without Digest.',
  },
  { value: 'none', label: 'None', hint: 'Any device that reaches this computer may connect.' },
];

export function CpeAuthSection() {
  const auth = useApiQuery('getCpeAuth', {});
  return (
    <SettingsSection
      id="cpe-auth"
      intro="How CPEs prove who they are when they contact DeskACS. Every CPE is configured with the same username and password."
    >
      <QueryView query={auth}>{(data) => <CpeAuthForm saved={data} />}</QueryView>
    </SettingsSection>
  );
}

function CpeAuthForm({ saved }: { saved: CpeAuthSettings }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [confirming, setConfirming] = useState(false);
  const value: Draft = draft ?? saved;
  const outcome = useOutcome(fields);
  const save = useApiMutation('setCpeAuth', ['getCpeAuth']);
  const info = useApiQuery('serverInfo', {});
  const devices = info.data?.devices ?? 0;
  const edit = (change: Partial<Draft>): void => {
    setDraft({ ...value, ...change });
    outcome.clear();
  };
  const changed = draft !== null && (Object.keys(draft) as (keyof Draft)[]).some((k) => draft[k] !== saved[k]);
  // Devices configured with the old scheme or credentials are refused until updated.
  const locksOut =
    draft !== null &&
    ((draft.mode !== saved.mode && draft.mode !== 'none') ||
      (draft.mode !== 'none' && (draft.username !== saved.username || draft.password !== saved.password)));

  const submit = (): void => {
    setConfirming(false);
    save.mutate(value, {
      onSuccess: (s) => {
        setDraft(null);
        outcome.saved(
          `Saved: ${s.mode === 'none' ? 'no authentication' : `${s.mode === 'digest' ? 'Digest' : 'Basic'} as ${s.username}`}.`,
        );
      },
      onError: (err) => outcome.failed(err),
    });
  };

  return (
    <>
      <form
        className="settings-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (locksOut && devices > 0) setConfirming(true);
          else submit();
        }}
      >
        <fieldset className="radio-group" aria-describedby={outcome.fieldError('mode') !== undefined ? 'cpe-auth-mode-error' : undefined}>
          <legend>Mode</legend>
          {modes.map((m) => (
            <label key={m.value} className="radio">
              <input
                type="radio"
                name="cpe-auth-mode"
                value={m.value}
                checked={value.mode === m.value}
                onChange={() => edit({ mode: m.value })}
              />
              <span>
                {m.label}
                <span className="muted radio-hint"> · {m.hint}</span>
              </span>
            </label>
          ))}
          {outcome.fieldError('mode') !== undefined && (
            <p className="field-error" id="cpe-auth-mode-error" role="alert">
              {outcome.fieldError('mode')}
            </p>
          )}
        </fieldset>
        {value.mode === 'none' && (
          <p className="note warn">
            With no authentication, anything that can reach this computer on the CWMP port can pose as a CPE, register itself and receive
            the configuration and firmware you push. Use it only on an isolated test network.
          </p>
        )}
        <div className="field-row">
          <Field label="Realm" hint="Named in the challenge; any text." error={outcome.fieldError('realm')}>
            {(p) => <input {...p} type="text" value={value.realm} spellCheck={false} onChange={(e) => edit({ realm: e.target.value })} />}
          </Field>
          <Field label="Username" error={outcome.fieldError('username')}>
            {(p) => (
              <input
                {...p}
                type="text"
                value={value.username}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => edit({ username: e.target.value })}
              />
            )}
          </Field>
          <Field label="Password" error={outcome.fieldError('password')}>
            {(p) => <PasswordInput {...p} what="password" value={value.password} onChange={(password) => edit({ password })} />}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending || !changed}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
          {changed && (
            <button type="button" onClick={() => setDraft(null)}>
              Discard changes
            </button>
          )}
          <SaveStatus outcome={outcome.outcome} />
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Change how CPEs authenticate?"
        confirmLabel="Save and apply"
        busy={save.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={submit}
      >
        <p>
          DeskACS knows {devices.toLocaleString()} device{devices === 1 ? '' : 's'}. From their next contact, each is refused until its ACS
          {draft?.mode !== saved.mode ? ' authentication' : ' username and password'} {devices === 1 ? 'is' : 'are'} changed to match.
        </p>
        <p>Devices given credentials of their own keep using those.</p>
      </ConfirmDialog>
    </>
  );
}
