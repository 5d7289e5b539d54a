// Which of the device page's traces a task belongs to (the page's action log, or the Backups tab
// while it is open) and what the page calls a task it did not start itself. Pure.
import type { TaskRecord } from '../../../../shared/models.ts';

/** Where an entry is shown: the page's action log, or the Backups (Reachability) tab while it is open. */
export type ActionScope = 'device' | 'backups' | 'reach';

const argsOf = (t: Pick<TaskRecord, 'args'>): Record<string, unknown> =>
  typeof t.args === 'object' && t.args !== null ? (t.args as Record<string, unknown>) : {};

/** A backup (an upload to DeskACS) or a restore (a download of a backup) belongs to the Backups tab. */
export function scopeOfTask(t: Pick<TaskRecord, 'name' | 'args'>): ActionScope {
  const args = argsOf(t);
  if (t.name === 'upload' && args.url === undefined) return 'backups';
  if (t.name === 'download' && args.backupId !== undefined) return 'backups';
  return 'device';
}

/** What the page calls a task it did not start itself. */
export function labelOfTask(t: Pick<TaskRecord, 'name' | 'args'>): string {
  const args = argsOf(t);
  if (t.name === 'upload') return args.url === undefined ? 'Back up' : 'Upload';
  if (t.name === 'download') {
    if (args.backupId !== undefined) return 'Restore';
    if (args.fileId !== undefined) return 'Push firmware';
    return 'Download';
  }
  return labelOf(t.name);
}

export function labelOf(name: string): string {
  switch (name) {
    case 'refresh':
      return 'Refresh';
    case 'reboot':
      return 'Reboot';
    case 'factoryReset':
      return 'Factory reset';
    case 'setConnectionRequestCredentials':
      return 'Setting connection-request credentials';
    case 'download':
      return 'Download';
    case 'upload':
      return 'Upload';
    default:
      return name;
  }
}
