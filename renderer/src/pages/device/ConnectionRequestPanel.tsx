// Whether DeskACS can wake this device now (a connection request, TR-069 3.2.2) and with which
// credentials, in words; fields to enter the device's own credentials, or a button that lets
// DeskACS set new ones on the device (a task, followed in the action log); a link to the
// Reachability tab (NAT, STUN, what to change).
import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { ConnectionRequestState } from '../../../../shared/models-device.ts';
import type { DeviceDetail } from '../../../../shared/models.ts';
import { useApiMutation } from '../../api/queries.ts';
import { errorText, formatAgo, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import type { DeviceActionsState } from './use-device-actions.ts';

function credentialsText(state: ConnectionRequestState): string {
  const user = state.username === '' ? '' : ` (user ${state.username})`;
  switch (state.credentials) {
    case 'device':
      return `This device's own${user}`;
    case 'default':
      return `The defaults from Settings${user}`;
    case 'none':
      return 'None: a device that asks for credentials refuses the request';
  }
}

export function ConnectionRequestPanel({
  device,
  state,
  actions,
}: {
  device: DeviceDetail;
  state: ConnectionRequestState;
  actions: DeviceActionsState;
}) {
  const now = useNow();
  const [editing, setEditing] = useState(false);
  const settingThem = actions.busy('setConnectionRequestCredentials');
  const last = state.lastOutcome;
  return (
    <div className="cr-panel">
      <dl className="kv">
        <div>
          <dt>Credentials</dt>
          <dd className={state.credentials === 'none' ? 'warn-text' : undefined}>{credentialsText(state)}</dd>
        </div>
        <div>
          <dt>URL</dt>
          <dd className="mono wrap-anywhere">{state.url === '' ? <span className="muted">not reported by the device</span> : state.url}</dd>
        </div>
        <div>
          <dt>Last request</dt>
          <dd>
            {last === null ? (
              <span className="muted">none sent since DeskACS started</span>
            ) : last.outcome === 'reached' ? (
              <span title={`${last.message} (${formatTime(last.at)})`}>
                Reached the device <span className="muted">{formatAgo(last.at, now)}</span>
              </span>
            ) : (
              <span className="warn-text" title={formatTime(last.at)}>
                {last.message} <span className="muted">({formatAgo(last.at, now)})</span>
              </span>
            )}
          </dd>
        </div>
      </dl>
      <div className="cr-buttons">
        <button type="button" className="small-button" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          Enter credentials…
        </button>
        <button
          type="button"
          className="small-button"
          disabled={settingThem}
          title="DeskACS writes a new username and password to the device, and uses them once the device accepts them"
          onClick={() => void actions.runTask('Setting connection-request credentials', { name: 'setConnectionRequestCredentials' })}
        >
          {settingThem ? 'Setting them…' : 'Let DeskACS set them'}
        </button>
        <Link to="?tab=reach" className="cr-reach-link" title="Why DeskACS can or cannot wake this device (NAT, STUN), and what to change">
          Reachability…
        </Link>
      </div>
      {editing && (
        <CredentialsForm deviceId={device.id} username={state.credentials === 'device' ? state.username : ''} onTest={actions.wake} />
      )}
    </div>
  );
}

function CredentialsForm({ deviceId, username, onTest }: { deviceId: string; username: string; onTest(): Promise<void> }) {
  const [user, setUser] = useState(username);
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const save = useApiMutation('setDeviceCredentials', ['getDeviceSummary', 'getDeviceCredentials']);
  const id = useId();
  return (
    <form
      className="cr-form"
      aria-label="The device's connection-request credentials"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id: deviceId, username: user, password });
      }}
    >
      <p className="muted small">
        The username and password the device itself expects (as configured on it, or given by its vendor or ISP).
      </p>
      <div className="cr-fields">
        <label htmlFor={`${id}-user`}>Username</label>
        <input id={`${id}-user`} type="text" autoComplete="off" spellCheck={false} value={user} onChange={(e) => setUser(e.target.value)} />
        <label htmlFor={`${id}-pw`}>Password</label>
        <span className="secret-input">
          <input
            id={`${id}-pw`}
            type={shown ? 'text' : 'password'}
            autoComplete="new-password"
            spellCheck={false}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button
            type="button"
            aria-pressed={shown}
            aria-label={`${shown ? 'Hide' : 'Show'} the password`}
            onClick={() => setShown((s) => !s)}
          >
            {shown ? 'Hide' : 'Show'}
          </button>
        </span>
      </div>
      <div className="cr-save">
        <button type="submit" className="primary" disabled={save.isPending || user.trim() === ''}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        {save.isSuccess && (
          <span role="status">
            Saved; connection requests use them now.{' '}
            <button type="button" className="link-button" onClick={() => void onTest()}>
              Test with a connection request
            </button>
          </span>
        )}
        {save.isError && (
          <span role="alert" className="alert-inline">
            {errorText(save.error)}
          </span>
        )}
      </div>
    </form>
  );
}
