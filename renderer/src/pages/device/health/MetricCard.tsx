// One health metric of a device over the chosen range: a line per part (Wi-Fi band), the
// latest values in words, and the same numbers in a table under "Show the numbers".
import { useCallback, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import type { DeviceMetricName, DeviceMetrics } from '../../../../../shared/models-monitoring.ts';
import { useApiQuery } from '../../../api/queries.ts';
import { Chart } from '../../../components/Chart.tsx';
import { QueryView } from '../../../components/QueryView.tsx';
import { metricLines } from './chart-options.ts';
import { formatMetric } from './format.ts';

const when = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The parts' points on one time axis (uPlot's aligned data; null where a part has no point). */
export function alignSeries(m: DeviceMetrics): uPlot.AlignedData {
  const times = [...new Set(m.series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => a - b);
  const index = new Map(times.map((t, i) => [t, i]));
  const lines = m.series.map((s) => {
    const values: (number | null)[] = times.map(() => null);
    for (const p of s.points) values[index.get(p.t) ?? 0] = p.v;
    return values;
  });
  return [times.map((t) => t / 1000), ...lines];
}

export function MetricCard({
  deviceId,
  metric,
  from,
  spanSeconds,
}: {
  deviceId: string;
  metric: DeviceMetricName;
  from: string;
  spanSeconds: number;
}) {
  const query = useApiQuery('getDeviceMetrics', { id: deviceId, name: metric.name, from });
  const titleId = `metric-${metric.name.replace(/\W+/g, '-')}`;
  return (
    <section className="chart-card panel health-card" aria-labelledby={titleId}>
      <header className="chart-head">
        <h3 id={titleId}>{metric.label}</h3>
        {query.data !== undefined && (
          <span className="muted small">{query.data.resolution === 'raw' ? 'every sample' : 'hourly average'}</span>
        )}
      </header>
      <QueryView query={query} loading="Loading…">
        {(m) => <MetricBody m={m} spanSeconds={spanSeconds} />}
      </QueryView>
    </section>
  );
}

function MetricBody({ m, spanSeconds }: { m: DeviceMetrics; spanSeconds: number }) {
  const [hover, setHover] = useState<number | null>(null);
  const data = useMemo(() => alignSeries(m), [m]);
  const parts = useMemo(() => m.series.map((s) => s.part), [m]);
  const partsKey = parts.join('|');
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the parts, unit or span change
  const options = useCallback(metricLines(parts, m.unit, spanSeconds), [partsKey, m.unit, spanSeconds]);
  const points = m.series.reduce((n, s) => n + s.points.length, 0);
  if (points === 0) return <p className="muted">No samples in this range yet.</p>;
  const latest = m.series.map((s) => ({ part: s.part, p: s.points[s.points.length - 1] }));
  const x = hover === null ? undefined : data[0][hover];
  const readout =
    hover === null || x === undefined
      ? `Latest: ${latest.map((l) => `${l.part === '' ? '' : `${l.part} `}${l.p === undefined ? '–' : formatMetric(l.p.v, m.unit)}`).join(', ')}`
      : `${when.format(x * 1000)}: ${parts
          .map((p, i) => {
            const v = data[i + 1]?.[hover];
            return `${p === '' ? '' : `${p} `}${v === null || v === undefined ? '–' : formatMetric(v, m.unit)}`;
          })
          .join(', ')}`;
  return (
    <>
      <p className="chart-summary" aria-live="off">
        {readout}
      </p>
      {parts.length > 1 && (
        <ul className="health-legend" aria-label="Lines">
          {parts.map((p, i) => (
            <li key={p} data-line={i}>
              {p}
            </li>
          ))}
        </ul>
      )}
      <Chart
        options={options}
        data={data}
        height={150}
        label={`${m.label} over time: line chart; the numbers are under "Show the numbers".`}
        onHover={setHover}
      />
      <details className="chart-numbers">
        <summary>Show the numbers</summary>
        <table className="table compact">
          <caption className="sr-only">{m.label}</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              {parts.map((p) => (
                <th key={p} scope="col" className="num">
                  {p === '' ? m.label : p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from(data[0], (t, i) => ({ t, i }))
              .reverse()
              .slice(0, 200)
              .map(({ t, i }) => (
                <tr key={t}>
                  <th scope="row">{when.format(t * 1000)}</th>
                  {parts.map((p, k) => {
                    const v = data[k + 1]?.[i];
                    return (
                      <td key={p} className="num">
                        {v === null || v === undefined ? '–' : formatMetric(v, m.unit)}
                      </td>
                    );
                  })}
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
