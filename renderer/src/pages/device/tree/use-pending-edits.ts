// Pending edits of the tree: the values typed but not yet sent, each checked by the core
// (checkValues, debounced) as it is typed. They live outside the rows, so collapsing or
// scrolling a row away keeps its edit, and per device for the page's life, so leaving the tab
// and coming back keeps them too. Apply sends them all as one task (ParameterTree).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from '../../../api/client-context.tsx';
import { errorText } from '../../../lib/format.ts';
import { sameValue } from './tree-values.ts';

export type CheckState =
  | { state: 'checking' }
  | { state: 'ok'; sent: string }
  | { state: 'bad'; message: string }
  /** The check itself failed (the core unreachable): the task is checked again when queued. */
  | { state: 'unchecked'; message: string };

export interface PendingEdit {
  path: string;
  value: string;
  /** The stored value when the edit began. */
  original: string | null;
  type: string | null;
  check: CheckState;
}

export interface PendingEdits {
  edits: ReadonlyMap<string, PendingEdit>;
  list: PendingEdit[];
  /** Sets (or, back to the stored value, drops) the edit of a parameter. */
  set(path: string, value: string, original: string | null, type: string | null): void;
  remove(path: string): void;
  discard(): void;
  /** Drops the edits the device confirmed (those still holding the value that was sent). */
  confirmed(values: readonly (readonly [string, string])[]): void;
  /** Every edit checked and accepted (or not checkable now), none still checking. */
  ready: boolean;
  invalid: number;
}

export const checkDelayMs = 250;

const kept = new Map<string, Map<string, PendingEdit>>();

export function usePendingEdits(deviceId: string): PendingEdits {
  const client = useClient();
  const [edits, setEdits] = useState<Map<string, PendingEdit>>(() => kept.get(deviceId) ?? new Map());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  useEffect(() => {
    kept.set(deviceId, edits);
  }, [deviceId, edits]);

  const check = useCallback(
    (path: string, value: string) => {
      const all = timers.current;
      clearTimeout(all.get(path));
      all.set(
        path,
        setTimeout(() => {
          all.delete(path);
          const settle = (state: CheckState): void =>
            setEdits((prev) => {
              const e = prev.get(path);
              // An answer about a value no longer typed is dropped.
              if (e === undefined || e.value !== value) return prev;
              return new Map(prev).set(path, { ...e, check: state });
            });
          client.call('checkValues', { id: deviceId, values: [[path, value]] }).then(
            (r) => {
              const v = r.find((c) => c.path === path) ?? r[0];
              if (v === undefined) settle({ state: 'unchecked', message: 'the core gave no verdict' });
              else if (v.ok) settle({ state: 'ok', sent: v.value ?? value });
              else settle({ state: 'bad', message: v.message ?? 'refused' });
            },
            (err: unknown) => settle({ state: 'unchecked', message: errorText(err) }),
          );
        }, checkDelayMs),
      );
    },
    [client, deviceId],
  );

  // Edits kept from an earlier visit whose check never finished are checked again.
  const recheck = useRef(edits);
  useEffect(() => {
    for (const e of recheck.current.values()) if (e.check.state === 'checking') check(e.path, e.value);
  }, [check]);
  useEffect(() => {
    const all = timers.current;
    return () => {
      for (const t of all.values()) clearTimeout(t);
    };
  }, []);

  const set = useCallback(
    (path: string, value: string, original: string | null, type: string | null) => {
      const back = sameValue(type, value, original);
      setEdits((prev) => {
        const next = new Map(prev);
        if (back) next.delete(path);
        else next.set(path, { path, value, original: prev.get(path)?.original ?? original, type, check: { state: 'checking' } });
        return next;
      });
      if (back) clearTimeout(timers.current.get(path));
      else check(path, value);
    },
    [check],
  );
  const remove = useCallback((path: string) => {
    clearTimeout(timers.current.get(path));
    setEdits((prev) => {
      const next = new Map(prev);
      next.delete(path);
      return next;
    });
  }, []);
  const discard = useCallback(() => {
    for (const t of timers.current.values()) clearTimeout(t);
    timers.current.clear();
    setEdits(new Map());
  }, []);
  const confirmed = useCallback((values: readonly (readonly [string, string])[]) => {
    setEdits((prev) => {
      const next = new Map(prev);
      for (const [path, value] of values) if (next.get(path)?.value === value) next.delete(path);
      return next;
    });
  }, []);

  return useMemo(() => {
    const list = [...edits.values()];
    const invalid = list.filter((e) => e.check.state === 'bad').length;
    const ready = list.length > 0 && list.every((e) => e.check.state === 'ok' || e.check.state === 'unchecked');
    return { edits, list, set, remove, discard, confirmed, ready, invalid };
  }, [edits, set, remove, discard, confirmed]);
}
