// The device's sessions as a timeline, newest first, each with the Inform's events and how it
// ended; choosing one opens the inspector beside it (its messages in order, raw SOAP). The chosen
// session is in the URL (?tab=sessions&session=42), so a link opens it.
import { useSearchParams } from 'react-router';
import type { DeviceEvent, SessionRecord } from '../../../../shared/models.ts';
import { useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { formatDuration, formatTime } from '../../lib/format.ts';
import { SessionInspector } from './SessionInspector.tsx';
import { SessionOutcomeChip } from './SessionOutcomeChip.tsx';

export function SessionsTab({ deviceId }: { deviceId: string }) {
  const sessions = useApiQuery('listSessions', { id: deviceId, limit: 100 });
  const device = useApiQuery('getDevice', { id: deviceId });
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('session'));
  const selected = Number.isInteger(raw) && raw > 0 ? raw : null;
  const choose = (id: number): void => {
    const next = new URLSearchParams(params);
    next.set('session', String(id));
    setParams(next);
  };
  const eventsOf = new Map<number, DeviceEvent[]>();
  for (const e of device.data?.events ?? []) {
    if (e.sessionId === null) continue;
    const list = eventsOf.get(e.sessionId) ?? [];
    list.push(e);
    eventsOf.set(e.sessionId, list);
  }
  return (
    <QueryView query={sessions} loading="Loading sessions…">
      {(list) =>
        list.length === 0 ? (
          <p className="empty-state">No sessions kept for this device.</p>
        ) : (
          <div className="sessions-layout">
            <ol className="session-list" aria-label="Sessions, newest first">
              {list.map((s) => (
                <li key={s.id}>
                  <SessionItem session={s} events={eventsOf.get(s.id) ?? []} selected={s.id === selected} onChoose={() => choose(s.id)} />
                </li>
              ))}
            </ol>
            <div className="session-detail">
              {selected === null ? (
                <p className="empty-state">Choose a session to see its messages in order, with the SOAP as it was sent.</p>
              ) : (
                <SessionInspector sessionId={selected} />
              )}
            </div>
          </div>
        )
      }
    </QueryView>
  );
}

function SessionItem({
  session: s,
  events,
  selected,
  onChoose,
}: {
  session: SessionRecord;
  events: DeviceEvent[];
  selected: boolean;
  onChoose(): void;
}) {
  const took = s.endedAt === null ? null : (Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000;
  return (
    <button type="button" className="session-item" aria-current={selected ? 'true' : undefined} onClick={onChoose}>
      <span className="session-line">
        <span className="session-time">{formatTime(s.startedAt)}</span>
        <SessionOutcomeChip outcome={s.outcome} />
      </span>
      <span className="session-events">
        {events.length === 0 ? (
          <span className="muted small">no events</span>
        ) : (
          events.map((e) => (
            <span key={`${e.code}|${e.commandKey}`} className="event-tag mono">
              {e.code}
            </span>
          ))
        )}
      </span>
      <span className="muted small">
        #{s.id} · {s.messages} CPE message{s.messages === 1 ? '' : 's'}
        {took !== null && ` · ${took < 1 ? `${Math.round(took * 1000)} ms` : formatDuration(took)}`}
        {s.warnings.length > 0 && ` · ${s.warnings.length} warning${s.warnings.length === 1 ? '' : 's'}`}
      </span>
    </button>
  );
}
