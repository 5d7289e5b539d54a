// The JSON API's bearer token (browser mode, scripts, billing integrations): read, copy, and
// regenerate behind a dialog. After regenerating, this tab switches to the new token itself.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { apiKey, useApiQuery } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useToasts } from '../../components/Toasts.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { SecretValue } from './SecretValue.tsx';
import { SettingsSection } from './SettingsSection.tsx';
import { useOutcome } from './use-outcome.ts';

export function ApiTokenSection() {
  const client = useClient();
  const token = useApiQuery('getApiToken', {});
  const queryClient = useQueryClient();
  // The new token is taken into use as soon as the core answers, before anything else is
  // fetched: a refetch with the old token would be refused and sign this tab out.
  const regenerate = useMutation({
    mutationFn: async () => {
      const next = await client.call('regenerateApiToken', {});
      if (client.transport === 'http') client.setToken(next.token);
      queryClient.setQueryData(apiKey('getApiToken', {}), next);
      return next;
    },
  });
  const toasts = useToasts();
  const outcome = useOutcome();
  const [confirming, setConfirming] = useState(false);
  return (
    <SettingsSection
      id="api-token"
      intro={
        <>
          Programs and browser tabs that use the JSON API send this token: <code>Authorization: Bearer &lt;token&gt;</code>. Treat it like a
          password.
        </>
      }
    >
      {token.isPending && <p className="muted">Loading…</p>}
      {token.isError && <ErrorAlert error={token.error} onRetry={() => void token.refetch()} />}
      {token.data !== undefined && (
        <dl className="kv">
          <div>
            <dt>API token</dt>
            <dd>
              <SecretValue value={token.data.token} what="API token" />
            </dd>
          </div>
        </dl>
      )}
      <div className="form-actions">
        <button type="button" className="danger-outline" disabled={regenerate.isPending} onClick={() => setConfirming(true)}>
          Regenerate token…
        </button>
        <SaveStatus outcome={outcome.outcome} />
      </div>
      <ConfirmDialog
        open={confirming}
        title="Regenerate the API token?"
        confirmLabel="Regenerate token"
        danger
        busy={regenerate.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          regenerate.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              outcome.saved('New token in use. Give it to every API client and browser tab that used the old one.');
              toasts.show('API token regenerated; the old one no longer works.', 'ok');
            },
            onError: (err) => {
              setConfirming(false);
              outcome.failed(err);
            },
          })
        }
      >
        <p>
          The current token stops working at once. Every API client (scripts, billing integrations) and every open browser tab must then be
          given the new one.
        </p>
        <p>
          {client.transport === 'http'
            ? 'This tab switches to the new token by itself.'
            : 'The desktop app does not use the token and keeps working.'}
        </p>
      </ConfirmDialog>
    </SettingsSection>
  );
}
