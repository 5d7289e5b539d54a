// uPlot options for a health metric over time: one line per part (a Wi-Fi band, or the one
// series), x in Unix seconds, y formatted for the metric's unit; colours from the theme.
import type uPlot from 'uplot';
import type { ChartOptions, ChartTheme } from '../../../components/Chart.tsx';
import { axisValue } from './format.ts';

const timeTick = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayTick = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** The second and third lines' colours (the first is the accent). */
const OTHER = ['#d97706', '#059669', '#9333ea'];

export function metricLines(parts: readonly string[], unit: string, spanSeconds: number): (t: ChartTheme) => ChartOptions {
  return (t) => ({
    legend: { show: false },
    padding: [8, 28, 0, 4],
    cursor: { y: false, drag: { x: false, y: false, setScale: false } },
    scales: { x: { time: true }, y: { range: (_u, min, max) => yRange(min, max) } },
    axes: [
      {
        stroke: t.muted,
        font: t.font,
        grid: { show: false },
        ticks: { stroke: t.line, size: 4 },
        size: 30,
        space: 70,
        values: (u: uPlot, splits: number[]) => {
          const tick = shownSpan(u, spanSeconds) > 2 * 86_400 ? dayTick : timeTick;
          return splits.map((s) => tick.format(new Date(s * 1000)));
        },
      },
      {
        stroke: t.muted,
        font: t.font,
        size: 52,
        grid: { stroke: t.line, width: 1 },
        ticks: { show: false },
        values: (_u: uPlot, splits: number[]) => splits.map((v) => axisValue(v, unit)),
      },
    ],
    series: [
      {},
      ...parts.map((p, i) => ({
        label: p === '' ? 'value' : p,
        stroke: i === 0 ? t.accent : (OTHER[(i - 1) % OTHER.length] ?? t.accent),
        width: 2,
        spanGaps: false,
        points: { show: false },
      })),
    ],
  });
}

/**
 * The x range the chart shows, in seconds: the data's, not the range asked for (a fleet chart of
 * "the last 7 days" holding two hours of samples labels its ticks with times, not one repeated day).
 */
export function shownSpan(u: Pick<uPlot, 'scales'>, fallback: number): number {
  const { min, max } = u.scales['x'] ?? {};
  return min === undefined || max === undefined || min === null || max === null ? fallback : max - min;
}

/** Counts, rates and percentages from 0; signed values (dBm) padded around their range. */
function yRange(min: number | null, max: number | null): uPlot.Range.MinMax {
  const lo = min ?? 0;
  const hi = max ?? 1;
  if (lo >= 0) return [0, hi <= 0 ? 1 : hi * 1.15];
  const pad = Math.max((hi - lo) * 0.1, 2);
  return [lo - pad, hi + pad];
}
