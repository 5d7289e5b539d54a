// Browser mode: the JSON API needs its token. `serve` prints a link that carries it
// (#token=...); without that link, the token is pasted here and checked before it is kept.
import { useId, useState } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { errorText } from '../lib/format.ts';
import '../styles/login.css';

export function LoginPage({ client, hadToken, onSignedIn }: { client: ApiClient; hadToken: boolean; onSignedIn(): void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(hadToken ? 'The saved API token was refused; it may have been regenerated.' : null);
  const [busy, setBusy] = useState(false);
  const fieldId = useId();
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const value = token.trim();
    if (value === '') {
      setError('Enter the API token.');
      return;
    }
    setBusy(true);
    setError(null);
    const previous = client.token();
    client.setToken(value);
    try {
      await client.call('serverInfo', {});
      onSignedIn();
    } catch (err) {
      client.setToken(previous);
      setError(
        err instanceof Error && 'code' in err && err.code === 'unauthorized'
          ? 'That token was refused. Copy it again from the server.'
          : errorText(err),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form className="login-card" onSubmit={(e) => void submit(e)} aria-labelledby={`${fieldId}-title`}>
        <h1 id={`${fieldId}-title`}>DeskACS</h1>
        <p className="muted">
          Sign in with the API token. <code>npm run serve</code> prints it at start and keeps it in{' '}
          <code>&lt;data folder&gt;/api-token</code>; the link it prints signs you in directly.
        </p>
        <label htmlFor={fieldId}>API token</label>
        <input
          id={fieldId}
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the page has this one field and nothing else to do
          autoFocus
        />
        {error !== null && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
