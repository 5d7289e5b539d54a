// Backups and tasks: restoring a backup (Download of the uploaded file, or one setParameterValues
// of a snapshot's values that still differ), how an upload to DeskACS ends at the device's
// TransferComplete, and the diff between two backups.
import { readFile } from 'node:fs/promises';
import { AcsError } from '../../../shared/errors.ts';
import type { CreateTaskResult } from '../../../shared/models.ts';
import type { Backup, BackupDiff } from '../../../shared/models-backups.ts';
import type { TaskOptions } from '../../../shared/tasks.ts';
import type { Store } from '../store/index.ts';
import type { StoredTask } from '../store/tasks.ts';
import type { BackupService } from './backups.ts';
import { diffText, diffValues } from './backups-diff.ts';
import { writableValues } from './backups-snapshot.ts';
import type { TaskService } from './tasks/service.ts';

export const RESTORE_FILE_TYPE = '3 Vendor Configuration File';
export const BACKUP_FILE_TYPE = '1 Vendor Configuration File';

/** Sends a backup back to its device as one task through the task service. */
export async function restoreBackup(store: Store, tasks: TaskService, backup: Backup, options: TaskOptions): Promise<CreateTaskResult> {
  if (backup.kind === 'upload') return tasks.create(backup.deviceId, { name: 'download', backupId: backup.id }, options);
  const now = new Map(writableValues(store, backup.deviceId).map(([n, v]) => [n, v]));
  const values = (store.backups.snapshotValues(backup.id) ?? []).filter(([n, v]) => now.has(n) && now.get(n) !== v);
  if (values.length === 0) {
    throw new AcsError(
      'bad_request',
      `nothing to restore: the device's stored writable values already match snapshot ${backup.id} (or its parameters are gone or read-only now)`,
    );
  }
  return tasks.create(backup.deviceId, { name: 'setParameterValues', values }, options);
}

/**
 * How an upload to DeskACS ends when the device reports its TransferComplete success: done with
 * the backup it received, or a fault when no file arrived whole at its URL. Null for any other task.
 */
export function uploadCompletion(store: Store, task: StoredTask): { backupId: number } | { missing: string } | null {
  const args = task.args as { name?: string; url?: string };
  if (args.name !== 'upload' || args.url !== undefined) return null;
  const received = store.backupTransfers.ofTask(task.id).findLast((t) => t.backupId !== null);
  if (received?.backupId != null) return { backupId: received.backupId };
  return {
    missing: 'the device reported the upload complete, but no file arrived whole at its DeskACS upload URL: no backup was stored',
  };
}

/** The download spec of a restore, checked: the backup must be an upload of this device. */
export function restoreDownloadArgs(store: Store, deviceId: string, backupId: number): { fileSize: number } {
  const b = store.backups.get(backupId);
  if (b === undefined || b.deviceId !== deviceId)
    throw new AcsError('bad_request', `backup ${backupId} is not a backup of device '${deviceId}'`);
  if (b.kind !== 'upload') throw new AcsError('bad_request', `backup ${backupId} is a snapshot: restore it with restoreBackup`);
  return { fileSize: b.size };
}

export async function diffBackups(store: Store, backups: BackupService, backupId: number, to: number | undefined): Promise<BackupDiff> {
  const from = backups.get(backupId);
  const other = to === undefined ? undefined : backups.get(to);
  if (from.kind === 'snapshot') {
    if (other !== undefined && other.kind !== 'snapshot')
      throw new AcsError('bad_request', `backup ${to} is an uploaded file, not a snapshot`);
    const before = store.backups.snapshotValues(from.id) ?? [];
    const after = other === undefined ? writableValues(store, from.deviceId) : (store.backups.snapshotValues(other.id) ?? []);
    return { kind: 'parameters', from: from.id, to: other?.id ?? 'now', ...diffValues(before, after) };
  }
  if (other === undefined) throw new AcsError('bad_request', `backup ${backupId} is an uploaded file: give 'to', another uploaded file`);
  if (other.kind !== 'upload') throw new AcsError('bad_request', `backup ${to} is a snapshot, not an uploaded file`);
  if (!from.text || !other.text) return { kind: 'binary', from: from.id, to: other.id, identical: from.sha256 === other.sha256 };
  const [a, b] = await Promise.all([readFile(backups.pathOf(from), 'utf8'), readFile(backups.pathOf(other), 'utf8')]);
  return { kind: 'text', from: from.id, to: other.id, ...diffText(a, b) };
}
