// Devices allowed in before their first contact (what the 'refuse' policy admits): add by
// device id with a note, remove behind a dialog.
import { useState } from 'react';
import type { DeviceRegistration } from '../../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useToasts } from '../../components/Toasts.tsx';
import { formatTime } from '../../lib/format.ts';
import { Field } from './Field.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { useOutcome } from './use-outcome.ts';

const fields = ['id', 'note'] as const;

export function RegistrationList() {
  const list = useApiQuery('listRegistrations', {});
  const policy = useApiQuery('getCpeAuth', {}).data?.unknownDevices;
  const remove = useApiMutation('unregisterDevice', ['listRegistrations']);
  const toasts = useToasts();
  const [removing, setRemoving] = useState<DeviceRegistration | null>(null);
  return (
    <div className="registrations">
      <AddRegistration />
      {list.isPending && <p className="muted">Loading registrations…</p>}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data !== undefined && list.data.length === 0 && (
        <p className="muted empty-inline">No devices registered. {policy === 'refuse' ? 'No new device can join until one is.' : ''}</p>
      )}
      {list.data !== undefined && list.data.length > 0 && (
        <table className="table">
          <caption className="sr-only">Registered devices</caption>
          <thead>
            <tr>
              <th scope="col">Device ID</th>
              <th scope="col">Note</th>
              <th scope="col">Added</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((r) => (
              <tr key={r.deviceId}>
                <td className="mono wrap-anywhere">{r.deviceId}</td>
                <td>{r.note}</td>
                <td>{formatTime(r.createdAt)}</td>
                <td className="row-actions">
                  <button type="button" className="danger-outline" aria-label={`Remove ${r.deviceId}`} onClick={() => setRemoving(r)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={removing !== null}
        title="Remove this registration?"
        confirmLabel="Remove"
        danger
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing === null) return;
          remove.mutate(
            { id: removing.deviceId },
            {
              onSuccess: () => {
                toasts.show(`Registration of ${removing.deviceId} removed.`, 'ok');
                setRemoving(null);
              },
              onError: (err) => {
                toasts.show(`Could not remove the registration: ${err.message}`, 'bad');
                setRemoving(null);
              },
            },
          );
        }}
      >
        <p className="mono wrap-anywhere">{removing?.deviceId}</p>
        <p>
          {policy === 'refuse'
            ? 'If this device has not contacted DeskACS yet, it will be refused when it does. A device already known keeps working.'
            : 'New devices are added anyway while unknown devices are not refused; the registration only matters with the refuse policy.'}
        </p>
      </ConfirmDialog>
    </div>
  );
}

function AddRegistration() {
  const [id, setId] = useState('');
  const [note, setNote] = useState('');
  const outcome = useOutcome(fields);
  const add = useApiMutation('registerDevice', ['listRegistrations']);
  return (
    <form
      className="settings-form inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(
          { id: id.trim(), note: note.trim() },
          {
            onSuccess: (r) => {
              setId('');
              setNote('');
              outcome.saved(`Registered ${r.deviceId}.`);
            },
            onError: (err) => outcome.failed(err),
          },
        );
      }}
    >
      <div className="field-row">
        <Field
          label="Device ID"
          className="grow"
          hint="OUI-ProductClass-SerialNumber, as the CPE reports it"
          error={outcome.fieldError('id')}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              className="mono"
              spellCheck={false}
              autoComplete="off"
              placeholder="00259E-EG8145X6-48575443A1B2C3D4"
              value={id}
              onChange={(e) => {
                setId(e.target.value);
                outcome.clear();
              }}
            />
          )}
        </Field>
        <Field label="Note" error={outcome.fieldError('note')}>
          {(p) => <input {...p} type="text" value={note} placeholder="Customer, address…" onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={add.isPending || id.trim() === ''}>
          {add.isPending ? 'Adding…' : 'Add registration'}
        </button>
        <SaveStatus outcome={outcome.outcome} />
      </div>
    </form>
  );
}
