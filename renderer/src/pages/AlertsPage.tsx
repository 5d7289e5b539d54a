// Alerts: the open ones first (or all, in the URL: ?state=all), each acknowledged or muted from
// its row; the rules that raise them; where notifications go.
import { useSearchParams } from 'react-router';
import { useApiQuery } from '../api/queries.ts';
import { QueryView } from '../components/QueryView.tsx';
import { AlertsTable } from './alerts/AlertsTable.tsx';
import { NotificationsPanel } from './alerts/NotificationsPanel.tsx';
import { RulesPanel } from './alerts/RulesPanel.tsx';
import { askNotificationPermission } from './alerts/use-alert-notifications.ts';
import '../styles/health.css';

export function AlertsPage() {
  const [params, setParams] = useSearchParams();
  const all = params.get('state') === 'all';
  const alerts = useApiQuery('listAlerts', all ? { limit: 500 } : { state: 'open', limit: 500 });
  const canAsk = typeof Notification !== 'undefined' && Notification.permission === 'default';
  return (
    <section className="alerts-page">
      <div className="page-head">
        <h1>Alerts</h1>
        {alerts.data !== undefined && (
          <span className="muted" role="status">
            {alerts.data.length.toLocaleString()} {all ? 'alert' : 'open alert'}
            {alerts.data.length === 1 ? '' : 's'}
          </span>
        )}
        {canAsk && (
          <button type="button" onClick={askNotificationPermission}>
            Notify me on this computer
          </button>
        )}
      </div>
      <section className="panel alerts-section" aria-labelledby="alerts-title">
        <div className="health-toolbar">
          <h2 id="alerts-title">{all ? 'All alerts' : 'Open alerts'}</h2>
          <fieldset className="segmented">
            <legend className="sr-only">Show</legend>
            {(['open', 'all'] as const).map((s) => (
              <label key={s} className={(s === 'all') === all ? 'on' : ''}>
                <input
                  type="radio"
                  name="alert-state"
                  checked={(s === 'all') === all}
                  onChange={() => setParams(s === 'all' ? { state: 'all' } : {})}
                />
                {s === 'open' ? 'Open' : 'All'}
              </label>
            ))}
          </fieldset>
        </div>
        <QueryView query={alerts} loading="Loading alerts…">
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{all ? 'No alerts yet.' : 'No open alerts: every watched device is fine.'}</p>
            ) : (
              <AlertsTable alerts={list} now={Date.now()} />
            )
          }
        </QueryView>
      </section>
      <RulesPanel />
      <NotificationsPanel />
    </section>
  );
}
