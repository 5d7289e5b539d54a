// Subscribers: the operator's customers (from billing) and the routers bound to them. A
// virtualized table with search; secrets masked until revealed by a click; add and edit in a
// dialog, delete behind a confirmation, and a CSV import with its column mapping, a dry run that
// names the bad lines, then the import's counts.
import { useState } from 'react';
import { useLocation } from 'react-router';
import type { Subscriber } from '../../../../shared/models-provisioning.ts';
import { useApiMutation } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { ImportDialog } from './subscribers/ImportDialog.tsx';
import { SubscriberDialog } from './subscribers/SubscriberDialog.tsx';
import { SubscriberTable } from './subscribers/SubscriberTable.tsx';
import { useSubscriberPages } from './subscribers/use-subscriber-pages.ts';
import '../../styles/provisioning.css';
import '../../styles/subscribers.css';

export function SubscribersPage() {
  // ?q= (the global search's link to a subscriber without a router) starts the search.
  const { search } = useLocation();
  const [query, setQuery] = useState(() => new URLSearchParams(search).get('q') ?? '');
  const q = useDebounced(query.trim(), 250);
  const { query: list, items, total } = useSubscriberPages(q);
  const [editing, setEditing] = useState<Subscriber | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Subscriber | null>(null);
  const [importing, setImporting] = useState(false);

  return (
    <div className="subs-page">
      <div className="page-head">
        <h1>Subscribers</h1>
        <span className="muted" role="status">
          {list.data === undefined
            ? ''
            : `${items.length.toLocaleString()}${total > items.length ? ` of ${total.toLocaleString()}` : ''} subscriber${total === 1 ? '' : 's'}`}
        </span>
        <input
          type="search"
          className="subs-search"
          aria-label="Search subscribers"
          placeholder="Search account, name, serial, MAC, PPPoE user, SSID…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="subs-head-tools">
          <button type="button" onClick={() => setImporting(true)}>
            Import CSV…
          </button>
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            Add subscriber
          </button>
        </span>
      </div>
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <p className="muted">Loading subscribers…</p>
      ) : items.length === 0 && q === '' ? (
        <div className="empty-state">
          <h2>No subscribers yet</h2>
          <p>
            Import your billing system's CSV export (account id, name, the router's serial or MAC, PPPoE and Wi-Fi), or add one by hand. A
            router is bound to its subscriber when that serial or MAC first informs, or by the installer.
          </p>
        </div>
      ) : items.length === 0 ? (
        <p className="empty-state">No subscriber matches “{q}”.</p>
      ) : (
        <SubscriberTable
          subscribers={items}
          onEdit={setEditing}
          onDelete={setDeleting}
          onNearEnd={() => {
            if (list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
          }}
        />
      )}
      {editing !== null && <SubscriberDialog subscriber={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting !== null && <DeleteSubscriberDialog subscriber={deleting} onClose={() => setDeleting(null)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}

function DeleteSubscriberDialog({ subscriber: s, onClose }: { subscriber: Subscriber; onClose(): void }) {
  const del = useApiMutation('deleteSubscriber', ['listSubscribers', 'listWaitingDevices']);
  return (
    <ConfirmDialog
      open
      danger
      title={`Delete subscriber ${s.accountId}?`}
      confirmLabel="Delete subscriber"
      busy={del.isPending}
      onCancel={onClose}
      onConfirm={() => del.mutate({ accountId: s.accountId }, { onSuccess: onClose })}
    >
      <p>
        {s.name} ({s.accountId}) is removed.{' '}
        {s.deviceId === null
          ? 'No router is bound to them.'
          : 'Their router stays in the fleet, unbound: its profiles no longer see their PPPoE and Wi-Fi values.'}
      </p>
      {del.isError && <ErrorAlert error={del.error} />}
    </ConfirmDialog>
  );
}
