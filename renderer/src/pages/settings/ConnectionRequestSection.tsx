// Default connection-request credentials (ACS -> CPE): what DeskACS answers a CPE's challenge
// with when it wakes a device that has no credentials of its own.
import { useState } from 'react';
import type { DefaultCredentials } from '../../../../shared/models-fleet.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatTime } from '../../lib/format.ts';
import { Field } from './Field.tsx';
import { PasswordInput } from './PasswordInput.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { useOutcome } from './use-outcome.ts';

const fields = ['username', 'password'] as const;

export function ConnectionRequestSection() {
  const creds = useApiQuery('getDefaultCredentials', {});
  return (
    <SettingsSection
      id="connection-requests"
      intro="To make a device contact it now (for a reboot, a refresh, a change), DeskACS sends a request to the device's connection-request URL, answering its challenge with the device's own credentials, or with these when it has none."
    >
      <QueryView query={creds}>{(data) => <DefaultsForm saved={data} />}</QueryView>
    </SettingsSection>
  );
}

function DefaultsForm({ saved }: { saved: DefaultCredentials | null }) {
  const [draft, setDraft] = useState<{ username: string; password: string } | null>(null);
  const { username, password } = draft ?? { username: saved?.username ?? '', password: saved?.password ?? '' };
  const setUsername = (v: string): void => setDraft({ username: v, password });
  const setPassword = (v: string): void => setDraft({ username, password: v });
  const [confirmRemove, setConfirmRemove] = useState(false);
  const outcome = useOutcome(fields);
  const save = useApiMutation('setDefaultCredentials', ['getDefaultCredentials']);
  const remove = useApiMutation('deleteDefaultCredentials', ['getDefaultCredentials']);
  const changed = username !== (saved?.username ?? '') || password !== (saved?.password ?? '');
  return (
    <>
      <form
        className="settings-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            { username: username.trim(), password },
            {
              onSuccess: (c) => {
                setDraft(null);
                outcome.saved(`Saved: devices without their own credentials are woken as ${c.username}.`);
              },
              onError: (err) => outcome.failed(err),
            },
          );
        }}
      >
        <p className="muted small">
          {saved === null
            ? 'No defaults set: only devices with their own credentials can be woken.'
            : `Last changed ${formatTime(saved.updatedAt)}.`}
        </p>
        <div className="field-row">
          <Field label="Default username" error={outcome.fieldError('username')}>
            {(p) => (
              <input
                {...p}
                type="text"
                value={username}
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => {
                  setUsername(e.target.value);
                  outcome.clear();
                }}
              />
            )}
          </Field>
          <Field label="Default password" error={outcome.fieldError('password')}>
            {(p) => (
              <PasswordInput
                {...p}
                what="default password"
                value={password}
                onChange={(v) => {
                  setPassword(v);
                  outcome.clear();
                }}
              />
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending || !changed}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
          {saved !== null && (
            <button type="button" className="danger-outline" onClick={() => setConfirmRemove(true)}>
              Remove defaults
            </button>
          )}
          <SaveStatus outcome={outcome.outcome} />
        </div>
      </form>
      <ConfirmDialog
        open={confirmRemove}
        title="Remove the default credentials?"
        confirmLabel="Remove defaults"
        danger
        busy={remove.isPending}
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() =>
          remove.mutate(
            {},
            {
              onSuccess: () => {
                setConfirmRemove(false);
                setDraft(null);
                outcome.saved('Defaults removed.');
              },
              onError: (err) => {
                setConfirmRemove(false);
                outcome.failed(err);
              },
            },
          )
        }
      >
        <p>
          Devices without credentials of their own can then no longer be woken by a connection request; they still get their tasks at their
          next periodic contact.
        </p>
      </ConfirmDialog>
    </>
  );
}
