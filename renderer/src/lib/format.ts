// Display helpers for device data. Pure functions of their inputs (the clock is passed in).
import type { DeviceSummary } from '../../shared/models.ts';

export type Presence = 'online' | 'offline' | 'unknown';

/**
 * Online means the last Inform came within twice the periodic inform interval: one missed
 * periodic Inform is tolerated (a CPE may be rebooting or its session may have failed once).
 */
export function presenceOf(device: Pick<DeviceSummary, 'lastInform' | 'periodicInformInterval'>, now: number): Presence {
  const interval = device.periodicInformInterval;
  if (device.lastInform === null || interval === null || interval <= 0) return 'unknown';
  const last = Date.parse(device.lastInform);
  if (Number.isNaN(last)) return 'unknown';
  return now - last <= 2 * interval * 1000 ? 'online' : 'offline';
}

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
  const hint = err.code === 'unauthorized' ? ' (open the link printed by the server: it ends in #token=…)' : '';
  return `${err.code}: ${err.message}${hint}`;
}
