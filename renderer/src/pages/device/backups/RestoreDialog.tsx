// Restoring a backup says what will happen before anything is sent: an uploaded file goes back
// with a Download of file type 3 (the device applies it, most often by rebooting); a snapshot's
// values are re-applied as one setParameterValues task. The task is then followed to its end in
// the Backups tab.
import { nextExpectedContact } from '../../../../../shared/device-status.ts';
import type { Backup } from '../../../../../shared/models-backups.ts';
import type { DeviceDetail } from '../../../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../../../api/queries.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { statusOf } from '../../../components/StatusChip.tsx';
import { formatTime } from '../../../lib/format.ts';
import { nextContactText } from '../../tasks/task-words.ts';
import type { DeviceActionsState } from '../use-device-actions.ts';
import { backupName, contentWords } from './backup-words.ts';

export function RestoreDialog({
  backup: b,
  device,
  actions,
  onClose,
}: {
  backup: Backup;
  device: DeviceDetail;
  actions: DeviceActionsState;
  onClose(): void;
}) {
  const restore = useApiMutation('restoreBackup', ['listTasks']);
  // A snapshot sets back only the values that differ from the stored ones now: count them first.
  const diff = useApiQuery('diffBackups', b.kind === 'snapshot' ? { backupId: b.id } : null, { staleTime: 0 });
  const toSet = diff.data?.kind === 'parameters' ? diff.data.changed : null;
  const now = Date.now();
  const offline = statusOf(device, now) === 'offline';
  const next = nextContactText(nextExpectedContact(device.lastInform, device.periodicInformInterval), now);
  const otherVersion = b.softwareVersion !== '' && device.softwareVersion !== '' && b.softwareVersion !== device.softwareVersion;
  return (
    <ConfirmDialog
      open
      title={`Restore ${b.kind === 'snapshot' ? 'this snapshot' : 'this configuration file'}?`}
      confirmLabel="Restore"
      busy={actions.busy('restore')}
      confirmDisabled={b.kind === 'snapshot' && toSet === 0}
      onCancel={onClose}
      onConfirm={() => {
        onClose();
        const label = `Restore ${backupName(b)}`;
        void actions.runCall(label, 'restore', 'backups', () => restore.mutateAsync({ backupId: b.id, connectionRequest: true }));
      }}
    >
      <p>
        Backup of <strong>{formatTime(b.createdAt)}</strong>
        {b.label === '' ? '' : <> (“{b.label}”)</>}, {contentWords(b)}
        {b.softwareVersion === '' ? '' : `, taken on software ${b.softwareVersion}`}.
      </p>
      {b.kind === 'upload' ? (
        <p data-testid="restore-what">
          DeskACS sends this file back to <span className="mono">{device.serialNumber}</span> with a Download of file type{' '}
          <strong>3 Vendor Configuration File</strong>. The device replaces its configuration with it and will most likely reboot: expect it
          to be offline for a few minutes.
        </p>
      ) : (
        <p data-testid="restore-what">
          DeskACS re-applies the <strong>{contentWords(b)}</strong> of this snapshot as one setParameterValues task: the device accepts them
          all or none. Values changed since the snapshot are set back.
        </p>
      )}
      {otherVersion && (
        <p className="note warn small">
          The device now runs software {device.softwareVersion}; this backup was taken on {b.softwareVersion}. A configuration from another
          version may be refused or applied only in part.
        </p>
      )}
      {offline && (
        <p className="note small">The device is offline: the restore runs at its next contact{next === '' ? '' : ` (${next})`}.</p>
      )}
    </ConfirmDialog>
  );
}
