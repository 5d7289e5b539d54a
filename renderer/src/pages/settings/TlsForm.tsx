// CWMP over HTTPS saved in Settings: the port (empty: off) and, optionally, the operator's own
// certificate and key files. Saved settings apply when DeskACS next starts; what runs now, and
// why saved settings did not start, are told beside the form.
import { useState } from 'react';
import type { CwmpTlsSettings } from '../../../../shared/models-reach.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { Field } from './Field.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { useOutcome } from './use-outcome.ts';

const fields = ['port', 'certPath', 'keyPath', 'certificate'] as const;

interface Draft {
  port: string;
  certPath: string;
  keyPath: string;
}

const draftOf = (s: CwmpTlsSettings): Draft => ({
  port: s.port === null ? '' : String(s.port),
  certPath: s.certPath ?? '',
  keyPath: s.keyPath ?? '',
});

export function TlsSettings() {
  const settings = useApiQuery('getCwmpTlsSettings', {});
  return <QueryView query={settings}>{(data) => <TlsForm saved={data} />}</QueryView>;
}

function TlsForm({ saved }: { saved: CwmpTlsSettings }) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const d = draft ?? draftOf(saved);
  const outcome = useOutcome(fields);
  const save = useApiMutation('setCwmpTlsSettings', ['getCwmpTlsSettings', 'serverInfo']);
  const edit = (change: Partial<Draft>): void => {
    setDraft({ ...d, ...change });
    outcome.clear();
  };
  const submit = (): void => {
    const port = d.port.trim() === '' ? null : Number(d.port);
    const own = d.certPath.trim() !== '' || d.keyPath.trim() !== '';
    save.mutate(
      {
        port: Number.isNaN(port) ? Number.NaN : port,
        ...(own ? { certPath: d.certPath.trim(), keyPath: d.keyPath.trim() } : { certPath: null, keyPath: null }),
      },
      {
        onSuccess: (s) => {
          setDraft(null);
          outcome.saved(s.port === null ? 'Saved: HTTPS off.' : `Saved: HTTPS on port ${s.port}.`);
        },
        onError: (err) => outcome.failed(err),
      },
    );
  };
  return (
    <form
      className="settings-form"
      noValidate
      aria-label="CWMP over HTTPS"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {saved.startError !== null && (
        <p className="note warn" role="alert">
          HTTPS did not start with the saved settings: {saved.startError}
        </p>
      )}
      {saved.source === 'command-line' && (
        <p className="muted small">Running with the command line's --tls-port, which takes precedence over these settings.</p>
      )}
      <div className="field-row">
        <Field
          label="HTTPS port"
          error={outcome.fieldError('port')}
          hint="Empty: off. 7548 is usual; CPEs then use https://this-computer:7548/"
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              className="num"
              value={d.port}
              onChange={(e) => edit({ port: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field
          label="Certificate file (PEM)"
          error={outcome.fieldError('certPath') ?? outcome.fieldError('certificate')}
          hint="Optional: your own; empty: DeskACS's local CA signs one"
        >
          {(p) => (
            <input
              {...p}
              type="text"
              value={d.certPath}
              placeholder="/path/to/fullchain.pem"
              onChange={(e) => edit({ certPath: e.target.value })}
            />
          )}
        </Field>
        <Field label="Key file (PEM)" error={outcome.fieldError('keyPath')} hint="The certificate's private key">
          {(p) => (
            <input
              {...p}
              type="text"
              value={d.keyPath}
              placeholder="/path/to/privkey.pem"
              onChange={(e) => edit({ keyPath: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isPending || draft === null}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <SaveStatus outcome={outcome.outcome} />
      </div>
      {saved.restartNeeded && (
        <p className="note" role="status">
          Saved settings apply when DeskACS next starts (quit and open it again).
        </p>
      )}
    </form>
  );
}
