// Store failures, one class per kind, each message naming what failed (file, migration, row).

/** Any failure of the SQLite store that callers may want to tell apart from other errors. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * The database's applied migrations do not match the migrations this build knows: an applied
 * migration was edited, or the database was written by a newer or different build. Opening is
 * refused rather than guessing, so a schema never silently diverges from the code.
 */
export class MigrationError extends StoreError {
  override name = 'MigrationError';
}

/**
 * SQLite result codes that say the storage, not the request, is at fault, and that go away by
 * themselves: another program holds a lock (BUSY, LOCKED), the disk is full (FULL), the disk or
 * file system failed (IOERR, also the fsync of wal-sync.ts: EIO, ENOSPC), or the file became
 * read-only. Callers answer "unavailable, retry later" (CPEs 503 + Retry-After, the API
 * `unavailable`) instead of "internal error".
 */
const UNAVAILABLE = /^(SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN|PROTOCOL)|EIO|ENOSPC|EDQUOT|EROFS)/;

export function isStorageUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE.test(code)) return true;
  }
  return false;
}

/** A short reason for a storage failure, for a message a user can act on. */
export function storageProblem(err: unknown): string {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'the database is locked by another program';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') return 'the database file is read-only';
  return 'the disk or file system reported an I/O error';
}

/** The database file is damaged (PRAGMA quick_check failed); the message says how to recover. */
export class CorruptDatabaseError extends StoreError {
  override name = 'CorruptDatabaseError';
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(
      `The database ${path} is damaged (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}). DeskACS will not start on it. ` +
        'To recover, start it with --recover-db (npm run serve -- --recover-db; the desktop app with DESKACS_RECOVER_DB=1): ' +
        'the damaged file is kept aside, every readable ' +
        'row is copied into a new database and the counts are reported. Or restore a backup from <data>/db-backups with ' +
        '--restore-db <file> (docs/user-guide.md, "Database backups and recovery").',
    );
  }
}
