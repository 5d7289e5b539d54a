// One rollout: progress in words and numbers, the current wave, why it paused, Pause / Resume /
// Cancel, and every device with its state. Live: rolloutUpdated events refetch it, and it is
// polled every 3 s while running should events be missed.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { RolloutDetail } from '../../../shared/models-files.ts';
import { useApiMutation, useApiQuery } from '../api/queries.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { QueryView } from '../components/QueryView.tsx';
import { errorText, formatTime } from '../lib/format.ts';
import { RolloutDevices } from './rollouts/RolloutDevices.tsx';
import { RolloutProgress } from './rollouts/RolloutProgress.tsx';
import { RolloutChip, rolloutCsv, totalOf, waveCount, waveText } from './rollouts/rollout-words.tsx';
import '../styles/rollouts.css';

export function RolloutPage() {
  const rolloutId = Number(useParams().id);
  const q = useApiQuery('getRollout', Number.isInteger(rolloutId) && rolloutId > 0 ? { rolloutId } : null, {
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 3_000 : false),
  });
  return (
    <div className="rollout-page">
      <p className="small">
        <Link to="/rollouts">← Rollouts</Link>
      </p>
      <QueryView query={q} loading="Loading the rollout…">
        {(r) => <RolloutView rollout={r} />}
      </QueryView>
    </div>
  );
}

function RolloutView({ rollout: r }: { rollout: RolloutDetail }) {
  const total = totalOf(r.counts);
  const waves = waveCount(r.waveSizes, total);
  const over = r.state === 'done' || r.state === 'cancelled';
  return (
    <>
      <header className="rollout-head">
        <div>
          <h1>
            Rollout #{r.id}: {r.fileName}
          </h1>
          <div className="rollout-facts">
            <RolloutChip state={r.state} />
            {r.version !== '' && (
              <span>
                <span className="muted">Version</span> <span className="mono">{r.version}</span>
              </span>
            )}
            <span data-testid="rollout-wave">{waveText(r.currentWave, waves)}</span>
            <span>
              <span className="muted">Devices</span> {total.toLocaleString()}
            </span>
            <span className="muted">
              Started {formatTime(r.createdAt)}
              {r.finishedAt !== null && `, ended ${formatTime(r.finishedAt)}`}
            </span>
          </div>
        </div>
        <RolloutControls rollout={r} over={over} />
      </header>
      {r.state === 'paused' && r.reason !== '' && (
        <p className="note warn" role="status">
          Paused: {r.reason}
        </p>
      )}
      <section className="panel rollout-summary" aria-label="Progress">
        <RolloutProgress counts={r.counts} />
        <p className="muted small">
          Waves of {r.waveSizes.join(', ')} (the last size repeats) · {r.concurrency} at once · pauses when more than{' '}
          {Math.round(r.failureThreshold * 100)} % of a wave fail
          {r.window !== null && ` · only between ${r.window.start} and ${r.window.end}`}
        </p>
      </section>
      <RolloutDevices devices={r.devices} />
    </>
  );
}

function RolloutControls({ rollout: r, over }: { rollout: RolloutDetail; over: boolean }) {
  const pause = useApiMutation('pauseRollout', ['listRollouts', 'getRollout']);
  const resume = useApiMutation('resumeRollout', ['listRollouts', 'getRollout']);
  const cancel = useApiMutation('cancelRollout', ['listRollouts', 'getRollout']);
  const [asking, setAsking] = useState(false);
  const left = r.counts.waiting + r.counts.downloading + r.counts.rebooting;
  const error = pause.error ?? resume.error;
  return (
    <div className="rollout-actions" role="group" aria-label="Rollout actions">
      <CsvButton rollout={r} />
      {!over &&
        (r.state === 'paused' ? (
          <button type="button" className="primary" disabled={resume.isPending} onClick={() => resume.mutate({ rolloutId: r.id })}>
            {resume.isPending ? 'Resuming…' : 'Resume'}
          </button>
        ) : (
          <button type="button" disabled={pause.isPending} onClick={() => pause.mutate({ rolloutId: r.id })}>
            {pause.isPending ? 'Pausing…' : 'Pause'}
          </button>
        ))}
      {!over && (
        <button type="button" className="danger-outline" onClick={() => setAsking(true)}>
          Cancel rollout…
        </button>
      )}
      {error !== null && <ErrorAlert error={error} />}
      <ConfirmDialog
        open={asking}
        danger
        title={`Cancel rollout #${r.id}?`}
        confirmLabel="Cancel rollout"
        cancelLabel="Keep it"
        busy={cancel.isPending}
        onCancel={() => setAsking(false)}
        onConfirm={() => cancel.mutate({ rolloutId: r.id }, { onSuccess: () => setAsking(false) })}
      >
        <p>
          {left.toLocaleString()} device{left === 1 ? '' : 's'} not yet upgraded will not be sent the file. Devices already downloading may
          still finish; {r.counts.verified.toLocaleString()} verified stay as they are.
        </p>
        {cancel.isError && (
          <p className="alert" role="alert">
            {errorText(cancel.error)}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

function CsvButton({ rollout }: { rollout: RolloutDetail }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => (url === null ? undefined : () => URL.revokeObjectURL(url)), [url]);
  const name = `rollout-${rollout.id}.csv`;
  return (
    <button
      type="button"
      onClick={() => {
        const blob = new Blob(['\uFEFF', rolloutCsv(rollout)], { type: 'text/csv;charset=utf-8' });
        const next = URL.createObjectURL(blob);
        setUrl(next);
        const a = document.createElement('a');
        a.href = next;
        a.download = name;
        a.click();
      }}
    >
      Export CSV
    </button>
  );
}
