// A backup's label (a note such as "before the PPPoE change"; labelled backups are kept by the
// scheduled clean-up) and its deletion, each in a small dialog.
import { useId, useState } from 'react';
import type { Backup } from '../../../../../shared/models-backups.ts';
import { useApiMutation } from '../../../api/queries.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { errorText, formatTime } from '../../../lib/format.ts';
import { backupName, kindWords } from './backup-words.ts';

export function LabelDialog({ backup, onClose }: { backup: Backup; onClose(): void }) {
  const save = useApiMutation('updateBackup', ['listBackups', 'getBackup']);
  const [label, setLabel] = useState(backup.label);
  const fieldId = useId();
  const hintId = useId();
  return (
    <ConfirmDialog
      open
      title={backup.label === '' ? 'Add a label' : 'Edit the label'}
      confirmLabel="Save label"
      busy={save.isPending}
      confirmDisabled={label.trim() === backup.label}
      onCancel={onClose}
      onConfirm={() => save.mutate({ backupId: backup.id, label: label.trim() }, { onSuccess: onClose })}
    >
      <p className="muted small">
        {kindWords(backup)} of {formatTime(backup.createdAt)}
      </p>
      <div className="confirm-field">
        <label htmlFor={fieldId}>Label</label>
        <input
          id={fieldId}
          type="text"
          value={label}
          maxLength={200}
          placeholder="before the PPPoE change"
          aria-describedby={hintId}
          onChange={(e) => setLabel(e.target.value)}
        />
        <small id={hintId} className="muted">
          Labelled backups are never removed by the scheduled clean-up. Leave empty to remove the label.
        </small>
      </div>
      {save.isError && (
        <p className="alert" role="alert">
          {errorText(save.error)}
        </p>
      )}
    </ConfirmDialog>
  );
}

export function DeleteBackupDialog({ backup, onClose }: { backup: Backup; onClose(removed: boolean): void }) {
  const remove = useApiMutation('deleteBackup', ['listBackups']);
  return (
    <ConfirmDialog
      open
      title="Delete this backup?"
      confirmLabel="Delete backup"
      danger
      busy={remove.isPending}
      onCancel={() => onClose(false)}
      onConfirm={() => remove.mutate({ backupId: backup.id }, { onSuccess: () => onClose(true) })}
    >
      <p>
        {backupName(backup).replace(/^the b/, 'The b')} is removed from DeskACS. The device's own configuration is not touched. This cannot
        be undone.
      </p>
      {remove.isError && (
        <p className="alert" role="alert">
          {errorText(remove.error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
