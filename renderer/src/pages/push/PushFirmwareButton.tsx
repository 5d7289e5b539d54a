// The device page's "Push firmware…": the push dialog for this one device; confirmed, the
// download task is queued through the page's actions, so its action log follows it to the end.
import { useState } from 'react';
import type { DeviceDetail } from '../../../../shared/models.ts';
import type { DeviceActionsState } from '../device/use-device-actions.ts';
import { PushDialog } from './PushDialog.tsx';

export function PushFirmwareButton({ device, actions }: { device: DeviceDetail; actions: DeviceActionsState }) {
  const [open, setOpen] = useState(false);
  const pushing = actions.busy('download');
  return (
    <>
      <button type="button" disabled={pushing} onClick={() => setOpen(true)}>
        {pushing ? 'Pushing…' : 'Push firmware…'}
      </button>
      {open && (
        <PushDialog
          selection={{ ids: [device.id] }}
          count={1}
          onClose={() => setOpen(false)}
          onPushOne={(file) =>
            void actions.runTask(`Push ${file.name}${file.version === '' ? '' : ` (${file.version})`}`, {
              name: 'download',
              fileType: file.fileType,
              fileId: file.id,
            })
          }
        />
      )}
    </>
  );
}
