import { useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { errorText } from './format.ts';

interface Props {
  client: ApiClient;
  deviceId: string;
  /** Called when a task changed the device, so the parameter view reloads. */
  onDone(): void;
}

interface Action {
  label: string;
  task: { name: string };
  confirm?: string;
}

const actions: Action[] = [
  { label: 'Refresh', task: { name: 'refresh' } },
  { label: 'Reboot', task: { name: 'reboot' }, confirm: 'Reboot this device now?' },
];

/** Quick actions on one device: queued, the device woken by a connection request, result shown. */
export function DeviceActions({ client, deviceId, onDone }: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = async (action: Action): Promise<void> => {
    if (action.confirm !== undefined && !window.confirm(action.confirm)) return;
    setBusy(action.label);
    setMessage(null);
    try {
      const r = await client.call('createTask', { id: deviceId, task: action.task, connectionRequest: true, waitSeconds: 30 });
      const wake = r.connectionRequest?.message ?? '';
      if (r.task.status === 'fault') setMessage({ text: `${action.label} failed: ${r.task.fault?.message ?? 'fault'}`, error: true });
      else if (r.ran) setMessage({ text: `${action.label}: ${r.task.awaiting !== null ? 'sent; waiting for the device to confirm' : 'done'}.`, error: false });
      else setMessage({ text: `${action.label} queued for the next contact. ${wake}`, error: false });
      onDone();
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="toolbar actions">
      {actions.map((a) => (
        <button key={a.label} type="button" disabled={busy !== null} onClick={() => void run(a)}>
          {busy === a.label ? `${a.label}…` : a.label}
        </button>
      ))}
      {message !== null && (
        <span className={message.error ? 'error' : 'muted'} role="status">
          {message.text}
        </span>
      )}
    </div>
  );
}
