// One backup's content: an uploaded text file in a monospace block that scrolls inside the dialog,
// a snapshot's values as a table (filterable: a TR-181 device holds hundreds), a binary file as
// its size and SHA-256.
import { useState } from 'react';
import type { Backup, BackupContent } from '../../../../../shared/models-backups.ts';
import { useApiQuery } from '../../../api/queries.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { CopyButton } from '../../../components/CopyButton.tsx';
import { QueryView } from '../../../components/QueryView.tsx';
import { formatTime } from '../../../lib/format.ts';
import { PathText } from '../PathText.tsx';
import { contentWords, kindWords } from './backup-words.ts';
import { ScrollBlock } from './ScrollBlock.tsx';
import { RevealSecrets, shownValue } from './secrets.tsx';
import { isSecretPath } from '../tree/tree-model.ts';

export function BackupViewDialog({ backup, onClose }: { backup: Backup; onClose(): void }) {
  const content = useApiQuery('getBackup', { backupId: backup.id });
  return (
    <ConfirmDialog
      open
      className="dialog-wide"
      title={`${kindWords(backup)} of ${formatTime(backup.createdAt)}`}
      confirmLabel="Close"
      cancelLabel={null}
      onConfirm={onClose}
      onCancel={onClose}
    >
      <p className="muted small">
        {contentWords(backup)}
        {backup.softwareVersion === '' ? '' : ` · software ${backup.softwareVersion}`}
        {backup.label === '' ? '' : ` · “${backup.label}”`}
      </p>
      <QueryView query={content} loading="Loading the backup…">
        {(c) => <Content content={c} />}
      </QueryView>
    </ConfirmDialog>
  );
}

function Content({ content: c }: { content: BackupContent }) {
  if (c.values !== null) return <Values values={c.values} />;
  if (c.text !== null) {
    return (
      <ScrollBlock label="File content" className="backup-text">
        <pre data-testid="backup-text">{c.text}</pre>
      </ScrollBlock>
    );
  }
  return (
    <dl className="kv backup-binary">
      <div>
        <dt>Binary file</dt>
        <dd>
          {c.backup.size.toLocaleString()} bytes{c.backup.fileType === '' ? '' : ` (${c.backup.fileType})`}
        </dd>
      </div>
      <div>
        <dt>SHA-256</dt>
        <dd className="backup-sha">
          <span className="mono wrap-anywhere">{c.backup.sha256}</span> <CopyButton value={c.backup.sha256} what="SHA-256" />
        </dd>
      </div>
    </dl>
  );
}

function Values({ values }: { values: [string, string, string][] }) {
  const [filter, setFilter] = useState('');
  const [reveal, setReveal] = useState(false);
  const secrets = values.filter(([name, value]) => value !== '' && isSecretPath(name)).length;
  const q = filter.trim().toLowerCase();
  const shown =
    q === ''
      ? values
      : values.filter(([name, value]) => name.toLowerCase().includes(q) || shownValue(name, value, reveal).toLowerCase().includes(q));
  return (
    <>
      <label className="backup-filter">
        <span>Filter</span>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Parameter or value" />
        <span className="muted small" aria-live="polite">
          {shown.length === values.length ? `${values.length} values` : `${shown.length} of ${values.length} values`}
        </span>
      </label>
      <RevealSecrets count={secrets} reveal={reveal} onChange={setReveal} />
      <ScrollBlock label="Values in the snapshot">
        <table className="table compact backup-values">
          <caption className="sr-only">Values in the snapshot</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Value</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(([name, value, type]) => (
              <tr key={name}>
                <td className="mono path-cell">
                  <PathText path={name} />
                </td>
                <td className="mono wrap-anywhere">
                  {value === '' ? <span className="muted">(empty)</span> : shownValue(name, value, reveal)}
                </td>
                <td className="muted small nowrap">{type.replace(/^xsd:/, '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBlock>
    </>
  );
}
