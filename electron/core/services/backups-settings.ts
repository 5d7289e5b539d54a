// The scheduled backups' settings (BackupSettings without the run times), kept in the settings
// table. On by default: weekly, 10 per device, 16 MiB uploads: an operator expects backups
// without any setup.
import { AcsError } from '../../../shared/errors.ts';
import type { BackupSettings } from '../../../shared/models-backups.ts';
import type { Store } from '../store/index.ts';

export type BackupPolicy = Omit<BackupSettings, 'nextRunAt' | 'lastRun'>;
export type BackupLastRun = NonNullable<BackupSettings['lastRun']>;

export const BACKUP_SETTINGS = 'backupSettings';
export const BACKUP_LAST_RUN = 'backupLastRun';
export const defaultBackupPolicy: BackupPolicy = { enabled: true, everyDays: 7, keepPerDevice: 10, maxUploadBytes: 16 * 1024 ** 2 };

const limits = { everyDays: [1, 365], keepPerDevice: [1, 1000], maxUploadBytes: [1024, 1024 ** 3] } as const;

function inRange(v: unknown, [min, max]: readonly [number, number]): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isPolicy(v: unknown): v is BackupPolicy {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.enabled === 'boolean' &&
    inRange(p.everyDays, limits.everyDays) &&
    inRange(p.keepPerDevice, limits.keepPerDevice) &&
    inRange(p.maxUploadBytes, limits.maxUploadBytes)
  );
}

function isLastRun(v: unknown): v is BackupLastRun {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.at === 'string' && typeof r.uploads === 'number' && typeof r.snapshots === 'number';
}

/** The saved policy; a damaged setting counts as the default. */
export function backupPolicy(store: Store): BackupPolicy {
  return store.settings.get(BACKUP_SETTINGS, isPolicy) ?? defaultBackupPolicy;
}

export function lastBackupRun(store: Store): BackupLastRun | null {
  return store.settings.get(BACKUP_LAST_RUN, isLastRun) ?? null;
}

/** Validates and saves a change (bad_request naming the field); answers the new policy. */
export function saveBackupPolicy(store: Store, changes: Partial<BackupPolicy>): BackupPolicy {
  const next: BackupPolicy = { ...backupPolicy(store) };
  if (changes.enabled !== undefined) next.enabled = changes.enabled;
  for (const key of ['everyDays', 'keepPerDevice', 'maxUploadBytes'] as const) {
    const v: unknown = changes[key];
    if (v === undefined) continue;
    const [min, max] = limits[key];
    if (!inRange(v, limits[key])) throw new AcsError('bad_request', `'${key}' must be a whole number from ${min} to ${max}`);
    next[key] = v;
  }
  store.settings.set(BACKUP_SETTINGS, next);
  return next;
}
