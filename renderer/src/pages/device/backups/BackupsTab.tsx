// The device's configuration backups: "Back up now" (an Upload of its configuration file to
// DeskACS, followed live to its end here), "Take snapshot" (its stored writable values, for
// devices without Upload), then the list newest first with View, Compare, Restore…, label and
// Delete. The list refreshes on backupsChanged and on this device's task events.
import { useId, useState } from 'react';
import type { Backup } from '../../../../../shared/models-backups.ts';
import type { DeviceDetail } from '../../../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../../../api/queries.ts';
import { QueryView } from '../../../components/QueryView.tsx';
import { errorText } from '../../../lib/format.ts';
import { ActionLog } from '../ActionLog.tsx';
import type { DeviceActionsState } from '../use-device-actions.ts';
import { BackupDiffDialog } from './BackupDiffDialog.tsx';
import { BackupTable } from './BackupTable.tsx';
import { BackupViewDialog } from './BackupViewDialog.tsx';
import { DeleteBackupDialog, LabelDialog } from './BackupEditDialogs.tsx';
import { type CompareChoice, compareChoice, configFileType, contentWords } from './backup-words.ts';
import { RestoreDialog } from './RestoreDialog.tsx';
import { SnapshotOffers } from './SnapshotOffers.tsx';
import '../../../styles/backups.css';

type Open =
  | { kind: 'view'; backup: Backup }
  | { kind: 'diff'; choice: Exclude<CompareChoice, { kind: 'none' }> }
  | { kind: 'restore'; backup: Backup }
  | { kind: 'label'; backup: Backup }
  | { kind: 'delete'; backup: Backup }
  | null;

type Note = { tone: 'ok' | 'bad'; text: string } | null;

export function BackupsTab({ device, actions }: { device: DeviceDetail; actions: DeviceActionsState }) {
  const backups = useApiQuery('listBackups', { id: device.id });
  const snapshot = useApiMutation('createSnapshot', ['listBackups']);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [open, setOpen] = useState<Open>(null);
  const [note, setNote] = useState<Note>(null);
  const hintId = useId();
  const entries = actions.entries.filter((e) => e.scope === 'backups');
  const backingUp = actions.busy('upload');

  const takeSnapshot = (): void => {
    setNote(null);
    snapshot.mutate(
      { id: device.id },
      {
        onSuccess: (b) => setNote({ tone: 'ok', text: `Snapshot taken: ${contentWords(b)} of the stored writable parameters.` }),
        onError: (err) => setNote({ tone: 'bad', text: `Snapshot failed: ${errorText(err)}` }),
      },
    );
  };
  const backUp = (): void => {
    setNote(null);
    void actions.runTask('Back up now', { name: 'upload', fileType: configFileType }, 'backups');
  };

  const list = backups.data ?? [];
  const chosen = list.filter((b) => checked.has(b.id));
  const choice = compareChoice(chosen);
  return (
    <div className="backups-tab">
      <div className="backups-toolbar">
        <button type="button" className="primary" onClick={backUp} disabled={backingUp}>
          {backingUp ? 'Backing up…' : 'Back up now'}
        </button>
        <button type="button" onClick={takeSnapshot} disabled={snapshot.isPending}>
          {snapshot.isPending ? 'Taking snapshot…' : 'Take snapshot'}
        </button>
        <span className="backups-toolbar-sep" aria-hidden="true" />
        <button
          type="button"
          disabled={choice.kind === 'none'}
          aria-describedby={hintId}
          onClick={() => choice.kind !== 'none' && setOpen({ kind: 'diff', choice })}
        >
          {choice.kind === 'now' ? 'Compare with now' : choice.kind === 'pair' ? 'Compare 2 selected' : 'Compare'}
        </button>
        <span id={hintId} className="muted small backups-hint">
          {choice.kind === 'none' ? choice.why : choice.kind === 'now' ? 'The snapshot against the values stored now.' : 'Older → newer.'}
        </span>
      </div>
      <p className="muted small tab-note">
        “Back up now” asks the device to upload its configuration file to DeskACS. Devices without Upload get a snapshot: the values of
        their writable parameters as DeskACS last read them.
      </p>
      {entries.length > 0 && (
        <div className="backups-activity">
          <ActionLog entries={entries} device={device} onDismiss={actions.dismiss} />
          <SnapshotOffers
            entries={entries}
            backups={list}
            busy={snapshot.isPending}
            onSnapshot={takeSnapshot}
            onView={(backup) => setOpen({ kind: 'view', backup })}
          />
        </div>
      )}
      {note !== null && (
        <p className={`action-line ${note.tone} backups-note`} role={note.tone === 'bad' ? 'alert' : 'status'}>
          <span className="action-text">{note.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNote(null)}>
            ×
          </button>
        </p>
      )}
      <QueryView query={backups} loading="Loading backups…">
        {(rows) =>
          rows.length === 0 ? (
            <p className="empty-state">No backups of this device yet. Back it up now, or take a snapshot of its values.</p>
          ) : (
            <BackupTable
              backups={rows}
              checked={checked}
              onCheck={(id, on) => {
                const next = new Set(checked);
                if (on) next.add(id);
                else next.delete(id);
                setChecked(next);
              }}
              onView={(backup) => setOpen({ kind: 'view', backup })}
              onRestore={(backup) => setOpen({ kind: 'restore', backup })}
              onLabel={(backup) => setOpen({ kind: 'label', backup })}
              onDelete={(backup) => setOpen({ kind: 'delete', backup })}
              restoring={actions.busy('restore')}
            />
          )
        }
      </QueryView>
      {open?.kind === 'view' && <BackupViewDialog backup={open.backup} onClose={() => setOpen(null)} />}
      {open?.kind === 'diff' && <BackupDiffDialog choice={open.choice} onClose={() => setOpen(null)} />}
      {open?.kind === 'restore' && <RestoreDialog backup={open.backup} device={device} actions={actions} onClose={() => setOpen(null)} />}
      {open?.kind === 'label' && <LabelDialog backup={open.backup} onClose={() => setOpen(null)} />}
      {open?.kind === 'delete' && (
        <DeleteBackupDialog
          backup={open.backup}
          onClose={(removed) => {
            setOpen(null);
            if (removed) {
              const next = new Set(checked);
              next.delete(open.backup.id);
              setChecked(next);
            }
          }}
        />
      )}
    </div>
  );
}
