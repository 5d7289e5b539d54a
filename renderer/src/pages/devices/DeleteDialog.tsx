// Delete the selected devices from DeskACS: a red button that names the number.
import { useState } from 'react';
import { useApiMutation } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useToasts } from '../../components/Toasts.tsx';
import { errorText } from '../../lib/format.ts';
import type { BulkTarget } from './BulkDialogs.tsx';
import { devicesText } from './words.ts';

export function DeleteDialog({ target, onClose }: { target: BulkTarget; onClose(deleted: boolean): void }) {
  const [error, setError] = useState<unknown>(null);
  const toasts = useToasts();
  const remove = useApiMutation('deleteDevices', ['listDevices', 'serverInfo', 'getOverview', 'listTags']);
  const title = `Delete ${devicesText(target.count)}`;
  const confirm = async (): Promise<void> => {
    setError(null);
    try {
      const r = await remove.mutateAsync({ selection: target.selection });
      toasts.show(`Deleted ${devicesText(r.removed)}.`, 'ok');
      onClose(true);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`${title}?`}
      confirmLabel={title}
      danger
      busy={remove.isPending}
      onCancel={() => onClose(false)}
      onConfirm={() => void confirm()}
    >
      <p>
        Their stored parameters and history are removed from DeskACS. This cannot be undone; a device that informs again comes back as a new
        device.
      </p>
      {error !== null && (
        <p className="alert" role="alert">
          {errorText(error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
