// The alerts, newest first: when, which device, which rule, what triggered it, its state; open
// ones can be acknowledged and muted for an hour (or unmuted).
import { Link } from 'react-router';
import type { Alert } from '../../../../shared/models-monitoring.ts';
import { useApiMutation } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

const when = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function AlertsTable({ alerts, now }: { alerts: Alert[]; now: number }) {
  const ack = useApiMutation('ackAlert', ['listAlerts']);
  const mute = useApiMutation('muteAlert', ['listAlerts']);
  const unmute = useApiMutation('unmuteAlert', ['listAlerts']);
  const error = ack.error ?? mute.error ?? unmute.error;
  return (
    <>
      {error !== null && <ErrorAlert error={error} />}
      <div className="table-scroll">
        <table className="table alerts-table">
          <caption className="sr-only">Alerts</caption>
          <thead>
            <tr>
              <th scope="col">Opened</th>
              <th scope="col">Device</th>
              <th scope="col">Rule</th>
              <th scope="col">What happened</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => {
              const muted = a.mutedUntil !== null && Date.parse(a.mutedUntil) > now;
              return (
                <tr key={a.id}>
                  <td>{when.format(Date.parse(a.openedAt))}</td>
                  <td className="mono wrap-anywhere">
                    <Link to={`/devices/${encodeURIComponent(a.deviceId)}?tab=health`}>{a.deviceId}</Link>
                  </td>
                  <td>{a.ruleName}</td>
                  <td className="wrap-anywhere">{a.message}</td>
                  <td>
                    <span className={`alert-state-${a.state}`}>{a.state === 'open' ? 'Open' : 'Closed'}</span>
                    {a.closedAt !== null && <div className="muted small">closed {when.format(Date.parse(a.closedAt))}</div>}
                    {a.ackedAt !== null && <div className="muted small">acknowledged</div>}
                    {muted && a.mutedUntil !== null && (
                      <div className="muted small">muted until {when.format(Date.parse(a.mutedUntil))}</div>
                    )}
                  </td>
                  <td>
                    {a.state === 'open' && (
                      <div className="actions">
                        {a.ackedAt === null && (
                          <button
                            type="button"
                            onClick={() => ack.mutate({ alertId: a.id })}
                            aria-label={`Acknowledge ${a.ruleName} on ${a.deviceId}`}
                          >
                            Acknowledge
                          </button>
                        )}
                        {muted ? (
                          <button
                            type="button"
                            onClick={() => unmute.mutate({ alertId: a.id })}
                            aria-label={`Unmute ${a.ruleName} on ${a.deviceId}`}
                          >
                            Unmute
                          </button>
                        ) : (
                          <button
                            type="button"
                            onClick={() => mute.mutate({ alertId: a.id, minutes: 60 })}
                            aria-label={`Mute ${a.ruleName} on ${a.deviceId} for an hour`}
                          >
                            Mute 1 h
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
