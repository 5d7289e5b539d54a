// The routers waiting for the installer, newest first: serial and model, address, when it first
// called, online or not, and the subscriber whose serial or MAC it carries (a suggestion).
import type { WaitingDevice } from '../../../../../shared/models-provisioning.ts';
import { formatAgo, formatTime } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';

export function WaitingList({
  devices,
  selected,
  onPick,
}: {
  devices: WaitingDevice[];
  selected: string | null;
  onPick(id: string): void;
}) {
  const now = useNow(10_000);
  if (devices.length === 0)
    return <p className="empty-inline muted">No router is waiting. A new one shows up here within seconds of its first contact.</p>;
  return (
    <ul className="waiting-list" aria-label="Routers waiting">
      {devices.map((d) => (
        <li key={d.deviceId}>
          <button
            type="button"
            className={`waiting-item${d.deviceId === selected ? ' selected' : ''}`}
            aria-current={d.deviceId === selected ? 'true' : undefined}
            data-device-id={d.deviceId}
            onClick={() => onPick(d.deviceId)}
          >
            <span className="waiting-line">
              <span className="mono waiting-serial">{d.serialNumber}</span>
              <span className={`chip ${d.online ? 'status-online' : 'status-offline'}`}>{d.online ? 'Online' : 'Offline'}</span>
            </span>
            <span className="small muted waiting-line">
              <span>
                {d.manufacturer} {d.model}
              </span>
              <span title={formatTime(d.firstContactAt)}>first seen {formatAgo(d.firstContactAt, now)}</span>
            </span>
            {d.suggested !== null && <span className="small waiting-suggested">Suggested subscriber: {d.suggested}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
