import { useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { useApi } from './use-api.ts';

const noArgs = {};

/** What an installer types into a CPE: the ACS URL and the credentials DeskACS expects. */
export function CpeSetup({ client, urls }: { client: ApiClient; urls: string[] }) {
  const [open, setOpen] = useState(false);
  const [reveal, setReveal] = useState(false);
  const auth = useApi(client, 'getCpeAuth', open ? noArgs : null, 0);
  return (
    <details className="cpe-setup" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Connect a CPE</summary>
      <dl>
        <dt>ACS URL</dt>
        {urls.map((u) => (
          <dd key={u} className="mono">
            {u}
          </dd>
        ))}
        {auth.data !== null && auth.data.mode !== 'none' && (
          <>
            <dt>Authentication</dt>
            <dd>{auth.data.mode === 'digest' ? 'HTTP Digest' : 'HTTP Basic'}</dd>
            <dt>Username</dt>
            <dd className="mono">{auth.data.username}</dd>
            <dt>Password</dt>
            <dd className="mono">
              {reveal ? auth.data.password : '••••••••'}{' '}
              <button type="button" onClick={() => setReveal((r) => !r)}>
                {reveal ? 'Hide' : 'Show'}
              </button>
            </dd>
          </>
        )}
        {auth.data?.mode === 'none' && (
          <>
            <dt>Authentication</dt>
            <dd className="error">none: any device may connect</dd>
          </>
        )}
        {auth.error !== null && <dd className="error">{auth.error}</dd>}
      </dl>
    </details>
  );
}
