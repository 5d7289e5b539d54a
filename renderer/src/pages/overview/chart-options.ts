// uPlot options for the Overview's charts: categories as horizontal bars (labels readable at
// the left, one bar per model or firmware) and counts over time as vertical bars. Colours come
// from the theme (CSS variables), so both follow light and dark.
import uPlot from 'uplot';
import type { ChartOptions, ChartTheme } from '../../components/Chart.tsx';

/** Whole-number ticks only: these are counts. */
const countIncrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];
const countValues = (_u: uPlot, splits: number[]): string[] => splits.map((v) => (Number.isInteger(v) ? v.toLocaleString() : ''));
const countRange = (_u: uPlot, _min: number | null, max: number | null): uPlot.Range.MinMax => [
  0,
  Math.max(4, Math.ceil((max ?? 0) * 1.08)),
];

let measure: CanvasRenderingContext2D | null = null;
function textWidth(text: string, font: string): number {
  measure ??= document.createElement('canvas').getContext('2d');
  if (measure === null) return text.length * 7;
  measure.font = font;
  return measure.measureText(text).width;
}

/** `text` cut with an ellipsis to fit `width` pixels. */
function fit(text: string, width: number, font: string): string {
  if (textWidth(text, font) <= width) return text;
  let cut = text.length;
  while (cut > 1 && textWidth(`${text.slice(0, cut)}…`, font) > width) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** Horizontal bars, one per label, first at the top; the label column is at most a third of the chart (and `maxLabelWidth`). */
export function categoryBars(labels: readonly string[], maxLabelWidth = 170): (t: ChartTheme) => ChartOptions {
  return (t) => {
    const widest = Math.ceil(Math.max(40, ...labels.map((l) => textWidth(l, t.font))));
    const labelWidth = (u: uPlot): number => Math.max(60, Math.min(maxLabelWidth, widest, Math.floor(u.width / 3)));
    return {
      legend: { show: false },
      padding: [4, 16, 0, 0],
      cursor: { x: false, y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
      scales: {
        x: { time: false, ori: 1, dir: -1, range: [-0.5, labels.length - 0.5] },
        y: { ori: 0, dir: 1, range: countRange },
      },
      axes: [
        {
          scale: 'x',
          side: 3,
          stroke: t.text,
          font: t.font,
          grid: { show: false },
          ticks: { show: false },
          gap: 6,
          size: (u) => labelWidth(u) + 10,
          splits: () => labels.map((_, i) => i),
          values: (u, splits) => splits.map((i) => fit(labels[i] ?? '', labelWidth(u), t.font)),
        },
        {
          scale: 'y',
          side: 2,
          stroke: t.muted,
          font: t.font,
          size: 28,
          grid: { stroke: t.line, width: 1 },
          ticks: { show: false },
          incrs: countIncrs,
          values: countValues,
        },
      ],
      series: [
        {},
        {
          label: 'Devices',
          stroke: t.accent,
          fill: t.accent,
          width: 0,
          points: { show: false },
          paths: uPlot.paths.bars?.({ size: [0.72, 26] }),
        },
      ],
    };
  };
}

const dayTick = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const hourTick = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
const weekdayTick = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

/** One-line tick labels: "Nov 3" for days (UTC); "2 PM" / "14" for hours, the weekday at midnight. */
function timeValues(unit: 'day' | 'hour') {
  return (_u: uPlot, splits: number[]): string[] =>
    splits.map((ts) => {
      const d = new Date(ts * 1000);
      if (unit === 'day') return dayTick.format(d);
      return d.getHours() === 0 && d.getMinutes() === 0 ? `${weekdayTick.format(d)} ${d.getDate()}` : hourTick.format(d);
    });
}

/** Vertical bars over time: one per UTC day or hour (x in Unix seconds). */
export function timeBars(unit: 'day' | 'hour'): (t: ChartTheme) => ChartOptions {
  const step = unit === 'day' ? 86_400 : 3_600;
  return (t) => ({
    legend: { show: false },
    padding: [8, 12, 0, 4],
    cursor: { x: false, y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
    // Days are UTC days: split at UTC midnights so a tick's date is the day its bar counts.
    ...(unit === 'day' ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {}),
    scales: {
      x: { time: true, range: (_u, min, max) => [(min ?? 0) - step / 2, (max ?? 0) + step / 2] },
      y: { range: countRange },
    },
    axes: [
      {
        stroke: t.muted,
        font: t.font,
        grid: { show: false },
        ticks: { stroke: t.line, size: 4 },
        size: 30,
        space: 64,
        values: timeValues(unit),
      },
      {
        stroke: t.muted,
        font: t.font,
        size: 44,
        grid: { stroke: t.line, width: 1 },
        ticks: { show: false },
        incrs: countIncrs,
        values: countValues,
      },
    ],
    series: [
      {},
      {
        label: unit === 'day' ? 'New devices' : 'Informs',
        stroke: t.accent,
        fill: t.accent,
        width: 0,
        points: { show: false },
        paths: uPlot.paths.bars?.({ size: [0.7, 24], align: 0 }),
      },
    ],
  });
}
