// Per-transfer URLs of configuration backups (migration 013), like file_transfers for library
// files: an 'upload' URL is where one device sends its file for one upload task (backupId is set
// once the bytes arrived whole); a 'download' URL serves one backup to its own device (a restore).
import type { BackupOrigin } from '../../../shared/models-backups.ts';
import type { Db } from './db.ts';

export interface BackupTransfer {
  id: number;
  token: string;
  direction: 'upload' | 'download';
  deviceId: string;
  taskId: number | null;
  backupId: number | null;
  fileType: string;
  origin: BackupOrigin;
  label: string;
  username: string;
  password: string;
  createdAt: string;
  expiresAt: string;
}

export type BackupTransferInput = Omit<BackupTransfer, 'id' | 'createdAt'>;

export interface BackupTransferRepository {
  create(input: BackupTransferInput, at: Date): BackupTransfer;
  byToken(token: string): BackupTransfer | undefined;
  /** Oldest first. */
  ofTask(taskId: number): BackupTransfer[];
  /** The backup an upload URL received. */
  setBackup(id: number, backupId: number): void;
  /** Ends a URL now (tests; a task that is over ends it anyway). */
  expire(token: string, at: Date): boolean;
}

interface Row {
  id: number;
  token: string;
  direction: 'upload' | 'download';
  device_id: string;
  task_id: number | null;
  backup_id: number | null;
  file_type: string;
  origin: BackupOrigin;
  label: string;
  username: string;
  password: string;
  created_at: string;
  expires_at: string;
}

function toTransfer(r: Row): BackupTransfer {
  return {
    id: r.id,
    token: r.token,
    direction: r.direction,
    deviceId: r.device_id,
    taskId: r.task_id,
    backupId: r.backup_id,
    fileType: r.file_type,
    origin: r.origin,
    label: r.label,
    username: r.username,
    password: r.password,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}

export function createBackupTransferRepository(db: Db): BackupTransferRepository {
  const insert = db.prepare(
    `INSERT INTO backup_transfers (token, direction, device_id, task_id, backup_id, file_type, origin, label, username, password, created_at, expires_at)
     VALUES (@token, @direction, @deviceId, @taskId, @backupId, @fileType, @origin, @label, @username, @password, @createdAt, @expiresAt)`,
  );
  const byToken = db.prepare<[string], Row>('SELECT * FROM backup_transfers WHERE token = ?');
  const byTask = db.prepare<[number], Row>('SELECT * FROM backup_transfers WHERE task_id = ? ORDER BY id');
  const setBackup = db.prepare<[number, number]>('UPDATE backup_transfers SET backup_id = ? WHERE id = ?');
  const expire = db.prepare<[string, string, string]>('UPDATE backup_transfers SET expires_at = ? WHERE token = ? AND expires_at > ?');
  return {
    create: (t, at) => {
      const createdAt = at.toISOString();
      const id = Number(insert.run({ ...t, createdAt }).lastInsertRowid);
      return { ...t, id, createdAt };
    },
    byToken: (token) => {
      const row = byToken.get(token);
      return row === undefined ? undefined : toTransfer(row);
    },
    ofTask: (taskId) => byTask.all(taskId).map(toTransfer),
    setBackup: (id, backupId) => void setBackup.run(backupId, id),
    expire: (token, at) => expire.run(at.toISOString(), token, at.toISOString()).changes > 0,
  };
}
