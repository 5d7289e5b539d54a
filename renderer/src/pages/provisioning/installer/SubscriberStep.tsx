// Step 1 of the installer: whose router this is. Bound: the subscriber, with Unbind (a router
// bound to the wrong customer). Not bound: search the subscribers still waiting for a router, the
// one whose serial or MAC this router carries first, pick and bind.
import { useState } from 'react';
import type { Subscriber } from '../../../../../shared/models-provisioning.ts';
import { useApiMutation, useApiQuery } from '../../../api/queries.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useDebounced } from '../../../lib/use-debounced.ts';

const after = ['getProvisioning', 'listWaitingDevices', 'listSubscribers', 'getDeviceSubscriber', 'getDeviceSettings'] as const;

export interface SubscriberStepProps {
  deviceId: string;
  subscriber: Subscriber | null;
  loaded: boolean;
  suggested: string | null;
}

export function SubscriberStep({ deviceId, subscriber, loaded, suggested }: SubscriberStepProps) {
  return (
    <section className="panel installer-step" aria-labelledby="subscriber-title">
      <h2 id="subscriber-title">
        <span className="step-no">1</span> Subscriber
      </h2>
      {!loaded ? (
        <p className="muted small">Loading…</p>
      ) : subscriber !== null ? (
        <Bound deviceId={deviceId} subscriber={subscriber} />
      ) : (
        <Picker deviceId={deviceId} suggested={suggested} />
      )}
    </section>
  );
}

function Bound({ deviceId, subscriber: s }: { deviceId: string; subscriber: Subscriber }) {
  const unbind = useApiMutation('unbindSubscriber', after);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="bound-subscriber">
      <span className="chip task-done">Bound</span>
      <span>
        <strong>{s.name}</strong> <span className="mono muted">{s.accountId}</span>
      </span>
      <span className="small muted">
        {[s.pppoeUsername !== null ? `PPPoE ${s.pppoeUsername}` : null, s.wifiSsid !== null ? `Wi-Fi “${s.wifiSsid}”` : null]
          .filter((x) => x !== null)
          .join(' · ')}
      </span>
      <button type="button" className="bound-unbind" aria-label={`Unbind ${s.name}`} onClick={() => setConfirming(true)}>
        Unbind…
      </button>
      {unbind.isError && <ErrorAlert error={unbind.error} />}
      <ConfirmDialog
        open={confirming}
        title={`Unbind ${s.name}?`}
        confirmLabel="Unbind"
        danger
        busy={unbind.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => unbind.mutate({ id: deviceId }, { onSettled: () => setConfirming(false) })}
      >
        <p>The router is no longer theirs: bind it to the right subscriber next and their values are applied instead.</p>
      </ConfirmDialog>
    </div>
  );
}

function Picker({ deviceId, suggested }: { deviceId: string; suggested: string | null }) {
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Subscriber | null>(null);
  const q = useDebounced(query.trim(), 200);
  const found = useApiQuery('listSubscribers', q === '' ? { bound: false, limit: 8 } : { q, bound: false, limit: 8 });
  const hint = useApiQuery('getSubscriber', suggested === null ? null : { accountId: suggested });
  const bind = useApiMutation('bindSubscriber', after);
  const list = [...(hint.data !== undefined ? [hint.data] : []), ...(found.data?.items ?? []).filter((s) => s.accountId !== suggested)];
  return (
    <div className="picker">
      <input
        type="search"
        aria-label="Find the subscriber"
        placeholder="Name, account, PPPoE user…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {found.isError && <ErrorAlert error={found.error} />}
      <ul className="picker-list" aria-label="Subscribers without a router">
        {list.length === 0 && found.isSuccess && <li className="muted small">No subscriber without a router matches.</li>}
        {list.map((s) => (
          <li key={s.accountId}>
            <button
              type="button"
              className={`pick${picked?.accountId === s.accountId ? ' selected' : ''}`}
              aria-pressed={picked?.accountId === s.accountId}
              onClick={() => setPicked(s)}
            >
              <strong>{s.name}</strong> <span className="mono small">{s.accountId}</span>
              {s.accountId === suggested && <span className="chip task-done picker-suggested">Suggested</span>}
              <span className="muted small picker-sub">{[s.serial, s.mac, s.pppoeUsername].filter((x) => x !== null).join(' · ')}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="picker-actions">
        <button
          type="button"
          className="primary"
          disabled={picked === null || bind.isPending}
          onClick={() => picked !== null && bind.mutate({ id: deviceId, accountId: picked.accountId })}
        >
          {bind.isPending ? 'Binding…' : picked === null ? 'Pick a subscriber' : `Bind to ${picked.name}`}
        </button>
      </div>
      {bind.isError && <ErrorAlert error={bind.error} title="Not bound" />}
    </div>
  );
}
