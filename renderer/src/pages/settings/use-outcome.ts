// What a save did, kept for the form that made it: "Saved" beside the button, or the server's
// message beside the field it names (the core's messages name their field: 'days' must be ...,
// The CPE username must not ...), or beside the button when it names none.
import { useCallback, useMemo, useState } from 'react';
import { errorText } from '../../lib/format.ts';

export type Outcome = { kind: 'saved'; text: string } | { kind: 'error'; text: string; field: string | null };

/** The first of `fields` the message names ('days', or the word days), by position in the message. */
export function fieldOf(message: string, fields: readonly string[]): string | null {
  let best: { field: string; at: number } | null = null;
  for (const field of fields) {
    const quoted = message.indexOf(`'${field}'`);
    const word = new RegExp(`\\b${field}\\b`, 'i').exec(message)?.index ?? -1;
    const at = quoted >= 0 ? quoted : word;
    if (at >= 0 && (best === null || at < best.at)) best = { field, at };
  }
  return best?.field ?? null;
}

export interface OutcomeState {
  outcome: Outcome | null;
  saved(text: string): void;
  failed(err: unknown): void;
  /** The message for this field, when the last failure named it. */
  fieldError(field: string): string | undefined;
  clear(): void;
}

const noFields: readonly string[] = [];

/** `fields`: the form's field names, a module constant (its identity keeps callbacks stable). */
export function useOutcome(fields: readonly string[] = noFields): OutcomeState {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const saved = useCallback((text: string) => setOutcome({ kind: 'saved', text }), []);
  const failed = useCallback(
    (err: unknown) => {
      const text = errorText(err);
      setOutcome({ kind: 'error', text, field: fieldOf(text, fields) });
    },
    [fields],
  );
  const clear = useCallback(() => setOutcome(null), []);
  return useMemo(
    () => ({
      outcome,
      saved,
      failed,
      clear,
      fieldError: (field: string) => (outcome?.kind === 'error' && outcome.field === field ? outcome.text : undefined),
    }),
    [outcome, saved, failed, clear],
  );
}
