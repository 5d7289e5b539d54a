// Quick actions on one device: queued, the device woken by a connection request, the outcome
// shown until it is known (done, failed with the reason, or waiting for the device and why).
import { useState } from 'react';
import { useApiMutation } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorText } from '../../lib/format.ts';

interface Action {
  label: string;
  task: { name: string };
  confirm?: string;
}

const actions: Action[] = [
  { label: 'Refresh', task: { name: 'refresh' } },
  { label: 'Reboot', task: { name: 'reboot' }, confirm: 'The device restarts now and is offline for a minute or two.' },
];

export function DeviceActions({ deviceId }: { deviceId: string }) {
  const create = useApiMutation('createTask', ['getParameters', 'getDevice', 'listTasks']);
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<Action | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = async (action: Action): Promise<void> => {
    setAsking(null);
    setBusy(action.label);
    setMessage({ text: `${action.label}: waking the device…`, error: false });
    try {
      const r = await create.mutateAsync({ id: deviceId, task: action.task, connectionRequest: true, waitSeconds: 30 });
      const wake = r.connectionRequest?.message ?? '';
      if (r.task.status === 'fault') setMessage({ text: `${action.label} failed: ${r.task.fault?.message ?? 'fault'}`, error: true });
      else if (r.ran)
        setMessage({
          text: `${action.label}: ${r.task.awaiting !== null ? 'sent; waiting for the device to confirm' : 'done'}.`,
          error: false,
        });
      else setMessage({ text: `${action.label} queued for the device's next contact. ${wake}`, error: false });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="device-actions">
      {actions.map((a) => (
        <button key={a.label} type="button" disabled={busy !== null} onClick={() => (a.confirm === undefined ? void run(a) : setAsking(a))}>
          {busy === a.label ? `${a.label}…` : a.label}
        </button>
      ))}
      {message !== null && (
        <span className={message.error ? 'alert-inline' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </span>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={`${asking?.label ?? ''} this device?`}
        confirmLabel={asking?.label ?? 'OK'}
        onCancel={() => setAsking(null)}
        onConfirm={() => asking !== null && void run(asking)}
      >
        <p>{asking?.confirm}</p>
      </ConfirmDialog>
    </div>
  );
}
