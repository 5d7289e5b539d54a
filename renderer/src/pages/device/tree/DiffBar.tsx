// The pending changes as a diff: "2 changes: SSID 'old' -> 'new', ..." with Review (every change
// with its full path, each removable), Discard and Apply. Apply sends them as ONE task; it is
// refused here while a value is still being checked or the core refused one.
import { useId, useState } from 'react';
import { isSecretPath, shortNameOf } from './tree-model.ts';
import { secretMask } from './tree-values.ts';
import type { PendingEdit } from './use-pending-edits.ts';

export interface DiffBarProps {
  edits: PendingEdit[];
  ready: boolean;
  invalid: number;
  applying: boolean;
  onApply(): void;
  onDiscard(): void;
  onRemove(path: string): void;
  onShow(path: string): void;
}

const shown = (path: string, value: string | null): string => (isSecretPath(path) && (value ?? '') !== '' ? secretMask : (value ?? ''));

function Change({ edit }: { edit: PendingEdit }) {
  return (
    <>
      <span className="ptree-diff-name">{shortNameOf(edit.path)}</span> <q className="ptree-diff-old">{shown(edit.path, edit.original)}</q>
      <span aria-hidden="true"> → </span>
      <span className="sr-only"> changes to </span>
      <q className="ptree-diff-new">{shown(edit.path, edit.value)}</q>
    </>
  );
}

export function DiffBar({ edits, ready, invalid, applying, onApply, onDiscard, onRemove, onShow }: DiffBarProps) {
  const [review, setReview] = useState(false);
  const listId = useId();
  if (edits.length === 0) return null;
  const n = edits.length;
  const checking = edits.some((e) => e.check.state === 'checking');
  const note = invalid > 0 ? `${invalid} refused: fix or remove ${invalid === 1 ? 'it' : 'them'}` : checking ? 'checking…' : null;
  return (
    <section className="ptree-diff" aria-label="Pending changes">
      <div className="ptree-diff-line">
        <p className="ptree-diff-summary">
          <strong>
            {n} change{n === 1 ? '' : 's'}:
          </strong>{' '}
          {edits.slice(0, 2).map((e, i) => (
            <span key={e.path}>
              {i > 0 && ', '}
              <Change edit={e} />
            </span>
          ))}
          {n > 2 && <span className="muted"> and {n - 2} more</span>}
          {note !== null && <span className={invalid > 0 ? 'alert-inline' : 'muted'}> · {note}</span>}
        </p>
        <div className="ptree-diff-actions">
          <button type="button" aria-expanded={review} aria-controls={listId} onClick={() => setReview(!review)}>
            Review
          </button>
          <button type="button" onClick={onDiscard} disabled={applying}>
            Discard
          </button>
          <button type="button" className="primary" disabled={!ready || applying} onClick={onApply}>
            {applying ? 'Applying…' : 'Apply'}
          </button>
        </div>
      </div>
      {review && (
        <ul id={listId} className="ptree-diff-list">
          {edits.map((e) => (
            <li key={e.path} className={e.check.state === 'bad' ? 'bad' : undefined}>
              <button type="button" className="link-button mono" title="Show in the tree" onClick={() => onShow(e.path)}>
                {e.path}
              </button>
              <span className="ptree-diff-values">
                <q className="ptree-diff-old">{shown(e.path, e.original)}</q> → <q className="ptree-diff-new">{shown(e.path, e.value)}</q>
              </span>
              {e.check.state === 'bad' && <span className="alert-inline">{e.check.message}</span>}
              <button type="button" className="icon-button" aria-label={`Remove the change of ${e.path}`} onClick={() => onRemove(e.path)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
