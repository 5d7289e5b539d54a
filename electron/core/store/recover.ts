// Guided recovery of a damaged database (PRAGMA quick_check failed at start, CorruptDatabaseError).
// better-sqlite3 has no `.recover`, so this does what is feasible in-process: the damaged file
// (with its WAL) is kept aside, a fresh database is created by the migrations, and every row that
// can still be read is copied over table by table: forwards by rowid until a damaged page stops
// the scan, then backwards from the end, so rows on both sides of the damage are kept. Rows left
// pointing at a lost parent are removed (foreign keys hold again), the device search index is
// rebuilt by its triggers, and the counts are reported.
import { existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from './db.ts';
import { applyMigrations } from './migrations.ts';

export interface RecoveredTable {
  table: string;
  /** Rows copied into the new database (after rows with a lost parent were removed). */
  copied: number;
  /** Whether reading stopped at damage (some rows may be lost). */
  damaged: boolean;
  /** Rows removed because the row they belong to was lost. */
  orphansRemoved: number;
}

export interface RecoveryReport {
  /** Where the damaged file was kept (its -wal and -shm beside it under the same name). */
  keptAs: string;
  tables: RecoveredTable[];
}

/** Tables not copied: the migrations' own record (the new file has it) and what triggers rebuild. */
const SKIPPED = /^(schema_migrations|sqlite_.*|devices_search.*)$/;

export function recoverDatabase(path: string, opts: { now?: Date; nativeBinding?: string | undefined } = {}): RecoveryReport {
  const stamp = (opts.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const keptAs = `${path}.damaged-${stamp}`;
  renameSync(path, keptAs);
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, keptAs + suffix);
  const fresh = openDatabase({ path, nativeBinding: opts.nativeBinding });
  let old: Db | undefined;
  try {
    applyMigrations(fresh);
    old = new Database(keptAs, { fileMustExist: true, ...(opts.nativeBinding === undefined ? {} : { nativeBinding: opts.nativeBinding }) });
    const tables = copyTables(old, fresh);
    return { keptAs, tables };
  } finally {
    old?.close();
    fresh.close();
  }
}

function copyTables(old: Db, fresh: Db): RecoveredTable[] {
  const names = fresh
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name)
    .filter((n) => !SKIPPED.test(n));
  const oldTables = new Set(tableNames(old));
  fresh.pragma('foreign_keys = OFF');
  const results = names.map((table) =>
    oldTables.has(table) ? copyTable(old, fresh, table) : { table, copied: 0, damaged: false, orphansRemoved: 0 },
  );
  const orphans = removeOrphans(fresh);
  fresh.pragma('foreign_keys = ON');
  return results.map((r) => {
    const removed = orphans.get(r.table) ?? 0;
    return { ...r, copied: r.copied - removed, orphansRemoved: removed };
  });
}

function tableNames(db: Db): string[] {
  try {
    return db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name);
  } catch {
    return [];
  }
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Copies the readable rows of one table; columns are those both schemas have. */
function copyTable(old: Db, fresh: Db, table: string): RecoveredTable {
  const freshCols = new Set((fresh.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name));
  let info: { name: string; pk: number }[];
  try {
    info = old.pragma(`table_info(${quote(table)})`) as { name: string; pk: number }[];
  } catch {
    return { table, copied: 0, damaged: true, orphansRemoved: 0 };
  }
  const cols = info.map((c) => c.name).filter((c) => freshCols.has(c));
  const list = cols.map(quote).join(', ');
  const insert = fresh.prepare(`INSERT OR IGNORE INTO ${quote(table)} (${list}) VALUES (${cols.map(() => '?').join(', ')})`);
  // WITHOUT ROWID tables are read in primary-key order; their backward pass re-reads rows
  // already copied, which INSERT OR IGNORE skips. Rowid tables stop where the forward pass ended.
  const withoutRowid = !hasRowid(old, table);
  const key = withoutRowid
    ? info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => quote(c.name))
    : ['rowid'];
  let copied = 0;
  let damaged = false;
  const scan = (order: 'ASC' | 'DESC', stopAt: number | null): number | null => {
    let last: number | null = null;
    try {
      const sql = `SELECT ${withoutRowid ? 'NULL' : 'rowid'}, ${list} FROM ${quote(table)} ORDER BY ${key.map((k) => `${k} ${order}`).join(', ')}`;
      for (const row of old.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
        const rowid = row[0] === null ? null : Number(row[0]);
        if (stopAt !== null && rowid !== null && rowid <= stopAt) break;
        copied += insert.run(...row.slice(1)).changes;
        last = rowid;
      }
    } catch {
      damaged = true;
    }
    return last;
  };
  fresh.transaction(() => {
    const lastForward = scan('ASC', null);
    if (damaged) scan('DESC', lastForward);
  })();
  return { table, copied, damaged, orphansRemoved: 0 };
}

function hasRowid(db: Db, table: string): boolean {
  try {
    db.prepare(`SELECT rowid FROM ${quote(table)} LIMIT 0`);
    return true;
  } catch {
    return false;
  }
}

/** Deletes rows whose parent row was lost, until PRAGMA foreign_key_check is clean; per table. */
function removeOrphans(fresh: Db): Map<string, number> {
  const removed = new Map<string, number>();
  // Repeated: removing a row can orphan its own children (a lost device's tasks' rows).
  for (let pass = 0; pass < 10; pass++) {
    const tables = new Set(
      fresh
        .prepare<[], { table: string }>('PRAGMA foreign_key_check')
        .all()
        .map((v) => v.table),
    );
    if (tables.size === 0) break;
    fresh.transaction(() => {
      for (const table of tables) {
        const changes = deleteOrphans(fresh, table);
        removed.set(table, (removed.get(table) ?? 0) + changes);
      }
    })();
  }
  return removed;
}

interface ForeignKey {
  id: number;
  table: string;
  from: string;
  to: string | null;
}

/** By each foreign key of the table: rows whose (non-null) key names no parent row. Works WITHOUT ROWID too. */
function deleteOrphans(db: Db, table: string): number {
  const keys = db.pragma(`foreign_key_list(${quote(table)})`) as ForeignKey[];
  const byId = new Map<number, ForeignKey[]>();
  for (const k of keys) byId.set(k.id, [...(byId.get(k.id) ?? []), k]);
  let changes = 0;
  for (const parts of byId.values()) {
    const parent = parts[0]?.table ?? '';
    const parentCols = parts.map((k) => k.to ?? primaryKeyOf(db, parent));
    const notNull = parts.map((k) => `c.${quote(k.from)} IS NOT NULL`).join(' AND ');
    const match = parts.map((k, i) => `p.${quote(parentCols[i] ?? 'rowid')} = c.${quote(k.from)}`).join(' AND ');
    const sql = `DELETE FROM ${quote(table)} AS c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${quote(parent)} AS p WHERE ${match})`;
    changes += db.prepare(sql).run().changes;
  }
  return changes;
}

function primaryKeyOf(db: Db, table: string): string {
  const pk = (db.pragma(`table_info(${quote(table)})`) as { name: string; pk: number }[]).find((c) => c.pk === 1);
  return pk?.name ?? 'rowid';
}
