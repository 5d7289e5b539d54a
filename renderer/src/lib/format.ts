// Display helpers. Pure functions of their inputs (the clock is passed in).

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });

export function formatTime(iso: string | null): string {
  if (iso === null) return '—';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : dateTime.format(t);
}

/** "42 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(iso: string | null, now: number): string {
  if (iso === null) return 'never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86_400)} d ago`;
}

export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (!('code' in err) || typeof err.code !== 'string') return err.message;
  // Browser mode without a token: the server printed a link that carries it.
  const hint = err.code === 'unauthorized' ? ' (sign in again with the API token)' : '';
  return `${err.message}${hint}`;
}

/** "3 days 4 h", "2 h 5 min", "40 s": a duration in words. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} day${d === 1 ? '' : 's'}${h > 0 ? ` ${h} h` : ''}`;
  if (h > 0) return `${h} h${m > 0 ? ` ${m} min` : ''}`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

/** "in 12 min" / "12 min ago". */
export function formatRelative(iso: string | null, now: number): string {
  if (iso === null) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return t >= now ? `in ${formatDuration((t - now) / 1000)}` : formatAgo(iso, now);
}

/** "512 B", "2.0 KB", "41 KB", "1.5 MB" (binary units, as file managers show them). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
