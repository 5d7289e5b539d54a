import { useState, type FormEvent } from 'react';
import type { HistoryPruneReport } from '../../shared/models.ts';
import type { ApiClient } from './api-client.ts';
import { errorText } from './format.ts';
import { useApi } from './use-api.ts';

const noArgs = {};

function removedText(r: HistoryPruneReport): string {
  const { sessions, faults, cpeRequests, tasks } = r.removed;
  const total = sessions + faults + cpeRequests + tasks;
  if (total === 0) return `nothing to remove (${r.devices} device${r.devices === 1 ? '' : 's'} checked)`;
  return `removed ${sessions} sessions, ${faults} faults, ${cpeRequests} CPE requests, ${tasks} tasks`;
}

/** How long device history is kept: edit the setting, see the last pass, prune now. */
export function HistorySettings({ client }: { client: ApiClient }) {
  const [open, setOpen] = useState(false);
  const [revision, setRevision] = useState(0);
  const [draft, setDraft] = useState<{ days: string; keep: string } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const settings = useApi(client, 'getHistorySettings', open ? noArgs : null, revision);
  const s = settings.data;
  const days = draft?.days ?? String(s?.days ?? '');
  const keep = draft?.keep ?? String(s?.keepPerDevice ?? '');

  const act = async (work: () => Promise<string>): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ text: await work(), error: false });
      setDraft(null);
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
      setRevision((r) => r + 1);
    }
  };
  const save = (e: FormEvent): void => {
    e.preventDefault();
    void act(async () => {
      const saved = await client.call('setHistorySettings', { days: Number(days), keepPerDevice: Number(keep) });
      return `Saved: ${saved.days} days, at least ${saved.keepPerDevice} per device.`;
    });
  };
  const prune = (): void => void act(async () => `Pruned: ${removedText(await client.call('pruneHistory', noArgs))}.`);

  return (
    <details className="cpe-setup history-settings" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>History</summary>
      {/* The core validates (and says why), for the API's callers too. */}
      <form onSubmit={save} noValidate>
        <label>
          Keep history for
          <input type="number" min={1} max={3650} value={days} onChange={(e) => setDraft({ days: e.target.value, keep })} aria-label="days to keep" />
          days
        </label>
        <label>
          but always the last
          <input type="number" min={1} max={1000} value={keep} onChange={(e) => setDraft({ days, keep: e.target.value })} aria-label="rows kept per device" />
          per device
        </label>
        <p className="muted">Sessions, faults, requests from the CPE and finished tasks. Pruned hourly.</p>
        <div className="toolbar actions">
          <button type="submit" disabled={busy || s === null}>Save</button>
          <button type="button" disabled={busy || s === null || s.pruning} onClick={prune}>
            {busy || s?.pruning === true ? 'Pruning…' : 'Prune now'}
          </button>
        </div>
        {s !== null && s.lastPrune !== null && (
          <p className="muted last-prune">
            Last pass {new Date(s.lastPrune.finishedAt).toLocaleString()}: {removedText(s.lastPrune)}
            {s.lastPrune.interrupted ? ' (stopped early)' : ''}.
          </p>
        )}
        {message !== null && (
          <p className={message.error ? 'error' : 'muted'} role="status">
            {message.text}
          </p>
        )}
        {settings.error !== null && <p className="error">{settings.error}</p>}
      </form>
    </details>
  );
}
