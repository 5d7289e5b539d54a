// The Overview's "Devices online" over the last 7 days (sampled by the core every 5 minutes):
// a line, the latest count in words, the numbers in a table.
import { useCallback, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { useApiQuery } from '../../../api/queries.ts';
import { Chart } from '../../../components/Chart.tsx';
import { metricLines } from './chart-options.ts';
import '../../../styles/health.css';

const SPAN = 7 * 86_400;
const when = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function FleetOnlineCard() {
  const from = useMemo(() => new Date(Math.floor((Date.now() - SPAN * 1000) / 3_600_000) * 3_600_000).toISOString(), []);
  const online = useApiQuery('getFleetMetrics', { name: 'online', from }, { refetchInterval: 300_000 });
  const [hover, setHover] = useState<number | null>(null);
  const options = useCallback(metricLines(['online'], 'devices', SPAN), []);
  const points = online.data?.points ?? [];
  const data = useMemo<uPlot.AlignedData>(() => [points.map((p) => p.t / 1000), points.map((p) => p.v)], [points]);
  const shown = hover === null ? points.at(-1) : points[hover];
  return (
    <section className="chart-card panel" aria-labelledby="fleet-online-title">
      <header className="chart-head">
        <h2 id="fleet-online-title">Devices online</h2>
        <p className="chart-readout muted">Last 7 days, sampled every 5 minutes</p>
      </header>
      {points.length === 0 ? (
        <p className="muted">No samples yet: the first is taken 5 minutes after DeskACS starts.</p>
      ) : (
        <>
          <p className="chart-summary">
            {shown !== undefined && (
              <>
                <strong>{shown.v.toLocaleString()}</strong> online {hover === null ? 'now' : `at ${when.format(shown.t)}`}
              </>
            )}
          </p>
          <Chart
            options={options}
            data={data}
            height={170}
            label='Devices online over the last 7 days: line chart; the numbers are under "Show the numbers".'
            onHover={setHover}
          />
          <details className="chart-numbers">
            <summary>Show the numbers</summary>
            <table className="table compact">
              <caption className="sr-only">Devices online</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col" className="num">
                    Online
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...points]
                  .reverse()
                  .slice(0, 300)
                  .map((p) => (
                    <tr key={p.t}>
                      <th scope="row">{when.format(p.t)}</th>
                      <td className="num">{p.v.toLocaleString()}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
