// The subscribers as a virtualized table (a billing export holds tens of thousands): account,
// name, the router's serial or MAC, PPPoE user and password, Wi-Fi name and key, the bound
// device, tags. A secret shows as dots until "Show" reads it revealed from the core.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Subscriber } from '../../../../../shared/models-provisioning.ts';
import { errorText } from '../../../lib/format.ts';
import { useClient } from '../../../api/client-context.tsx';

const rowHeight = 38;

export interface SubscriberTableProps {
  subscribers: readonly Subscriber[];
  onEdit(s: Subscriber): void;
  onDelete(s: Subscriber): void;
  /** The table was scrolled near its last loaded row (load the next page). */
  onNearEnd(): void;
}

type Revealed = Record<string, Subscriber | { error: string }>;

export function SubscriberTable({ subscribers, onEdit, onDelete, onNearEnd }: SubscriberTableProps) {
  const scroller = useRef<HTMLTableSectionElement>(null);
  const client = useClient();
  const [revealed, setRevealed] = useState<Revealed>({});
  const v = useVirtualizer({
    count: subscribers.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    getItemKey: (i) => subscribers[i]?.accountId ?? i,
  });

  const lastShown = v.getVirtualItems().at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastShown >= subscribers.length - 20) onNearEnd();
  }, [lastShown, subscribers.length, onNearEnd]);

  const toggle = (s: Subscriber): void => {
    if (revealed[s.accountId] !== undefined) {
      setRevealed(({ [s.accountId]: _, ...rest }) => rest);
      return;
    }
    client.call('getSubscriber', { accountId: s.accountId, reveal: true }).then(
      (full) => setRevealed((r) => ({ ...r, [s.accountId]: full })),
      (err: unknown) => setRevealed((r) => ({ ...r, [s.accountId]: { error: errorText(err) } })),
    );
  };

  return (
    <table className="subs-table" aria-rowcount={subscribers.length + 1}>
      <caption className="sr-only">Subscribers</caption>
      <thead>
        <tr className="subs-row subs-head" aria-rowindex={1}>
          <th scope="col">Account</th>
          <th scope="col">Name</th>
          <th scope="col">Router serial / MAC</th>
          <th scope="col">PPPoE</th>
          <th scope="col">Wi-Fi</th>
          <th scope="col">Device</th>
          <th scope="col">Tags</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody ref={scroller} className="subs-scroll">
        {v.getVirtualItems().map((item) => {
          const s = subscribers[item.index];
          if (s === undefined) return null;
          const shown = revealed[s.accountId];
          const full = shown !== undefined && !('error' in shown) ? shown : null;
          return (
            <tr
              key={s.accountId}
              aria-rowindex={item.index + 2}
              className="subs-row"
              data-account={s.accountId}
              style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
            >
              <td className="mono" title={s.accountId}>
                {s.accountId}
              </td>
              <td title={s.name}>{s.name}</td>
              <td className="mono subs-two" title={[s.serial, s.mac].filter(Boolean).join(' / ')}>
                <span>{s.serial ?? <span className="muted">—</span>}</span>
                {s.mac !== null && <span className="muted">{s.mac}</span>}
              </td>
              <td className="mono subs-two">
                <span title={s.pppoeUsername ?? ''}>{s.pppoeUsername ?? <span className="muted">—</span>}</span>
                {s.pppoePassword !== null && <span className="muted">{full?.pppoePassword ?? s.pppoePassword}</span>}
              </td>
              <td className="mono subs-two">
                <span title={s.wifiSsid ?? ''}>{s.wifiSsid ?? <span className="muted">—</span>}</span>
                {s.wifiKey !== null && <span className="muted">{full?.wifiKey ?? s.wifiKey}</span>}
              </td>
              <td className="mono">
                {s.deviceId === null ? (
                  <span className="muted">not bound</span>
                ) : (
                  <Link to={`/devices/${encodeURIComponent(s.deviceId)}`} title={s.deviceId}>
                    {s.deviceId.split('-').at(-1) ?? s.deviceId}
                  </Link>
                )}
              </td>
              <td className="subs-tags">
                {s.tags.map((t) => (
                  <span key={t} className="tag">
                    {t}
                  </span>
                ))}
              </td>
              <td className="subs-actions">
                {(s.pppoePassword !== null || s.wifiKey !== null) && (
                  <button
                    type="button"
                    className="prov-link"
                    aria-pressed={full !== null}
                    aria-label={`${full !== null ? 'Hide' : 'Show'} the secrets of ${s.accountId}`}
                    title={shown !== undefined && 'error' in shown ? shown.error : undefined}
                    onClick={() => toggle(s)}
                  >
                    {full !== null ? 'Hide' : shown !== undefined ? 'Failed' : 'Show'}
                  </button>
                )}
                <button type="button" onClick={() => onEdit(s)} aria-label={`Edit ${s.accountId}`}>
                  Edit
                </button>
                <button type="button" className="danger-outline" onClick={() => onDelete(s)} aria-label={`Delete ${s.accountId}`}>
                  Delete
                </button>
              </td>
            </tr>
          );
        })}
        <tr className="subs-spacer" style={{ height: v.getTotalSize() }} />
      </tbody>
    </table>
  );
}
