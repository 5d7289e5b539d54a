// Schema migrations: an ordered list, each applied once in its own transaction and recorded
// with the sha256 of its SQL. Opening refuses a database whose applied list is not a prefix of
// the known list, or whose recorded checksum differs (a migration edited after release).
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import { MigrationError } from './errors.ts';
import { migration001 } from './migrations/001-initial.ts';
import { migration002 } from './migrations/002-cpe-requests.ts';
import { migration003 } from './migrations/003-settings-auth.ts';
import { migration005 } from './migrations/005-task-scheduling.ts';
import { migration006 } from './migrations/006-short-search.ts';
import { migration004 } from './migrations/004-connection-request-credentials.ts';
import { migration007 } from './migrations/007-inform-paths.ts';
import { migration008 } from './migrations/008-session-events.ts';
import { migration009 } from './migrations/009-fleet.ts';
import { migration010 } from './migrations/010-session-logs.ts';
import { migration011 } from './migrations/011-files.ts';
import { migration012 } from './migrations/012-rollouts.ts';
import { migration013 } from './migrations/013-backups.ts';
import { migration014 } from './migrations/014-stun-bindings.ts';
import { migration015 } from './migrations/015-profiles.ts';
import { migration016 } from './migrations/016-subscribers.ts';
import { migration017 } from './migrations/017-diagnostics.ts';
import { migration018 } from './migrations/018-monitoring.ts';
import { migration019 } from './migrations/019-learned-quirks.ts';

export interface Migration {
  /** 1, 2, 3 ... in order, never reused. */
  id: number;
  name: string;
  sql: string;
}

/** Every migration this build knows, oldest first. Append only; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
];

interface AppliedRow {
  id: number;
  name: string;
  checksum: string;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

function label(m: { id: number; name: string }): string {
  return `migration ${m.id} (${m.name})`;
}

/** Throws MigrationError unless `applied` is a prefix of `known` with matching checksums. */
export function verifyApplied(applied: readonly AppliedRow[], known: readonly Migration[]): void {
  applied.forEach((row, i) => {
    const expected = known[i];
    if (expected === undefined || expected.id !== row.id) {
      throw new MigrationError(
        `The database has ${label(row)} applied, which this version of DeskACS does not know` +
          ` (expected ${expected === undefined ? 'no further migration' : label(expected)}).` +
          ' It was probably written by a newer version; refusing to open it.',
      );
    }
    if (checksumOf(expected.sql) !== row.checksum) {
      throw new MigrationError(
        `${label(expected)} was changed after it was applied to this database` +
          ` (checksum ${row.checksum.slice(0, 12)}… recorded, ${checksumOf(expected.sql).slice(0, 12)}… now);` +
          ' refusing to open it. Released migrations must never be edited: add a new one.',
      );
    }
  });
}

function assertOrdered(known: readonly Migration[]): void {
  known.forEach((m, i) => {
    const prev = known[i - 1];
    if (prev !== undefined && m.id <= prev.id) {
      throw new MigrationError(`Migration list out of order: ${label(m)} follows ${label(prev)}`);
    }
  });
}

/** Verifies the applied migrations, then applies the missing ones. Returns the ids applied now. */
export function applyMigrations(db: Db, known: readonly Migration[] = MIGRATIONS, now: () => Date = () => new Date()): number[] {
  assertOrdered(known);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const applied = db.prepare<[], AppliedRow>('SELECT id, name, checksum FROM schema_migrations ORDER BY id').all();
  verifyApplied(applied, known);
  const insert = db.prepare<[number, string, string, string]>(
    'INSERT INTO schema_migrations (id, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const done: number[] = [];
  for (const m of known.slice(applied.length)) {
    const apply = db.transaction(() => {
      db.exec(m.sql);
      insert.run(m.id, m.name, checksumOf(m.sql), now().toISOString());
    });
    try {
      apply.immediate();
    } catch (err) {
      throw new MigrationError(`Applying ${label(m)} failed: ${String(err)}`, { cause: err });
    }
    done.push(m.id);
  }
  return done;
}
