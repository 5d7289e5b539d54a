// Which columns the list shows: the operator's choice (kept in localStorage), or until they
// choose, a default for the window's width (1024 px windows hide the less used columns so the
// page never scrolls sideways).
import { useCallback, useSyncExternalStore } from 'react';
import { type Column, type ColumnId, columns, isColumnId } from './columns.tsx';

const storageKey = 'deskacs.devices.columns';
const wideQuery = '(min-width: 1200px)';

function readStored(): ColumnId[] | null {
  try {
    const raw = window.localStorage.getItem(storageKey);
    if (raw === null) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return null;
    return parsed.filter((id): id is ColumnId => typeof id === 'string' && isColumnId(id));
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();
let cached: { raw: string | null; ids: ColumnId[] | null } | null = null;

function storedSnapshot(): ColumnId[] | null {
  const raw = window.localStorage.getItem(storageKey);
  if (cached === null || cached.raw !== raw) cached = { raw, ids: readStored() };
  return cached.ids;
}

function subscribeStored(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent): void => {
    if (e.key === storageKey) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function subscribeWidth(listener: () => void): () => void {
  const mq = window.matchMedia(wideQuery);
  mq.addEventListener('change', listener);
  return () => mq.removeEventListener('change', listener);
}

function save(ids: ColumnId[] | null): void {
  if (ids === null) window.localStorage.removeItem(storageKey);
  else window.localStorage.setItem(storageKey, JSON.stringify(ids));
  for (const l of listeners) l();
}

export interface ColumnChoice {
  /** The shown columns, in the table's order. */
  visible: Column[];
  /** True when the operator chose (false: the width's default). */
  chosen: boolean;
  toggle(id: ColumnId): void;
  reset(): void;
}

export function useColumns(): ColumnChoice {
  const stored = useSyncExternalStore(subscribeStored, storedSnapshot);
  const wide = useSyncExternalStore(subscribeWidth, () => window.matchMedia(wideQuery).matches);
  const shown = new Set<ColumnId>(stored ?? columns.filter((c) => (wide ? c.wide : c.narrow)).map((c) => c.id));
  const visible = columns.filter((c) => shown.has(c.id));
  const ids = visible.map((c) => c.id).join(',');
  const toggle = useCallback(
    (id: ColumnId) => {
      const current = new Set(ids.split(',').filter(isColumnId));
      if (current.has(id)) current.delete(id);
      else current.add(id);
      // At least one column stays, so a row always says which device it is.
      if (current.size === 0) return;
      save(columns.filter((c) => current.has(c.id)).map((c) => c.id));
    },
    [ids],
  );
  const reset = useCallback(() => save(null), []);
  return { visible, chosen: stored !== null, toggle, reset };
}
