// "Apply to matching devices": the saved version to every device the profile matches now, in
// waves; the dialog says how many before anything is sent, the panel then follows the waves
// (GET /api/profiles/:name's `apply`) to their end: done, or paused with the reason.
import { useState } from 'react';
import type { ApplyProfileResult, Profile, ProfileApplyProgress } from '../../../../../shared/models-provisioning.ts';
import { useApiMutation, useApiQuery } from '../../../api/queries.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';

export function ApplyPanel({ profile, dirty }: { profile: Profile; dirty: boolean }) {
  const apply = useApiMutation('applyProfile', ['listProfiles']);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<ApplyProfileResult | null>(null);
  const n = profile.matchedDevices;
  // While waves run, their progress is read every 2 s (devices end their applications in their own sessions).
  const live = useApiQuery(
    'getProfile',
    { name: profile.name },
    { refetchInterval: (q) => (q.state.data?.apply?.state === 'running' ? 2_000 : false) },
  );
  const progress = live.data?.apply ?? profile.apply ?? null;
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
      {progress != null && <ApplyProgress progress={progress} />}
      {apply.isError && <ErrorAlert error={apply.error} />}
      <ConfirmDialog
        open={confirming}
        title={`Apply ${profile.name} v${profile.version}?`}
        confirmLabel={`Apply to ${n.toLocaleString()} device${n === 1 ? '' : 's'}`}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          setDone(null);
          apply.mutate(
            { name: profile.name },
            {
              onSuccess: (r) => {
                setDone(r);
                void live.refetch();
              },
            },
          );
        }}
      >
        <p>
          {n.toLocaleString()} device{n === 1 ? '' : 's'} match now. They are asked to connect in waves (first 10, then 100 at a time), each
          wave once the previous one has finished, and receive only what differs from the profile. If more than half of a wave fails, the
          waves stop until you apply again.
        </p>
      </ConfirmDialog>
    </section>
  );
}

const stateWords: Record<ProfileApplyProgress['state'], string> = {
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  interrupted: 'Interrupted',
};

/** The last application in waves: where it is, and how its devices ended so far. */
function ApplyProgress({ progress: p }: { progress: ProfileApplyProgress }) {
  const c = p.counts;
  const parts = [
    [c.applied, 'applied'],
    [c.nothingToDo, 'already right'],
    [c.failed, 'failed'],
    [c.partial, 'partly applied'],
    [c.noAnswer, 'no answer'],
    [c.waiting, 'waiting'],
  ] as const;
  return (
    <div className={`apply-progress ${p.state}`} role="status" aria-label="Application in waves">
      <p className="small">
        <strong>{stateWords[p.state]}</strong>: version {p.version}, wave {p.wave} of {p.waves}, {p.devices.toLocaleString()} device
        {p.devices === 1 ? '' : 's'}
      </p>
      <p className="small muted">
        {parts
          .filter(([k]) => k > 0)
          .map(([k, w]) => `${k.toLocaleString()} ${w}`)
          .join(' · ') || 'no device has ended yet'}
      </p>
      {p.message !== null && (
        <p className={p.state === 'paused' ? 'note warn small' : 'small'} role={p.state === 'paused' ? 'alert' : undefined}>
          {p.message}
        </p>
      )}
    </div>
  );
}
