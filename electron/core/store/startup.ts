// Opening the store when the ACS starts, with the two operator-guided repairs: restoring a backup
// (serve --restore-db <file>) before opening, and recovering a damaged file (serve --recover-db)
// when PRAGMA quick_check refuses it. Without --recover-db a damaged file stays refused.
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CorruptDatabaseError, StoreError } from './errors.ts';
import { openStore, type Store } from './index.ts';
import { quickCheck } from './maintenance.ts';
import { recoverDatabase, type RecoveryReport } from './recover.ts';

export interface StoreStartOptions {
  path: string;
  nativeBinding?: string | undefined;
  /** Recover a damaged database into a new one instead of refusing to start. */
  recover?: boolean | undefined;
  /** A backup file to put in place of the database before opening it. */
  restoreFrom?: string | undefined;
  /** Told what was repaired (for the log and the console). */
  report(message: string, fields: Record<string, unknown>): void;
}

export function openStoreAtStart(o: StoreStartOptions): Store {
  if (o.restoreFrom !== undefined) {
    const restored = restoreDatabase(o.restoreFrom, o.path, { nativeBinding: o.nativeBinding });
    o.report('database restored from a backup', { from: o.restoreFrom, previousKeptAs: restored.keptAs, devices: restored.devices });
  }
  try {
    return openStore({ path: o.path, nativeBinding: o.nativeBinding });
  } catch (err) {
    if (!(err instanceof CorruptDatabaseError) || o.recover !== true) throw err;
    const report: RecoveryReport = recoverDatabase(o.path, { nativeBinding: o.nativeBinding });
    const counts = Object.fromEntries(report.tables.filter((t) => t.copied > 0 || t.damaged).map((t) => [t.table, t.copied]));
    const damaged = report.tables.filter((t) => t.damaged).map((t) => t.table);
    o.report('damaged database recovered into a new one', { keptAs: report.keptAs, rowsCopied: counts, tablesWithLostRows: damaged });
    return openStore({ path: o.path, nativeBinding: o.nativeBinding });
  }
}

/**
 * Puts a backup in place of the database: the backup is checked first (quick_check, a DeskACS
 * schema), the current file (with its WAL) is kept aside as <db>.before-restore-<time>, and the
 * backup is copied in. openStore then migrates it if it is older than this build.
 */
export function restoreDatabase(
  backupFile: string,
  path: string,
  opts: { now?: Date; nativeBinding?: string | undefined } = {},
): { keptAs: string | null; devices: number } {
  if (!existsSync(backupFile)) throw new StoreError(`The backup ${backupFile} does not exist`);
  let devices: number;
  const backup = new Database(backupFile, {
    readonly: true,
    fileMustExist: true,
    ...(opts.nativeBinding === undefined ? {} : { nativeBinding: opts.nativeBinding }),
  });
  try {
    const problems = quickCheck(backup);
    if (problems.length > 0)
      throw new StoreError(`The backup ${backupFile} is damaged (${problems.slice(0, 3).join('; ')}); choose another one`);
    const hasSchema = backup.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
    if (!hasSchema) throw new StoreError(`${backupFile} is not a DeskACS database backup`);
    devices = (backup.prepare('SELECT count(*) AS n FROM devices').get() as { n: number }).n;
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(`${backupFile} cannot be read as a DeskACS database backup: ${String(err)}`, { cause: err });
  } finally {
    backup.close();
  }
  let keptAs: string | null = null;
  if (existsSync(path)) {
    keptAs = `${path}.before-restore-${(opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, keptAs);
    for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, keptAs + suffix);
  }
  copyFileSync(backupFile, path);
  return { keptAs, devices };
}
