// Quick actions on one device: Refresh, Reboot, Connection request, and under More ▾ Factory
// reset and Delete. Each button is busy while its task is in flight; the outcome is followed to
// the end in the action log (ActionLog.tsx).
import { useState } from 'react';
import type { DeviceDetail } from '../../../../shared/models.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DeleteDeviceDialog } from './DeleteDeviceDialog.tsx';
import { FactoryResetDialog } from './FactoryResetDialog.tsx';
import { MoreMenu } from './MoreMenu.tsx';
import type { DeviceActionsState } from './use-device-actions.ts';

type Asking = 'reboot' | 'factoryReset' | 'delete' | null;

export function DeviceActions({ device, actions }: { device: DeviceDetail; actions: DeviceActionsState }) {
  const [asking, setAsking] = useState<Asking>(null);
  const { busy, runTask, wake, waking } = actions;
  const refreshing = busy('refresh');
  const rebooting = busy('reboot');
  const resetting = busy('factoryReset');
  return (
    <div className="device-actions" role="group" aria-label="Device actions">
      <button type="button" disabled={refreshing} onClick={() => void runTask('Refresh', { name: 'refresh' })}>
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </button>
      <button type="button" disabled={rebooting || resetting} onClick={() => setAsking('reboot')}>
        {rebooting ? 'Rebooting…' : 'Reboot'}
      </button>
      <button type="button" disabled={waking} title="Ask the device to open a session now" onClick={() => void wake()}>
        {waking ? 'Connecting…' : 'Connection request'}
      </button>
      <MoreMenu
        label="More"
        items={[
          {
            label: resetting ? 'Factory reset (in progress)' : 'Factory reset…',
            danger: true,
            disabled: resetting || rebooting,
            onSelect: () => setAsking('factoryReset'),
          },
          { label: 'Delete device…', danger: true, onSelect: () => setAsking('delete') },
        ]}
      />
      <ConfirmDialog
        open={asking === 'reboot'}
        title="Reboot this device?"
        confirmLabel="Reboot"
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          setAsking(null);
          void runTask('Reboot', { name: 'reboot' });
        }}
      >
        <p>The device restarts now and is offline for a minute or two; the subscriber's connection drops meanwhile.</p>
      </ConfirmDialog>
      {asking === 'factoryReset' && (
        <FactoryResetDialog
          serial={device.serialNumber}
          onClose={() => setAsking(null)}
          onConfirm={() => void runTask('Factory reset', { name: 'factoryReset' })}
        />
      )}
      {asking === 'delete' && <DeleteDeviceDialog id={device.id} serial={device.serialNumber} onClose={() => setAsking(null)} />}
    </div>
  );
}
