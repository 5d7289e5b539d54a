// A uPlot chart as a React component: the instance is created on mount and destroyed on unmount,
// follows its container's width (ResizeObserver), and is rebuilt with colours re-read from the
// CSS variables when the OS switches between light and dark. A canvas is not accessible: every
// chart is shown beside a list or table of the same numbers, and is itself one labelled image.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import '../styles/chart.css';

/** The theme's colours, as the CSS variables of base.css currently resolve them. */
export interface ChartTheme {
  text: string;
  muted: string;
  line: string;
  panel: string;
  accent: string;
  accentSoft: string;
  font: string;
}

export function readChartTheme(el: Element = document.documentElement): ChartTheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  const family = css.fontFamily || 'system-ui, sans-serif';
  return {
    text: v('--text', '#1b2230'),
    muted: v('--muted', '#5f6b7a'),
    line: v('--line', '#dde1e7'),
    panel: v('--panel', '#ffffff'),
    accent: v('--accent', '#2563eb'),
    accentSoft: v('--accent-soft', '#e6eefc'),
    font: `12px ${family}`,
  };
}

/** 'dark' or 'light', following the OS and updated when it changes. */
export function useColorScheme(): 'light' | 'dark' {
  const query = '(prefers-color-scheme: dark)';
  const [dark, setDark] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = (): void => setDark(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, []);
  return dark ? 'dark' : 'light';
}

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

export interface ChartProps {
  /** Builds the options for a theme; keep its identity stable (useCallback), a new one rebuilds the chart. */
  options: (theme: ChartTheme) => ChartOptions;
  data: uPlot.AlignedData;
  height: number;
  /** What the chart shows, in words (it is one image to assistive technology). */
  label: string;
  /** Called with the data index under the pointer when the plot is clicked. */
  onPick?: (index: number) => void;
  /** Called with the data index under the pointer as it moves (null when it leaves). */
  onHover?: (index: number | null) => void;
}

export function Chart({ options, data, height, label, onPick, onHover }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef({ data, onPick, onHover });
  latest.current = { data, onPick, onHover };
  const scheme = useColorScheme();
  const pickable = onPick !== undefined;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a theme switch (scheme) changes the CSS variables the options are built from
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const base = options(readChartTheme());
    const hover: uPlot.Hooks.Defs['setCursor'] = (u) =>
      latest.current.onHover?.(u.cursor.left === undefined || u.cursor.left < 0 ? null : (u.cursor.idx ?? null));
    const u = new uPlot(
      {
        ...base,
        width: Math.max(1, Math.floor(el.clientWidth)),
        height,
        hooks: { ...base.hooks, setCursor: [...(base.hooks?.setCursor ?? []), hover] },
      },
      latest.current.data,
      el,
    );
    plot.current = u;
    const click = (): void => {
      const idx = u.cursor.idx;
      if (idx !== null && idx !== undefined) latest.current.onPick?.(idx);
    };
    u.over.addEventListener('click', click);
    if (pickable) u.over.classList.add('pickable');
    const resize = new ResizeObserver((entries) => {
      const width = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (width > 0 && width !== u.width) u.setSize({ width, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', click);
      u.destroy();
      plot.current = null;
    };
    // The chart is rebuilt for new options, a new height or a theme switch; data alone only
    // replaces the series (below). Whether it is clickable is fixed at creation.
  }, [options, height, scheme, pickable]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
