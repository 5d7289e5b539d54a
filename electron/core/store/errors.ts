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
