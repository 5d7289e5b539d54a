// Add or edit one subscriber. Editing reads the subscriber revealed first, so an unchanged
// password or key is sent back as it is (never the mask). Errors from the core are shown in the
// dialog, by field where the message names one.
import { useEffect, useState } from 'react';
import type { Subscriber, SubscriberInput } from '../../../../../shared/models-provisioning.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Field } from '../../settings/Field.tsx';
import { PasswordInput } from '../../settings/PasswordInput.tsx';
import { useClient } from '../../../api/client-context.tsx';
import { useApiMutation } from '../../../api/queries.ts';
import '../../../styles/settings.css';

interface Form {
  accountId: string;
  name: string;
  serial: string;
  mac: string;
  pppoeUsername: string;
  pppoePassword: string;
  wifiSsid: string;
  wifiKey: string;
  tags: string;
}

const empty: Form = {
  accountId: '',
  name: '',
  serial: '',
  mac: '',
  pppoeUsername: '',
  pppoePassword: '',
  wifiSsid: '',
  wifiKey: '',
  tags: '',
};

function formOf(s: Subscriber): Form {
  return {
    accountId: s.accountId,
    name: s.name,
    serial: s.serial ?? '',
    mac: s.mac ?? '',
    pppoeUsername: s.pppoeUsername ?? '',
    pppoePassword: s.pppoePassword ?? '',
    wifiSsid: s.wifiSsid ?? '',
    wifiKey: s.wifiKey ?? '',
    tags: s.tags.join(', '),
  };
}

/** The form as the API takes it: empty optional fields are null. */
export function inputOf(f: Form): SubscriberInput {
  const opt = (v: string): string | null => (v.trim() === '' ? null : v.trim());
  return {
    accountId: f.accountId.trim(),
    name: f.name.trim(),
    serial: opt(f.serial),
    mac: opt(f.mac),
    pppoeUsername: opt(f.pppoeUsername),
    pppoePassword: f.pppoePassword === '' ? null : f.pppoePassword,
    wifiSsid: opt(f.wifiSsid),
    wifiKey: f.wifiKey === '' ? null : f.wifiKey,
    tags: f.tags
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  };
}

export function SubscriberDialog({ subscriber, onClose }: { subscriber: Subscriber | null; onClose(): void }) {
  const client = useClient();
  const put = useApiMutation('putSubscriber', ['listSubscribers', 'listWaitingDevices']);
  const [form, setForm] = useState<Form>(subscriber === null ? empty : formOf(subscriber));
  const [loading, setLoading] = useState(subscriber !== null);
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    if (subscriber === null) return;
    client.call('getSubscriber', { accountId: subscriber.accountId, reveal: true }).then(
      (full) => {
        setForm(formOf(full));
        setLoading(false);
      },
      (err: unknown) => {
        setLoadError(err);
        setLoading(false);
      },
    );
  }, [client, subscriber]);

  const set = (k: keyof Form) => (value: string) => setForm((f) => ({ ...f, [k]: value }));
  const missing = form.accountId.trim() === '' || form.name.trim() === '';
  const text = (k: keyof Form, label: string, hint?: string, mono = true) => (
    <Field label={label} hint={hint}>
      {(p) => (
        <input
          {...p}
          type="text"
          className={mono ? 'mono' : undefined}
          value={form[k]}
          disabled={k === 'accountId' && subscriber !== null}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => set(k)(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <ConfirmDialog
      open
      className="subs-dialog"
      title={subscriber === null ? 'Add a subscriber' : `Edit ${subscriber.accountId}`}
      confirmLabel={subscriber === null ? 'Add subscriber' : 'Save'}
      busy={put.isPending || loading}
      confirmDisabled={missing || loadError !== null}
      onCancel={onClose}
      onConfirm={() => put.mutate(inputOf(form), { onSuccess: onClose })}
    >
      {loadError !== null && <ErrorAlert error={loadError} title="Could not read the subscriber" />}
      <div className="subs-form">
        {text('accountId', 'Account id', subscriber === null ? 'as in billing; a re-import updates by it' : undefined)}
        {text('name', 'Name', undefined, false)}
        {text('serial', 'Router serial', 'binds the router at its first Inform')}
        {text('mac', 'Router MAC', 'or its MAC')}
        {text('pppoeUsername', 'PPPoE user')}
        <Field label="PPPoE password">
          {(p) => <PasswordInput {...p} value={form.pppoePassword} onChange={set('pppoePassword')} what="PPPoE password" />}
        </Field>
        {text('wifiSsid', 'Wi-Fi name')}
        <Field label="Wi-Fi key">{(p) => <PasswordInput {...p} value={form.wifiKey} onChange={set('wifiKey')} what="Wi-Fi key" />}</Field>
        {text('tags', 'Tags', 'comma-separated', false)}
      </div>
      {put.isError && <ErrorAlert error={put.error} />}
    </ConfirmDialog>
  );
}
