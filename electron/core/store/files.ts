// The file library's rows (migration 011): one per distinct content (sha256 unique). The bytes
// live under <data>/files/<sha256> (services/files.ts); this repository knows only metadata and
// the usage counts: transfers (Download RPCs sent with the file, by task) and rollouts (read
// from the rollouts table when the rollout feature created it).
import type { FileRecord } from '../../../shared/models-files.ts';
import type { Db } from './db.ts';

export type FileInput = Omit<FileRecord, 'id' | 'createdAt' | 'transfers' | 'rollouts'>;

export type FileChanges = Partial<Pick<FileInput, 'name' | 'fileType' | 'version' | 'manufacturer' | 'oui' | 'productClass'>>;

export interface FileRepository {
  insert(input: FileInput, at: Date): FileRecord;
  get(id: number): FileRecord | undefined;
  bySha256(sha256: string): FileRecord | undefined;
  /** Newest first. */
  list(): FileRecord[];
  update(id: number, changes: FileChanges): FileRecord | undefined;
  remove(id: number): boolean;
  /** Rollouts using the file that are not over (0 while there is no rollouts table). */
  activeRollouts(id: number): number;
}

interface Row {
  id: number;
  name: string;
  file_type: string;
  size: number;
  sha256: string;
  version: string;
  manufacturer: string;
  oui: string;
  product_class: string;
  created_at: string;
  transfers: number;
}

const COLS = `f.id, f.name, f.file_type, f.size, f.sha256, f.version, f.manufacturer, f.oui, f.product_class, f.created_at,
  (SELECT count(DISTINCT coalesce(t.task_id, -t.id)) FROM file_transfers t WHERE t.file_id = f.id) AS transfers`;

const columnOf: Record<keyof FileChanges, string> = {
  name: 'name',
  fileType: 'file_type',
  version: 'version',
  manufacturer: 'manufacturer',
  oui: 'oui',
  productClass: 'product_class',
};

export function createFileRepository(db: Db): FileRepository {
  const insert = db.prepare<[string, string, number, string, string, string, string, string, string]>(
    `INSERT INTO files (name, file_type, size, sha256, version, manufacturer, oui, product_class, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[number], Row>(`SELECT ${COLS} FROM files f WHERE f.id = ?`);
  const bySha = db.prepare<[string], Row>(`SELECT ${COLS} FROM files f WHERE f.sha256 = ?`);
  const all = db.prepare<[], Row>(`SELECT ${COLS} FROM files f ORDER BY f.id DESC`);
  const del = db.prepare<[number]>('DELETE FROM files WHERE id = ?');
  const hasRollouts = db.prepare<[], number>(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rollouts'`).pluck();
  // The rollouts table belongs to the rollout feature (a later migration): asked about only
  // once it exists, and its statements prepared then.
  let rolloutCounts: { all: (id: number) => number; active: (id: number) => number } | null = null;
  const rollouts = (): typeof rolloutCounts => {
    if (rolloutCounts === null && hasRollouts.get() === 1) {
      const all = db.prepare<[number], number>('SELECT count(*) FROM rollouts WHERE file_id = ?').pluck();
      const active = db
        .prepare<[number], number>(`SELECT count(*) FROM rollouts WHERE file_id = ? AND state NOT IN ('done', 'cancelled')`)
        .pluck();
      rolloutCounts = { all: (id) => all.get(id) ?? 0, active: (id) => active.get(id) ?? 0 };
    }
    return rolloutCounts;
  };
  const toRecord = (r: Row): FileRecord => ({
    id: r.id,
    name: r.name,
    fileType: r.file_type,
    size: r.size,
    sha256: r.sha256,
    version: r.version,
    manufacturer: r.manufacturer,
    oui: r.oui,
    productClass: r.product_class,
    createdAt: r.created_at,
    transfers: r.transfers,
    rollouts: rollouts()?.all(r.id) ?? 0,
  });
  const get = (id: number): FileRecord | undefined => {
    const row = byId.get(id);
    return row === undefined ? undefined : toRecord(row);
  };
  return {
    insert: (f, at) => {
      const id = Number(
        insert.run(f.name, f.fileType, f.size, f.sha256, f.version, f.manufacturer, f.oui, f.productClass, at.toISOString())
          .lastInsertRowid,
      );
      return get(id) as FileRecord;
    },
    get,
    bySha256: (sha256) => {
      const row = bySha.get(sha256);
      return row === undefined ? undefined : toRecord(row);
    },
    list: () => all.all().map(toRecord),
    update: (id, changes) => {
      const keys = (Object.keys(changes) as (keyof FileChanges)[]).filter((k) => changes[k] !== undefined);
      if (keys.length > 0) {
        const sets = keys.map((k) => `${columnOf[k]} = @${k}`).join(', ');
        db.prepare(`UPDATE files SET ${sets} WHERE id = @id`).run({ ...Object.fromEntries(keys.map((k) => [k, changes[k]])), id });
      }
      return get(id);
    },
    remove: (id) => del.run(id).changes > 0,
    activeRollouts: (id) => rollouts()?.active(id) ?? 0,
  };
}
