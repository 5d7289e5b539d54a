// After a bulk task: the devices the core refused it for, each with its reason (the path is not
// known on that device, read-only, a value of the wrong type ...), so nothing fails silently.
import { Link } from 'react-router';
import type { CreateTasksResult } from '../../../../shared/models-fleet.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { devicePath } from './DeviceRow.tsx';
import { devicesText } from './words.ts';

export function RefusedDialog({ result, onClose }: { result: CreateTasksResult; onClose(): void }) {
  const unlisted = result.refusedCount - result.refused.length;
  return (
    <ConfirmDialog
      open
      title={`${devicesText(result.refusedCount)} refused the task`}
      confirmLabel="Close"
      cancelLabel={null}
      onCancel={onClose}
      onConfirm={onClose}
    >
      <p>
        Queued on {devicesText(result.queued)} of {result.selected.toLocaleString()} selected; refused on {devicesText(result.refusedCount)}
        :
      </p>
      <ul className="refused-list">
        {result.refused.map((r) => (
          <li key={r.deviceId}>
            <Link className="mono" to={devicePath(r.deviceId)} onClick={onClose}>
              {r.deviceId}
            </Link>
            <span>{r.message}</span>
          </li>
        ))}
      </ul>
      {unlisted > 0 && <p className="muted">…and {devicesText(unlisted)} more, not listed.</p>}
    </ConfirmDialog>
  );
}
