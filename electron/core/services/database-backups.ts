// Scheduled online backups of the database (SQLite's backup API through better-sqlite3, which
// copies pages between the ACS's own event-loop turns, so CPE sessions go on meanwhile) into
// <data>/db-backups, the newest `keep` kept. Restoring is done at start (serve --restore-db,
// store/startup.ts; docs/user-guide.md "Database backups and recovery").
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AcsError } from '../../../shared/errors.ts';
import type { DatabaseBackup, DatabaseBackupSettings } from '../../../shared/models-maintenance.ts';
import type { Logger } from '../acs-types.ts';
import type { Store } from '../store/index.ts';

export const DATABASE_BACKUP_SETTING = 'databaseBackups';
export const DATABASE_BACKUP_FOLDER = 'db-backups';
const HOUR_MS = 3_600_000;
/** setTimeout's longest delay; a later run is re-planned when it fires. */
const MAX_TIMER_MS = 2_147_000_000;
const FILE = /^deskacs-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)\.sqlite$/;

interface Schedule {
  enabled: boolean;
  everyHours: number;
  keep: number;
}
const defaults: Schedule = { enabled: true, everyHours: 24, keep: 7 };

export interface DatabaseBackupOptions {
  store: Store;
  dataDir: string;
  log: Logger;
  now?: () => Date;
  /** From start to the first backup when there is none yet (default 10 minutes). */
  firstDelayMs?: number;
}

export interface DatabaseBackupService {
  settings(): DatabaseBackupSettings;
  update(changes: Partial<Schedule>): DatabaseBackupSettings;
  /** Takes a backup now (or joins the one running) and prunes beyond `keep`. */
  backupNow(): Promise<DatabaseBackup>;
  /** Stops scheduling and waits for a running backup (the store must not close under it). */
  close(): Promise<void>;
}

export function createDatabaseBackups(o: DatabaseBackupOptions): DatabaseBackupService {
  const now = o.now ?? (() => new Date());
  const folder = join(o.dataDir, DATABASE_BACKUP_FOLDER);
  const started = now().getTime();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<DatabaseBackup> | null = null;
  let closed = false;

  const schedule = (): Schedule => ({ ...defaults, ...readSchedule(o.store.settings.get(DATABASE_BACKUP_SETTING)) });
  const nextRunAt = (s: Schedule): number | null => {
    if (!s.enabled) return null;
    const newest = listBackups(folder)[0];
    return newest === undefined ? started + (o.firstDelayMs ?? 10 * 60_000) : Date.parse(newest.at) + s.everyHours * HOUR_MS;
  };
  const plan = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const at = closed ? null : nextRunAt(schedule());
    if (at === null) return;
    timer = setTimeout(
      () => {
        timer = null;
        if (at > now().getTime() + 1_000) return plan();
        backupNow().then(
          () => undefined,
          (err: unknown) => o.log.error('scheduled database backup failed', { error: String(err) }),
        );
      },
      Math.min(MAX_TIMER_MS, Math.max(0, at - now().getTime())),
    );
    timer.unref();
  };

  const backupNow = (): Promise<DatabaseBackup> => {
    if (closed) return Promise.reject(new AcsError('unavailable', 'the ACS is shutting down'));
    running ??= takeBackup(o, folder, now(), schedule().keep).finally(() => {
      running = null;
      plan();
    });
    return running;
  };

  const settings = (): DatabaseBackupSettings => {
    const s = schedule();
    const next = nextRunAt(s);
    return { ...s, folder, nextRunAt: next === null ? null : new Date(next).toISOString(), backups: listBackups(folder) };
  };

  plan();
  return {
    settings,
    update: (changes) => {
      o.store.settings.set(DATABASE_BACKUP_SETTING, { ...schedule(), ...changes });
      plan();
      return settings();
    },
    backupNow,
    close: async () => {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

/** One backup: written as .partial and renamed when complete; then the oldest beyond `keep` removed. */
async function takeBackup(o: DatabaseBackupOptions, folder: string, at: Date, keep: number): Promise<DatabaseBackup> {
  mkdirSync(folder, { recursive: true });
  // One backup runs at a time: a .partial here was left by a process that stopped mid-backup.
  for (const stale of readdirSync(folder)) if (stale.endsWith('.sqlite.partial')) rmSync(join(folder, stale), { force: true });
  const file = `deskacs-${at.toISOString().replace(/[:.]/g, '-')}.sqlite`;
  const partial = join(folder, `${file}.partial`);
  try {
    await o.store.maintenance.backup(partial);
    renameSync(partial, join(folder, file));
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  const backup = { file, at: at.toISOString(), bytes: statSync(join(folder, file)).size };
  for (const old of listBackups(folder).slice(keep)) rmSync(join(folder, old.file), { force: true });
  o.log.info('database backup taken', { file, bytes: backup.bytes });
  return backup;
}

/** The backups in the folder, newest first. */
export function listBackups(folder: string): DatabaseBackup[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const out: DatabaseBackup[] = [];
  for (const file of names) {
    const m = FILE.exec(file);
    if (m?.[1] === undefined) continue;
    const [date, time] = m[1].split('T') as [string, string];
    const at = `${date}T${time.replace(/^(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, '$1:$2:$3.$4Z')}`;
    try {
      out.push({ file, at, bytes: statSync(join(folder, file)).size });
    } catch {
      // Removed meanwhile.
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

function readSchedule(v: unknown): Partial<Schedule> {
  if (typeof v !== 'object' || v === null) return {};
  const r = v as Record<string, unknown>;
  const out: Partial<Schedule> = {};
  if (typeof r.enabled === 'boolean') out.enabled = r.enabled;
  if (typeof r.everyHours === 'number' && Number.isInteger(r.everyHours) && r.everyHours >= 1) out.everyHours = r.everyHours;
  if (typeof r.keep === 'number' && Number.isInteger(r.keep) && r.keep >= 1) out.keep = r.keep;
  return out;
}
