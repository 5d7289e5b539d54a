// What the tree shows: the open objects, the search and its matches (revealed by opening their
// ancestors for as long as the search lasts), the current match and the active row. Kept per
// device for the page's life, so leaving the Parameters tab and coming back finds the same view.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  flattenVisible,
  type ParameterTreeModel,
  parentPathOf,
  type SearchResult,
  searchTree,
  type TreeNode,
  type VisibleRow,
} from './tree-model.ts';

interface Kept {
  expanded: Set<string>;
  query: string;
  active: string | null;
}

const kept = new Map<string, Kept>();
const defaultOpen = ['Device.', 'InternetGatewayDevice.'];

export interface TreeViewState {
  rows: VisibleRow[];
  indexOf: ReadonlyMap<string, number>;
  isOpen(path: string): boolean;
  toggle(path: string): void;
  /** Opens every object above a path (and the object itself when `self`). */
  reveal(path: string, self?: boolean): void;
  collapseAll(): void;
  query: string;
  setQuery(q: string): void;
  search: SearchResult;
  matchSet: ReadonlySet<TreeNode>;
  current: TreeNode | null;
  currentIndex: number;
  jump(by: 1 | -1): void;
  activePath: string | null;
  select(path: string): void;
}

/** `aliases`: path -> common-setting words, so 'wifi.ssid' or 'Wi-Fi name' finds the parameter. */
export function useTreeView(deviceId: string, model: ParameterTreeModel, aliases?: ReadonlyMap<string, string>): TreeViewState {
  const saved = kept.get(deviceId);
  const [expanded, setExpanded] = useState<Set<string>>(() => saved?.expanded ?? new Set(defaultOpen));
  const [query, setQueryState] = useState(saved?.query ?? '');
  // Objects closed by hand during a search, though a match lies under them.
  const [closed, setClosed] = useState<Set<string>>(() => new Set());
  const [activePath, setActivePath] = useState<string | null>(saved?.active ?? null);
  const [matchIndex, setMatchIndex] = useState(0);

  useEffect(() => {
    kept.set(deviceId, { expanded, query, active: activePath });
  }, [deviceId, expanded, query, activePath]);

  const search = useMemo(() => searchTree(model, query, aliases), [model, query, aliases]);
  const searching = query.trim() !== '';
  const isOpen = useCallback(
    (path: string) => !closed.has(path) && (expanded.has(path) || (searching && search.reveal.has(path))),
    [closed, expanded, searching, search],
  );
  const rows = useMemo(() => flattenVisible(model, isOpen), [model, isOpen]);
  const indexOf = useMemo(() => new Map(rows.map((r, i) => [r.node.path, i])), [rows]);
  const matchSet = useMemo(() => new Set(search.matches), [search]);
  const currentIndex = search.matches.length === 0 ? -1 : Math.min(matchIndex, search.matches.length - 1);
  const current = currentIndex < 0 ? null : (search.matches[currentIndex] ?? null);

  const toggle = useCallback(
    (path: string) => {
      const open = isOpen(path);
      setExpanded((prev) => {
        const next = new Set(prev);
        if (open) next.delete(path);
        else next.add(path);
        return next;
      });
      setClosed((prev) => {
        if (open === prev.has(path)) return prev;
        const next = new Set(prev);
        if (open) next.add(path);
        else next.delete(path);
        return next;
      });
    },
    [isOpen],
  );

  // From the path alone (not the tree), so a node the next fetch brings (a new instance) can be revealed now.
  const reveal = useCallback((path: string, self = false) => {
    const opened: string[] = [];
    for (let p = parentPathOf(path); p !== ''; p = parentPathOf(p)) opened.push(p);
    if (self && path.endsWith('.')) opened.push(path);
    setExpanded((prev) => new Set([...prev, ...opened]));
    setClosed((prev) => (opened.some((p) => prev.has(p)) ? new Set([...prev].filter((p) => !opened.includes(p))) : prev));
  }, []);

  const collapseAll = useCallback(() => {
    setExpanded(new Set(model.roots.map((r) => r.path)));
    setClosed(new Set());
    setActivePath((p) => (p === null ? null : (model.roots.find((r) => p.startsWith(r.path))?.path ?? null)));
  }, [model]);

  const setQuery = useCallback(
    (q: string) => {
      setQueryState(q);
      setClosed(new Set());
      setMatchIndex(0);
      if (q.trim() === '') {
        // Leaving a search keeps the row it was on in view.
        if (activePath !== null) reveal(activePath);
        return;
      }
      const first = searchTree(model, q, aliases).matches[0];
      if (first !== undefined) setActivePath(first.path);
    },
    [model, activePath, reveal, aliases],
  );

  const jump = useCallback(
    (by: 1 | -1) => {
      const n = search.matches.length;
      if (n === 0) return;
      const i = (((currentIndex < 0 ? 0 : currentIndex + by) % n) + n) % n;
      setMatchIndex(i);
      const node = search.matches[i];
      if (node === undefined) return;
      setClosed((prev) => (prev.size === 0 ? prev : new Set([...prev].filter((p) => !node.path.startsWith(p)))));
      setActivePath(node.path);
    },
    [search, currentIndex],
  );

  return {
    rows,
    indexOf,
    isOpen,
    toggle,
    reveal,
    collapseAll,
    query,
    setQuery,
    search,
    matchSet,
    current,
    currentIndex,
    jump,
    activePath,
    select: setActivePath,
  };
}
