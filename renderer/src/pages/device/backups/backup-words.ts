// A configuration backup in words, the same in the list, the dialogs and the diff: what kind it
// is, who took it, how big it is, and which two backups can be compared. Pure.
import type { Backup, BackupOrigin } from '../../../../../shared/models-backups.ts';
import type { TaskRecord } from '../../../../../shared/models.ts';
import { formatBytes, formatTime } from '../../../lib/format.ts';

/** The file type a "Back up now" asks the device for (TR-069 A.4.1.5). */
export const configFileType = '1 Vendor Configuration File';

export function kindWords(b: Pick<Backup, 'kind' | 'fileType'>): string {
  if (b.kind === 'snapshot') return 'Snapshot';
  return b.fileType.startsWith('2 ') ? 'Uploaded log' : 'Uploaded file';
}

export const originWords: Record<BackupOrigin, string> = { manual: 'Manual', scheduled: 'Scheduled', api: 'API' };

/** "12.4 KB" for a file, "214 values" for a snapshot. */
export function contentWords(b: Pick<Backup, 'kind' | 'size' | 'parameterCount'>): string {
  if (b.kind === 'snapshot') return `${b.parameterCount.toLocaleString()} value${b.parameterCount === 1 ? '' : 's'}`;
  return formatBytes(b.size);
}

/** How a backup is named in buttons and dialogs: its label, else its date. */
export function backupName(b: Pick<Backup, 'label' | 'createdAt'>): string {
  return b.label === '' ? `the backup of ${formatTime(b.createdAt)}` : `“${b.label}” (${formatTime(b.createdAt)})`;
}

export type CompareChoice = { kind: 'pair'; from: Backup; to: Backup } | { kind: 'now'; from: Backup } | { kind: 'none'; why: string };

/** What "Compare" does with the checked backups: two of a kind (older first), or one snapshot against now. */
export function compareChoice(checked: readonly Backup[]): CompareChoice {
  if (checked.length === 0)
    return { kind: 'none', why: 'Tick two backups to compare them, or one snapshot to compare it with the values now.' };
  if (checked.length === 1) {
    const [one] = checked;
    if (one?.kind === 'snapshot') return { kind: 'now', from: one };
    return { kind: 'none', why: 'An uploaded file compares with another uploaded file: tick a second one.' };
  }
  if (checked.length > 2) return { kind: 'none', why: 'Tick exactly two backups to compare.' };
  const [a, b] = [...checked].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id - y.id);
  if (a === undefined || b === undefined) return { kind: 'none', why: '' };
  if (a.kind !== b.kind) return { kind: 'none', why: 'A snapshot compares with a snapshot, an uploaded file with an uploaded file.' };
  return { kind: 'pair', from: a, to: b };
}

/** TR-069 fault 9000: the device does not support the method (here Upload). */
export function uploadUnsupported(task: Pick<TaskRecord, 'name' | 'status' | 'fault'>): boolean {
  if (task.name !== 'upload' || task.status !== 'fault' || task.fault === null) return false;
  return task.fault.code === 9000 || /not supported/i.test(task.fault.message);
}
