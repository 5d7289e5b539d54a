// Counts over time (new devices per day, informs per hour) as bars, with a summary in words and
// the same numbers in a table under "Show the numbers".
import { type ReactNode, useMemo, useState } from 'react';
import type uPlot from 'uplot';
import { Chart } from '../../components/Chart.tsx';
import { timeBars } from './chart-options.ts';

export interface TimePoint {
  /** The bucket's start, ISO. */
  at: string;
  count: number;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
const hourFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const dayOptions = timeBars('day');
const hourOptions = timeBars('hour');

export function ActivityCard({
  title,
  unit,
  points,
  noun,
  summary,
}: {
  title: string;
  unit: 'day' | 'hour';
  points: TimePoint[];
  /** What is counted, plural ("new devices"). */
  noun: string;
  summary: ReactNode;
}) {
  const [hover, setHover] = useState<number | null>(null);
  const data = useMemo<uPlot.AlignedData>(() => [points.map((p) => Date.parse(p.at) / 1000), points.map((p) => p.count)], [points]);
  const label = (p: TimePoint): string => (unit === 'day' ? dayFormat : hourFormat).format(Date.parse(p.at));
  const hovered = hover === null ? undefined : points[hover];
  const titleId = `${title.replace(/\W+/g, '-').toLowerCase()}-title`;
  return (
    <section className="chart-card panel" aria-labelledby={titleId}>
      <header className="chart-head">
        <h2 id={titleId}>{title}</h2>
        <p className="chart-readout muted" aria-hidden="true">
          {hovered !== undefined
            ? `${label(hovered)}: ${hovered.count.toLocaleString()} ${noun}`
            : unit === 'day'
              ? 'UTC days'
              : 'Local time'}
        </p>
      </header>
      <p className="chart-summary">{summary}</p>
      <Chart
        options={unit === 'day' ? dayOptions : hourOptions}
        data={data}
        height={170}
        label={`${title}: bar chart; the numbers are under "Show the numbers".`}
        onHover={setHover}
      />
      <details className="chart-numbers">
        <summary>Show the numbers</summary>
        <table className="table compact">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{unit === 'day' ? 'Day (UTC)' : 'Hour'}</th>
              <th scope="col" className="num">
                {noun.charAt(0).toUpperCase() + noun.slice(1)}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...points].reverse().map((p) => (
              <tr key={p.at}>
                <th scope="row">{label(p)}</th>
                <td className="num">{p.count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
