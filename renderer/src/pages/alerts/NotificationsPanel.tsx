// Where alerts go: webhook URLs (one per line) and SMTP for e-mail, with each target's state
// (ok, retrying, failing with its last error). The SMTP password is never shown.
import { type FormEvent, useEffect, useState } from 'react';
import type { AlertSettings } from '../../../../shared/models-monitoring.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { QueryView } from '../../components/QueryView.tsx';

const stateWords = { unused: 'not used yet', ok: 'delivering', retrying: 'retrying', failing: 'failing' } as const;

export function NotificationsPanel() {
  const settings = useApiQuery('getAlertSettings', {});
  return (
    <section className="panel alerts-section" aria-labelledby="notify-title">
      <h2 id="notify-title">Notifications</h2>
      <QueryView query={settings} loading="Loading…">
        {(s) => <NotifyForm settings={s} />}
      </QueryView>
    </section>
  );
}

function NotifyForm({ settings }: { settings: AlertSettings }) {
  const save = useApiMutation('setAlertSettings', ['getAlertSettings']);
  const [hooks, setHooks] = useState(settings.webhooks.map((w) => w.url).join('\n'));
  const [smtp, setSmtp] = useState({
    host: settings.smtp?.host ?? '',
    port: String(settings.smtp?.port ?? 587),
    user: settings.smtp?.user ?? '',
    password: settings.smtp?.password ?? '',
    from: settings.smtp?.from ?? '',
    to: settings.smtp?.to.join(', ') ?? '',
  });
  useEffect(() => setHooks(settings.webhooks.map((w) => w.url).join('\n')), [settings.webhooks]);
  const set = (k: keyof typeof smtp) => (e: { target: { value: string } }) => setSmtp({ ...smtp, [k]: e.target.value });
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const webhooks = hooks
      .split(/\s+/)
      .map((h) => h.trim())
      .filter((h) => h !== '');
    const to = smtp.to
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    save.mutate({
      webhooks,
      smtp:
        smtp.host.trim() === ''
          ? null
          : { host: smtp.host.trim(), port: Number(smtp.port), user: smtp.user, password: smtp.password, from: smtp.from, to },
    });
  };
  return (
    <form className="notify-form" onSubmit={submit} aria-label="Notification settings">
      <label className="wide">
        Webhook URLs (one per line; each alert is POSTed as JSON)
        <textarea rows={2} value={hooks} onChange={(e) => setHooks(e.target.value)} />
      </label>
      {settings.webhooks.length > 0 && (
        <ul className="wide small">
          {settings.webhooks.map((w) => (
            <li key={w.url}>
              <span className="mono wrap-anywhere">{w.url}</span>: {stateWords[w.state]}
              {w.lastError !== null && w.state !== 'ok' && <span className="muted"> ({w.lastError})</span>}
            </li>
          ))}
        </ul>
      )}
      <label>
        SMTP server
        <input type="text" value={smtp.host} onChange={set('host')} placeholder="smtp.example.net" />
      </label>
      <label>
        Port
        <input type="number" min={1} max={65535} value={smtp.port} onChange={set('port')} />
      </label>
      <label>
        User
        <input type="text" value={smtp.user} onChange={set('user')} autoComplete="off" />
      </label>
      <label>
        Password
        <input type="password" value={smtp.password} onChange={set('password')} autoComplete="new-password" />
      </label>
      <label>
        From
        <input type="text" value={smtp.from} onChange={set('from')} />
      </label>
      <label>
        To (comma-separated)
        <input type="text" value={smtp.to} onChange={set('to')} />
      </label>
      <p className="wide small muted">
        E-mail: {settings.smtp === null ? 'off' : stateWords[settings.email.state]}
        {settings.email.lastError !== null && settings.email.state !== 'ok' ? ` (${settings.email.lastError})` : ''}
      </p>
      <div>
        <button type="submit" className="primary" disabled={save.isPending}>
          Save
        </button>
      </div>
      {save.error !== null && (
        <div className="wide">
          <ErrorAlert error={save.error} />
        </div>
      )}
    </form>
  );
}
