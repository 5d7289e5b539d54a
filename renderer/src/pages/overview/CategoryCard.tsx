// A count per category (model, firmware) as a bar chart, with the same numbers in a table whose
// counts link to the filtered device list. Clicking a bar opens the same list.
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type uPlot from 'uplot';
import { Chart } from '../../components/Chart.tsx';
import { categoryBars } from './chart-options.ts';

export interface CategoryRow {
  key: string;
  name: string;
  /** Shown after the name in the table (e.g. the manufacturer). */
  detail?: string;
  count: number;
  /** The filtered device list. */
  to: string;
}

const rowHeight = 24;

export function CategoryCard({
  title,
  nameHeader,
  rows,
  total,
}: {
  title: string;
  nameHeader: string;
  rows: CategoryRow[];
  total: number;
}) {
  const navigate = useNavigate();
  const [hover, setHover] = useState<number | null>(null);
  const labels = rows.map((r) => r.name);
  const labelKey = labels.join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the labels change
  const options = useMemo(() => categoryBars(labels), [labelKey]);
  const data = useMemo<uPlot.AlignedData>(() => [rows.map((_, i) => i), rows.map((r) => r.count)], [rows]);
  const pick = useCallback(
    (i: number) => {
      const row = rows[i];
      if (row !== undefined) navigate(row.to);
    },
    [rows, navigate],
  );
  const shown = rows.reduce((sum, r) => sum + r.count, 0);
  const hovered = hover === null ? undefined : rows[hover];
  const titleId = `${title.replace(/\W+/g, '-').toLowerCase()}-title`;
  return (
    <section className="chart-card panel" aria-labelledby={titleId}>
      <header className="chart-head">
        <h2 id={titleId}>{title}</h2>
        <p className="chart-readout muted" aria-hidden="true">
          {hovered !== undefined
            ? `${hovered.name}: ${hovered.count.toLocaleString()} (${percent(hovered.count, total)})`
            : 'Click a bar to list those devices'}
        </p>
      </header>
      {rows.length === 0 ? (
        <p className="muted empty-inline">No devices have reported one yet.</p>
      ) : (
        <>
          <Chart
            options={options}
            data={data}
            height={Math.max(80, rows.length * rowHeight + 30)}
            label={`${title}: bar chart; the numbers are in the table below.`}
            onPick={pick}
            onHover={setHover}
          />
          <table className="table compact category-table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{nameHeader}</th>
                <th scope="col" className="num">
                  Devices
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    <span className="wrap-anywhere">{r.name}</span>
                    {r.detail !== undefined && r.detail !== '' && <span className="muted"> · {r.detail}</span>}
                  </th>
                  <td className="num">
                    <Link to={r.to}>{r.count.toLocaleString()}</Link>
                  </td>
                  <td className="num muted">{percent(r.count, total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown < total && (
            <p className="muted small">
              The {rows.length} most common are shown; {(total - shown).toLocaleString()} other device{total - shown === 1 ? '' : 's'} not.
            </p>
          )}
        </>
      )}
    </section>
  );
}

function percent(n: number, of: number): string {
  if (of === 0) return '—';
  const p = (n * 100) / of;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}
