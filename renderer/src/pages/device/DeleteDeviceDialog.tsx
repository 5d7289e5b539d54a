// Deleting a device forgets it and everything DeskACS kept about it; then back to the list.
import { useNavigate } from 'react-router';
import { useApiMutation } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useToasts } from '../../components/Toasts.tsx';
import { errorText } from '../../lib/format.ts';

export function DeleteDeviceDialog({ id, serial, onClose }: { id: string; serial: string; onClose(): void }) {
  const navigate = useNavigate();
  const toasts = useToasts();
  const remove = useApiMutation('deleteDevice', ['listDevices', 'serverInfo', 'getOverview']);
  return (
    <ConfirmDialog
      open
      title={`Delete ${serial}?`}
      confirmLabel="Delete device"
      danger
      busy={remove.isPending}
      onCancel={onClose}
      onConfirm={() =>
        remove.mutate(
          { id },
          {
            onSuccess: () => {
              toasts.show(`Deleted ${serial}.`, 'ok');
              navigate('/devices');
            },
          },
        )
      }
    >
      <p>
        DeskACS forgets this device: its parameters, sessions, tasks and faults. If it informs again it comes back as a new device (or is
        refused, when unknown devices are refused).
      </p>
      {remove.isError && (
        <p className="alert" role="alert">
          Delete failed: {errorText(remove.error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
