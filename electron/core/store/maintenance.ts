// Whole-database operations: online backups (SQLite's backup API, which copies pages between
// the ACS's own turns so CPE traffic goes on meanwhile) and the integrity check at start.
import type { Db } from './db.ts';

export interface StoreMaintenance {
  /** Copies the live database into `file` (a consistent snapshot, WAL included). */
  backup(file: string): Promise<void>;
  /** PRAGMA quick_check: [] when the file is sound, else what SQLite found (first 20 lines). */
  quickCheck(): string[];
  /**
   * Sets a connection pragma, e.g. busy_timeout, or max_page_count (tests fake a full disk
   * with it). Not for anything the schema or durability depends on.
   */
  setPragma(name: 'busy_timeout' | 'max_page_count', value: number): number;
}

export function createMaintenance(db: Db): StoreMaintenance {
  return {
    backup: async (file) => {
      await db.backup(file);
    },
    quickCheck: () => quickCheck(db),
    setPragma: (name, value) => Number(db.pragma(`${name} = ${Math.trunc(value)}`, { simple: true })),
  };
}

export function quickCheck(db: Db): string[] {
  const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
  const lines = rows.map((r) => r.quick_check);
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}
