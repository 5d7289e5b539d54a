// Bulk task batches (migration 009): what was asked and when, and how the connection requests
// sent for it went. The tasks themselves carry the batch id (tasks.batch_id).
import type { Db } from './db.ts';
import { iso } from './json.ts';

export interface StoredTaskBatch {
  id: string;
  name: string;
  createdAt: string;
  /** Connection requests queued for the batch, and how many reached the device or failed. */
  crRequested: number;
  crReached: number;
  crFailed: number;
}

export interface TaskBatchRepository {
  create(id: string, name: string, at: Date): void;
  get(id: string): StoredTaskBatch | undefined;
  /** Adds to the batch's connection-request counters. */
  countConnectionRequests(id: string, add: { requested?: number; reached?: number; failed?: number }): void;
}

interface Row {
  id: string;
  name: string;
  created_at: string;
  cr_requested: number;
  cr_reached: number;
  cr_failed: number;
}

export function createTaskBatchRepository(db: Db): TaskBatchRepository {
  const insert = db.prepare<[string, string, string]>('INSERT INTO task_batches (id, name, created_at) VALUES (?, ?, ?)');
  const select = db.prepare<[string], Row>(
    'SELECT id, name, created_at, cr_requested, cr_reached, cr_failed FROM task_batches WHERE id = ?',
  );
  const bump = db.prepare<[number, number, number, string]>(
    'UPDATE task_batches SET cr_requested = cr_requested + ?, cr_reached = cr_reached + ?, cr_failed = cr_failed + ? WHERE id = ?',
  );
  return {
    create: (id, name, at) => {
      insert.run(id, name, iso(at));
    },
    get: (id) => {
      const r = select.get(id);
      return r === undefined
        ? undefined
        : { id: r.id, name: r.name, createdAt: r.created_at, crRequested: r.cr_requested, crReached: r.cr_reached, crFailed: r.cr_failed };
    },
    countConnectionRequests: (id, add) => {
      bump.run(add.requested ?? 0, add.reached ?? 0, add.failed ?? 0, id);
    },
  };
}
