// One profile in the editor: its document as a form (match, when, values to set, objects,
// attributes, management, NAT traversal, firmware floor), saved as a new version; the core's validation
// message shown as it says it. Beside it: the dry run on a chosen device and "Apply to matching
// devices" in waves.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Profile } from '../../../../../shared/models-provisioning.ts';
import { useApiMutation, useApiQuery } from '../../../api/queries.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { ApplyPanel } from './ApplyPanel.tsx';
import { DryRunPanel } from './DryRunPanel.tsx';
import { ObjectRows } from './ObjectRows.tsx';
import { emptyForm, formOf, inputOf, type ProfileForm } from './profile-form.ts';
import { FirmwareFields, IdentityFields, ManagementFields, MatchFields, StunFields, WhenFields } from './ProfileSections.tsx';
import { SetRows } from './SetRows.tsx';

/** Every optional field as null: what the form does not send is cleared by the merging PUT. */
const CLEARED = {
  description: null,
  match: null,
  when: null,
  set: null,
  objects: null,
  attributes: null,
  connectionRequest: null,
  periodicInform: null,
  firmware: null,
  stun: null,
} as const;

export function ProfileEditor({ name }: { name: string | null }) {
  const profile = useApiQuery('getProfile', name === null ? null : { name });
  const catalog = useApiQuery('listCommonSettings', {}, { staleTime: Number.POSITIVE_INFINITY });
  if (name !== null && profile.isPending) return <p className="muted">Loading profile…</p>;
  if (profile.isError) return <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />;
  if (catalog.isPending) return <p className="muted">Loading common settings…</p>;
  const known = new Set((catalog.data ?? []).map((c) => c.key as string));
  const p = profile.data ?? null;
  return (
    <EditorForm key={p === null ? 'new' : `${p.name}:${p.version}`} profile={p} initial={p === null ? emptyForm() : formOf(p, known)} />
  );
}

function EditorForm({ profile, initial }: { profile: Profile | null; initial: ProfileForm }) {
  const navigate = useNavigate();
  const [form, setForm] = useState(initial);
  const [shownProblems, setShownProblems] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const create = useApiMutation('createProfile', ['listProfiles', 'getProfile']);
  const update = useApiMutation('updateProfile', ['listProfiles', 'getProfile']);
  const remove = useApiMutation('deleteProfile', ['listProfiles']);
  const { input, problems } = inputOf(form);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  const saving = create.isPending || update.isPending;
  const saveError = create.error ?? update.error;

  const save = (): void => {
    setShownProblems(true);
    if (problems.length > 0) return;
    const done = (p: Profile): void => {
      create.reset();
      update.reset();
      navigate(`/profiles/${encodeURIComponent(p.name)}`, { replace: true });
    };
    if (profile === null) create.mutate({ ...input, name: input.name }, { onSuccess: done });
    else {
      const rename = input.name !== profile.name ? { rename: input.name } : {};
      // PUT merges: a field the form left empty is sent as null so that it is cleared.
      update.mutate({ ...CLEARED, ...input, name: profile.name, ...rename }, { onSuccess: done });
    }
  };

  return (
    <div className="profile-editor">
      <nav aria-label="Breadcrumb" className="crumbs">
        <Link to="/profiles">Profiles</Link> <span aria-hidden="true">›</span> <span>{profile?.name ?? 'New profile'}</span>
      </nav>
      <div className="page-head">
        <h1>{profile === null ? 'New profile' : profile.name}</h1>
        {profile !== null && (
          <span className="muted">
            version {profile.version} · matches {profile.matchedDevices.toLocaleString()} device{profile.matchedDevices === 1 ? '' : 's'}
          </span>
        )}
        <span className="profile-head-tools">
          {profile !== null && (
            <button type="button" className="danger-outline" onClick={() => setDeleting(true)}>
              Delete
            </button>
          )}
          <button type="button" className="primary" disabled={saving || (!dirty && profile !== null)} onClick={save}>
            {saving ? 'Saving…' : profile === null ? 'Create profile' : dirty ? `Save as version ${profile.version + 1}` : 'Saved'}
          </button>
        </span>
      </div>
      {shownProblems && problems.length > 0 && (
        <div className="alert" role="alert">
          <strong>Not saved:</strong> {problems.join('; ')}.
        </div>
      )}
      {saveError !== null && <ErrorAlert error={saveError} title="The profile was refused" />}
      <div className="profile-grid">
        <form
          className="profile-form"
          aria-label="Profile"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <IdentityFields form={form} onChange={setForm} />
          <MatchFields form={form} onChange={setForm} />
          <WhenFields form={form} onChange={setForm} />
          <SetRows rows={form.set} onChange={(set) => setForm((f) => ({ ...f, set }))} />
          <ObjectRows form={form} onChange={setForm} />
          <ManagementFields form={form} onChange={setForm} />
          <StunFields form={form} onChange={setForm} />
          <FirmwareFields form={form} onChange={setForm} />
        </form>
        <aside className="profile-side" aria-label="Try and apply">
          {profile === null ? (
            <p className="muted panel profile-side-note">Create the profile to try it on a device (dry run) and apply it.</p>
          ) : (
            <>
              <DryRunPanel profile={profile.name} dirty={dirty} />
              <ApplyPanel profile={profile} dirty={dirty} />
            </>
          )}
        </aside>
      </div>
      {profile !== null && (
        <ConfirmDialog
          open={deleting}
          danger
          title={`Delete profile ${profile.name}?`}
          confirmLabel="Delete profile"
          busy={remove.isPending}
          onCancel={() => setDeleting(false)}
          onConfirm={() => remove.mutate({ name: profile.name }, { onSuccess: () => navigate('/profiles') })}
        >
          <p>
            The {profile.matchedDevices.toLocaleString()} matching device{profile.matchedDevices === 1 ? '' : 's'} keep what it already set;
            nothing is undone on them, and it is no longer applied.
          </p>
          {remove.isError && <ErrorAlert error={remove.error} />}
        </ConfirmDialog>
      )}
    </div>
  );
}
