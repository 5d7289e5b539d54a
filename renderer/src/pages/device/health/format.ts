// Metric values in words: bit/s scaled to kbit/s, Mbit/s, Gbit/s; seconds as days and hours;
// everything else with its unit.

export function formatMetric(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '–';
  if (unit === 'bit/s') {
    const steps: [number, string][] = [
      [1e9, 'Gbit/s'],
      [1e6, 'Mbit/s'],
      [1e3, 'kbit/s'],
    ];
    for (const [size, name] of steps) if (Math.abs(v) >= size) return `${round(v / size)} ${name}`;
    return `${Math.round(v)} bit/s`;
  }
  if (unit === 's') {
    const d = Math.floor(v / 86_400);
    const h = Math.floor((v % 86_400) / 3600);
    const m = Math.floor((v % 3600) / 60);
    return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
  }
  if (unit === 'clients') return `${Math.round(v)} client${Math.round(v) === 1 ? '' : 's'}`;
  if (unit === '%') return `${round(v)} %`;
  return `${round(v)} ${unit}`;
}

/** A short axis label: no unit words for throughput beyond the scale. */
export function axisValue(v: number, unit: string): string {
  if (unit === 'bit/s') {
    if (Math.abs(v) >= 1e9) return `${round(v / 1e9)}G`;
    if (Math.abs(v) >= 1e6) return `${round(v / 1e6)}M`;
    if (Math.abs(v) >= 1e3) return `${round(v / 1e3)}k`;
    return String(Math.round(v));
  }
  if (unit === 's') return `${round(v / 3600)}h`;
  return String(round(v));
}

function round(v: number): number {
  const a = Math.abs(v);
  return a >= 100 ? Math.round(v) : a >= 10 ? Math.round(v * 10) / 10 : Math.round(v * 100) / 100;
}
