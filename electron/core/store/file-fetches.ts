// Per-transfer URLs and the log of CPE fetches (migration 011). A transfer row is created when a
// Download RPC carrying a library file is sent: its random token is the URL's only credential
// (with optional Basic credentials from the task); every request on /files/... is logged here,
// refused ones included.
import type { FileFetch } from '../../../shared/models-files.ts';
import type { Db } from './db.ts';

export interface FileTransfer {
  id: number;
  token: string;
  fileId: number;
  deviceId: string;
  taskId: number | null;
  username: string;
  password: string;
  createdAt: string;
  expiresAt: string;
}

export type FileTransferInput = Omit<FileTransfer, 'id' | 'createdAt'>;

export type FetchInput = Omit<FileFetch, 'id' | 'at'> & { at: Date };

export interface FileFetchRepository {
  createTransfer(input: FileTransferInput, at: Date): FileTransfer;
  transferByToken(token: string): FileTransfer | undefined;
  /** The URLs made for a task (one per Download RPC sent), oldest first. */
  transfersOfTask(taskId: number): FileTransfer[];
  /** Ends a transfer's URL now (its task is over, or a test expires it). */
  expireTransfer(token: string, at: Date): boolean;
  log(input: FetchInput): void;
  /** Newest first. */
  list(q: { fileId?: number | undefined; deviceId?: string | undefined; limit: number }): FileFetch[];
}

interface TransferRow {
  id: number;
  token: string;
  file_id: number;
  device_id: string;
  task_id: number | null;
  username: string;
  password: string;
  created_at: string;
  expires_at: string;
}

interface FetchRow {
  id: number;
  file_id: number | null;
  device_id: string | null;
  method: string;
  status: number;
  bytes: number;
  duration_ms: number;
  remote_address: string;
  at: string;
}

function toTransfer(r: TransferRow): FileTransfer {
  return {
    id: r.id,
    token: r.token,
    fileId: r.file_id,
    deviceId: r.device_id,
    taskId: r.task_id,
    username: r.username,
    password: r.password,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}

function toFetch(r: FetchRow): FileFetch {
  return {
    id: r.id,
    fileId: r.file_id,
    deviceId: r.device_id,
    method: r.method,
    status: r.status,
    bytes: r.bytes,
    durationMs: r.duration_ms,
    remoteAddress: r.remote_address,
    at: r.at,
  };
}

export function createFileFetchRepository(db: Db): FileFetchRepository {
  const insertTransfer = db.prepare<[string, number, string, number | null, string, string, string, string]>(
    `INSERT INTO file_transfers (token, file_id, device_id, task_id, username, password, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byToken = db.prepare<[string], TransferRow>('SELECT * FROM file_transfers WHERE token = ?');
  const byTask = db.prepare<[number], TransferRow>('SELECT * FROM file_transfers WHERE task_id = ? ORDER BY id');
  const expire = db.prepare<[string, string, string]>('UPDATE file_transfers SET expires_at = ? WHERE token = ? AND expires_at > ?');
  const insertFetch = db.prepare<[number | null, string | null, string, number, number, number, string, string]>(
    `INSERT INTO file_fetches (file_id, device_id, method, status, bytes, duration_ms, remote_address, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const list = db.prepare<{ file: number | null; device: string | null; limit: number }, FetchRow>(
    `SELECT * FROM file_fetches WHERE (@file IS NULL OR file_id = @file) AND (@device IS NULL OR device_id = @device)
     ORDER BY id DESC LIMIT @limit`,
  );
  return {
    createTransfer: (t, at) => {
      const created = at.toISOString();
      const id = Number(
        insertTransfer.run(t.token, t.fileId, t.deviceId, t.taskId, t.username, t.password, created, t.expiresAt).lastInsertRowid,
      );
      return { ...t, id, createdAt: created };
    },
    transferByToken: (token) => {
      const row = byToken.get(token);
      return row === undefined ? undefined : toTransfer(row);
    },
    transfersOfTask: (taskId) => byTask.all(taskId).map(toTransfer),
    expireTransfer: (token, at) => expire.run(at.toISOString(), token, at.toISOString()).changes > 0,
    log: (f) =>
      void insertFetch.run(
        f.fileId,
        f.deviceId,
        f.method,
        f.status,
        f.bytes,
        Math.round(f.durationMs),
        f.remoteAddress,
        f.at.toISOString(),
      ),
    list: (q) => list.all({ file: q.fileId ?? null, device: q.deviceId ?? null, limit: q.limit }).map(toFetch),
  };
}
