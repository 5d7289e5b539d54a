// The device page's Health tab: the device's open alerts, then a chart per health metric it has
// (throughput, Wi-Fi clients per band, optical power, signal, uptime, CPU, memory) over the last
// day, week or month, and the metrics its model lacks, with why.
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApiQuery } from '../../../api/queries.ts';
import { QueryView } from '../../../components/QueryView.tsx';
import { MetricCard } from './MetricCard.tsx';
import '../../../styles/health.css';

const RANGES = [
  { id: 'day', label: '24 hours', seconds: 86_400 },
  { id: 'week', label: '7 days', seconds: 7 * 86_400 },
  { id: 'month', label: '30 days', seconds: 30 * 86_400 },
] as const;

export function HealthTab({ deviceId }: { deviceId: string }) {
  const [range, setRange] = useState<(typeof RANGES)[number]>(RANGES[0]);
  // Fixed for the range chosen (a new key per minute would refetch for nothing).
  const from = useMemo(() => new Date(Math.floor((Date.now() - range.seconds * 1000) / 60_000) * 60_000).toISOString(), [range]);
  const names = useApiQuery('listMetricNames', { id: deviceId });
  const alerts = useApiQuery('listAlerts', { deviceId, state: 'open' });
  return (
    <div className="health-tab">
      {alerts.data !== undefined && alerts.data.length > 0 && (
        <div className="alert health-alerts" role="status">
          <strong>
            {alerts.data.length} open alert{alerts.data.length === 1 ? '' : 's'}:
          </strong>{' '}
          {alerts.data.map((a) => `${a.ruleName} (${a.message})`).join('; ')} — <Link to="/alerts">Alerts</Link>
        </div>
      )}
      <div className="health-toolbar">
        <fieldset className="segmented">
          <legend className="sr-only">Range</legend>
          {RANGES.map((r) => (
            <label key={r.id} className={r.id === range.id ? 'on' : ''}>
              <input type="radio" name="health-range" checked={r.id === range.id} onChange={() => setRange(r)} />
              {r.label}
            </label>
          ))}
        </fieldset>
        <span className="muted small">Sampled during the device's periodic sessions.</span>
      </div>
      <QueryView query={names} loading="Loading metrics…">
        {(list) => {
          const have = list.filter((n) => n.available || n.lastAt !== null);
          const lack = list.filter((n) => !n.available && n.lastAt === null);
          return (
            <>
              {have.length === 0 ? (
                <div className="empty-state">
                  <p>
                    No health metrics for this device yet. They are read from its parameter tree: run a <strong>Refresh</strong> once, then
                    its periodic sessions fill the charts.
                  </p>
                </div>
              ) : (
                <div className="health-grid">
                  {have.map((n) => (
                    <MetricCard key={n.name} deviceId={deviceId} metric={n} from={from} spanSeconds={range.seconds} />
                  ))}
                </div>
              )}
              {lack.length > 0 && (
                <details className="health-lacks">
                  <summary>Not available on this device: {lack.map((n) => n.label).join(', ')}</summary>
                  <ul>
                    {lack.map((n) => (
                      <li key={n.name}>
                        <strong>{n.label}</strong>: <span className="muted wrap-anywhere">{n.reason}</span>
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
