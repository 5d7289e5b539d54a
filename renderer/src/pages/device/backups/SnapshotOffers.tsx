// When "Back up now" fails because the device has no Upload (fault 9000, method not supported),
// the core keeps a snapshot of its values instead: the tab says so where the failure is read, and
// offers to take one only when none came (no stored values then, say).
import type { Backup } from '../../../../../shared/models-backups.ts';
import { formatTime } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useFollowedTask } from '../../tasks/use-followed-task.ts';
import type { ActionEntry } from '../use-device-actions.ts';
import { uploadUnsupported } from './backup-words.ts';

/** How long after the failure the core's own snapshot is waited for before offering one. */
const graceMs = 4_000;

export function SnapshotOffers({
  entries,
  backups,
  busy,
  onSnapshot,
  onView,
}: {
  entries: ActionEntry[];
  backups: Backup[];
  busy: boolean;
  onSnapshot(): void;
  onView(b: Backup): void;
}) {
  // The newest upload is enough: one note, not one per attempt.
  const upload = entries.find((e): e is Extract<ActionEntry, { kind: 'task' }> => e.kind === 'task' && e.task.name === 'upload');
  if (upload === undefined) return null;
  return <Offer key={upload.key} entry={upload} backups={backups} busy={busy} onSnapshot={onSnapshot} onView={onView} />;
}

function Offer({
  entry,
  backups,
  busy,
  onSnapshot,
  onView,
}: {
  entry: Extract<ActionEntry, { kind: 'task' }>;
  backups: Backup[];
  busy: boolean;
  onSnapshot(): void;
  onView(b: Backup): void;
}) {
  const now = useNow(1_000);
  const task = useFollowedTask(entry.taskId, entry.task).data ?? entry.task;
  if (!uploadUnsupported(task)) return null;
  const kept = backups.find((b) => b.kind === 'snapshot' && b.createdAt >= task.createdAt);
  if (kept !== undefined) {
    return (
      <div className="note backup-offer" role="status">
        <span>
          This device cannot upload its configuration, so DeskACS kept a snapshot of its writable values instead (
          {formatTime(kept.createdAt)}).
        </span>
        <button type="button" onClick={() => onView(kept)}>
          View snapshot
        </button>
      </div>
    );
  }
  const endedAt = task.endedAt === null ? now : Date.parse(task.endedAt);
  if (now - endedAt < graceMs) return null;
  return (
    <div className="note backup-offer">
      <span>This device cannot upload its configuration. A snapshot keeps the values of its writable parameters instead.</span>
      <button type="button" className="primary" onClick={onSnapshot} disabled={busy}>
        Take a snapshot instead
      </button>
    </div>
  );
}
