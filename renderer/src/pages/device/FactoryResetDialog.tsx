// Factory reset erases the device's configuration (Wi-Fi, PPPoE login, port forwards): the
// confirm button stays disabled until the operator has typed the device's serial number.
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

export function FactoryResetDialog({ serial, onConfirm, onClose }: { serial: string; onConfirm(): void; onClose(): void }) {
  const [typed, setTyped] = useState('');
  const fieldId = useId();
  return (
    <ConfirmDialog
      open
      title="Factory reset this device?"
      confirmLabel="Factory reset"
      danger
      confirmDisabled={typed.trim() !== serial}
      onCancel={onClose}
      onConfirm={() => {
        if (typed.trim() !== serial) return;
        onClose();
        onConfirm();
      }}
    >
      <p>
        The device erases its configuration: Wi-Fi names and passwords, the WAN login, port forwards. It restarts with its factory settings
        and DeskACS reads its parameters again. This cannot be undone.
      </p>
      <div className="confirm-field">
        <label htmlFor={fieldId}>
          Type the serial number <strong className="mono">{serial}</strong> to confirm
        </label>
        <input
          id={fieldId}
          type="text"
          className="mono"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
      </div>
    </ConfirmDialog>
  );
}
