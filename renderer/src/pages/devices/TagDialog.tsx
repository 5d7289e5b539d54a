// Put tags on the selected devices, or take them off ("tower-3, vip"): one request for the whole
// selection, the outcome in numbers.
import { useId, useState } from 'react';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useToasts } from '../../components/Toasts.tsx';
import { errorText } from '../../lib/format.ts';
import type { BulkTarget } from './BulkDialogs.tsx';
import { devicesText } from './words.ts';

/** "a, b ,, c" -> ['a', 'b', 'c'], without repeats. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== ''),
    ),
  ];
}

export interface TagDialogProps {
  mode: 'add' | 'remove';
  target: BulkTarget;
  onClose(): void;
}

export function TagDialog({ mode, target, onClose }: TagDialogProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const listId = useId();
  const toasts = useToasts();
  const known = useApiQuery('listTags', {}, { retry: false });
  const tag = useApiMutation('tagDevices', ['listDevices', 'listTags', 'getOverview']);
  const tags = parseTags(text);
  const verb = mode === 'add' ? 'Tag' : 'Untag';
  const confirm = async (): Promise<void> => {
    setError(null);
    try {
      const r = await tag.mutateAsync(
        mode === 'add' ? { selection: target.selection, add: tags } : { selection: target.selection, remove: tags },
      );
      const changed = mode === 'add' ? `${r.added.toLocaleString()} tags added` : `${r.removed.toLocaleString()} tags removed`;
      toasts.show(`${verb}: ${tags.join(', ')} on ${devicesText(r.devices)} (${changed}).`, 'ok');
      onClose();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`${verb} ${devicesText(target.count)}`}
      confirmLabel={`${verb} ${devicesText(target.count)}`}
      busy={tag.isPending}
      confirmDisabled={tags.length === 0}
      onCancel={onClose}
      onConfirm={() => void confirm()}
    >
      <label className="form-grid">
        <span>{mode === 'add' ? 'Tags to add' : 'Tags to remove'}</span>
        <input
          type="text"
          list={listId}
          value={text}
          placeholder="tower-3, vip"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <datalist id={listId}>
        {(known.data ?? []).map((t) => (
          <option key={t.tag} value={t.tag} />
        ))}
      </datalist>
      <p className="muted">Separate tags with commas. Letters, digits, spaces and _ . : @ + - (at most 40 characters each).</p>
      {error !== null && (
        <p className="alert" role="alert">
          {errorText(error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
