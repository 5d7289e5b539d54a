// "Apply to matching devices": the saved version to every device the profile matches now, in
// waves of connection requests; the dialog says how many before anything is sent, the panel
// then what was queued.
import { useState } from 'react';
import type { ApplyProfileResult, Profile } from '../../../../../shared/models-provisioning.ts';
import { useApiMutation } from '../../../api/queries.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';

export function ApplyPanel({ profile, dirty }: { profile: Profile; dirty: boolean }) {
  const apply = useApiMutation('applyProfile', ['listProfiles']);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<ApplyProfileResult | null>(null);
  const n = profile.matchedDevices;
  return (
    <section className="panel profile-panel" aria-labelledby="apply-title">
      <h2 id="apply-title">Apply now</h2>
      <p className="muted small">
        Matching devices get the profile at their next session anyway
        {profile.when.includes('everyInform') ? '' : ' (when its triggers fire)'}; this asks them to connect now, in waves.
      </p>
      <button type="button" disabled={n === 0 || dirty || apply.isPending} onClick={() => setConfirming(true)}>
        Apply to {n.toLocaleString()} matching device{n === 1 ? '' : 's'}
      </button>
      {apply.isPending && (
        <p className="small" role="status">
          Sending connection requests…
        </p>
      )}
      {done !== null && (
        <p className="note small" role="status">
          Version {done.version} applies to {done.devices.toLocaleString()} device{done.devices === 1 ? '' : 's'} in {done.waves.length}{' '}
          wave
          {done.waves.length === 1 ? '' : 's'} ({done.waves.map((w) => w.length).join(' + ')}). Each device's result is in its Provisioning
          tab.
        </p>
      )}
      {apply.isError && <ErrorAlert error={apply.error} />}
      <ConfirmDialog
        open={confirming}
        title={`Apply ${profile.name} v${profile.version}?`}
        confirmLabel={`Apply to ${n.toLocaleString()} device${n === 1 ? '' : 's'}`}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          setDone(null);
          apply.mutate({ name: profile.name }, { onSuccess: setDone });
        }}
      >
        <p>
          {n.toLocaleString()} device{n === 1 ? '' : 's'} match now. Each is asked to connect (first 10, then waves of 100) and receives
          only what differs from the profile; offline ones apply it at their next contact.
        </p>
      </ConfirmDialog>
    </section>
  );
}
