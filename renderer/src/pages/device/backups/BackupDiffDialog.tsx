// What changed between two backups (older → newer), or between a snapshot and the values stored
// now: parameters as a table (name, before, after) with the added, removed and changed counts;
// uploaded text files as a unified diff whose lines carry + and − markers as well as colour.
import { useState } from 'react';
import type { BackupDiff, DiffLine, ParameterChange } from '../../../../../shared/models-backups.ts';
import { useApiQuery } from '../../../api/queries.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { QueryView } from '../../../components/QueryView.tsx';
import { formatTime } from '../../../lib/format.ts';
import { PathText } from '../PathText.tsx';
import type { CompareChoice } from './backup-words.ts';
import { ScrollBlock } from './ScrollBlock.tsx';
import { RevealSecrets, shownValue } from './secrets.tsx';
import { isSecretPath } from '../tree/tree-model.ts';

export function BackupDiffDialog({ choice, onClose }: { choice: Exclude<CompareChoice, { kind: 'none' }>; onClose(): void }) {
  const args = choice.kind === 'pair' ? { backupId: choice.from.id, to: choice.to.id } : { backupId: choice.from.id };
  const diff = useApiQuery('diffBackups', args, { staleTime: 0 });
  const from = formatTime(choice.from.createdAt);
  const to = choice.kind === 'pair' ? formatTime(choice.to.createdAt) : 'now';
  return (
    <ConfirmDialog
      open
      className="dialog-wide"
      title={choice.kind === 'pair' ? `Changes from ${from} to ${to}` : `Changes since the snapshot of ${from}`}
      confirmLabel="Close"
      cancelLabel={null}
      onConfirm={onClose}
      onCancel={onClose}
    >
      <QueryView query={diff} loading="Comparing…">
        {(d) => <DiffBody diff={d} />}
      </QueryView>
    </ConfirmDialog>
  );
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}

function DiffBody({ diff: d }: { diff: BackupDiff }) {
  if (d.kind === 'binary') {
    return (
      <p className="note" data-testid="backup-diff-summary">
        {d.identical
          ? 'The two files are identical (same SHA-256).'
          : 'The two binary files differ; their content cannot be compared line by line.'}
      </p>
    );
  }
  if (d.kind === 'parameters') {
    const none = d.changes.length === 0;
    return (
      <>
        <Counts
          items={[
            ['changed', `${d.changed.toLocaleString()} changed`],
            ['added', `${d.added.toLocaleString()} added`],
            ['removed', `${d.removed.toLocaleString()} removed`],
          ]}
          tail={d.to === 'now' ? 'compared with the values DeskACS holds now' : undefined}
        />
        {none ? <p className="empty-inline muted">No differences: every value is the same.</p> : <ChangeTable changes={d.changes} />}
      </>
    );
  }
  return (
    <>
      <Counts
        items={[
          ['added', `${plural(d.added, 'line')} added`],
          ['removed', `${plural(d.removed, 'line')} removed`],
        ]}
      />
      {d.truncated && <p className="note warn small">The files are long: only their first part was compared.</p>}
      {d.added + d.removed === 0 ? (
        <p className="empty-inline muted">No differences: the files have the same lines.</p>
      ) : (
        <TextDiff lines={d.lines} />
      )}
    </>
  );
}

/** "+ 2 added", "− 1 removed": each count with its marker, never colour alone. */
function Counts({ items, tail }: { items: [key: 'added' | 'removed' | 'changed', words: string][]; tail?: string }) {
  return (
    <p className="diff-counts" data-testid="backup-diff-summary">
      {items.map(([key, words]) => (
        <span key={key} className={`diff-count diff-${key}${/^0\b/.test(words) ? ' zero' : ''}`} data-n={key}>
          <span aria-hidden="true">{key === 'added' ? '+' : key === 'removed' ? '−' : '~'}</span> {words}
        </span>
      ))}
      {tail !== undefined && <span className="muted small">{tail}</span>}
    </p>
  );
}

function ChangeTable({ changes }: { changes: ParameterChange[] }) {
  const [reveal, setReveal] = useState(false);
  const secrets = changes.filter((c) => isSecretPath(c.name) && (c.before ?? '') + (c.after ?? '') !== '').length;
  const shown = (name: string, value: string): React.ReactNode =>
    value === '' ? <span className="muted">(empty)</span> : shownValue(name, value, reveal);
  return (
    <>
      <RevealSecrets count={secrets} reveal={reveal} onChange={setReveal} />
      <ScrollBlock label="Parameters that differ">
        <table className="table compact diff-table">
          <caption className="sr-only">Parameters that differ</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Change</span>
              </th>
              <th scope="col">Parameter</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => {
              const op = c.before === null ? 'added' : c.after === null ? 'removed' : 'changed';
              return (
                <tr key={c.name} className={`diff-${op}`}>
                  <td className="diff-op" title={op}>
                    <span aria-hidden="true">{op === 'added' ? '+' : op === 'removed' ? '−' : '~'}</span>
                    <span className="sr-only">{op}</span>
                  </td>
                  <td className="mono path-cell">
                    <PathText path={c.name} />
                  </td>
                  <td className="mono wrap-anywhere diff-before">
                    {c.before === null ? <span className="muted">(absent)</span> : shown(c.name, c.before)}
                  </td>
                  <td className="mono wrap-anywhere diff-after">
                    {c.after === null ? <span className="muted">(absent)</span> : shown(c.name, c.after)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBlock>
    </>
  );
}

/** The core's stand-in for a long unchanged run ("… 147 unchanged lines …"). */
const gap = /^… \d+ unchanged lines? …$/;

const marks: Record<DiffLine['op'], string> = { same: ' ', added: '+', removed: '−' };

function TextDiff({ lines }: { lines: DiffLine[] }) {
  return (
    <ScrollBlock label="Line differences">
      <pre className="text-diff" data-testid="text-diff">
        {lines.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one diff, in a fixed order
          <span key={i} className={`diff-line diff-${l.op}${l.op === 'same' && gap.test(l.text) ? ' diff-gap' : ''}`} data-op={l.op}>
            <span className="diff-mark" aria-hidden="true">
              {marks[l.op]}
            </span>
            <span className="sr-only">{l.op === 'same' ? '' : `${l.op}: `}</span>
            {l.text}
            {'\n'}
          </span>
        ))}
      </pre>
    </ScrollBlock>
  );
}
