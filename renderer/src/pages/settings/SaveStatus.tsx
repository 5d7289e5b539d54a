import type { Outcome } from './use-outcome.ts';

/**
 * The outcome of a save, beside its button: "Saved …" (announced politely), or a failure that
 * names no field (announced at once). A failure that names a field is shown by that field.
 */
export function SaveStatus({ outcome }: { outcome: Outcome | null }) {
  if (outcome?.kind === 'error' && outcome.field === null) {
    return (
      <p className="save-status error" role="alert">
        {outcome.text}
      </p>
    );
  }
  return (
    <p className="save-status ok" role="status">
      {outcome?.kind === 'saved' ? outcome.text : ''}
    </p>
  );
}
