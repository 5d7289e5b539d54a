// The tree itself: an ARIA tree of the visible rows (only open objects' children), virtualized
// (only the rows in view are in the page, whatever the tree's size; a row is measured, as an
// editor or a refusal makes it taller). One Tab stop: the tree holds focus and points at the
// active row (aria-activedescendant). Up/Down, Page Up/Down, Home/End move; Right opens an
// object or goes to its first child; Left closes it or goes to the parent; Enter edits a
// writable parameter (or opens/closes an object); Escape in an editor cancels the edit.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type RefObject, useCallback, useEffect, useId, useRef } from 'react';
import type { TreeNode, VisibleRow } from './tree-model.ts';
import { type RowActions, TreeRow } from './TreeRow.tsx';
import type { PendingEdit } from './use-pending-edits.ts';

const rowHeight = 30;
const headHeight = 28;

export interface TreeViewProps {
  treeRef: RefObject<HTMLDivElement | null>;
  label: string;
  rows: VisibleRow[];
  indexOf: ReadonlyMap<string, number>;
  activePath: string | null;
  isOpen(path: string): boolean;
  editingPath: string | null;
  pending: ReadonlyMap<string, PendingEdit>;
  query: string;
  matches: ReadonlySet<TreeNode>;
  currentMatch: TreeNode | null;
  revealed: ReadonlySet<string>;
  now: number;
  actions: RowActions;
}

export function TreeView(props: TreeViewProps) {
  const { rows, indexOf, activePath, actions, treeRef, isOpen } = props;
  const idBase = useId();
  const active = activePath === null ? -1 : (indexOf.get(activePath) ?? -1);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => treeRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    getItemKey: (i) => rows[i]?.node.path ?? i,
    // Rows in the first commit, before the tree's own size is measured.
    initialRect: { width: 0, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const pointer = useRef(false);

  useEffect(() => {
    if (active >= 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, virtualizer]);

  const moveTo = useCallback(
    (index: number) => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (row !== undefined) actions.onSelect(row.node.path);
    },
    [rows, actions],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    // Keys pressed in an editor are the editor's.
    if (e.target !== e.currentTarget || rows.length === 0) return;
    const node = rows[active]?.node;
    const page = Math.max(1, Math.floor((treeRef.current?.clientHeight ?? 300) / rowHeight) - 2);
    const canOpen = node?.object === true && node.children.length > 0;
    let handled = true;
    if (active < 0 && ['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp'].includes(e.key)) moveTo(0);
    else if (e.key === 'ArrowDown') moveTo(active + 1);
    else if (e.key === 'ArrowUp') moveTo(active - 1);
    else if (e.key === 'PageDown') moveTo(active + page);
    else if (e.key === 'PageUp') moveTo(active - page);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(rows.length - 1);
    else if (e.key === 'ArrowRight' && node !== undefined) {
      if (canOpen && !isOpen(node.path)) actions.onToggle(node.path);
      else if (canOpen) moveTo(active + 1);
    } else if (e.key === 'ArrowLeft' && node !== undefined) {
      if (canOpen && isOpen(node.path)) actions.onToggle(node.path);
      else if (node.parent !== null) actions.onSelect(node.parent.path);
    } else if ((e.key === 'Enter' || e.key === 'F2') && node !== undefined) {
      if (!node.object && node.row?.writable === true) actions.onEdit(node.path);
      else if (canOpen) actions.onToggle(node.path);
    } else handled = false;
    if (handled) e.preventDefault();
  };

  const activeShown = active >= 0 && items.some((i) => i.index === active);
  return (
    <div
      ref={treeRef}
      className="ptree"
      role="tree"
      aria-label={props.label}
      aria-activedescendant={activeShown ? `${idBase}-${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onMouseDown={() => {
        pointer.current = true;
      }}
      onMouseUp={() => {
        pointer.current = false;
      }}
      onFocus={(e) => {
        // Tabbing in points at the first row in view; a click picks its own row (selecting
        // another one now would scroll the tree under the pointer before the click lands).
        if (e.target !== e.currentTarget || active >= 0 || pointer.current) return;
        const first = rows[items.find((i) => i.start >= (treeRef.current?.scrollTop ?? 0))?.index ?? 0];
        if (first !== undefined) actions.onSelect(first.node.path);
      }}
    >
      <div className="ptree-head" aria-hidden="true">
        <span>Name</span>
        <span>Value</span>
        <span>Type</span>
        <span>Access</span>
        <span>Last read</span>
        <span />
      </div>
      <div className="ptree-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          const path = row.node.path;
          return (
            <TreeRow
              key={item.key}
              row={row}
              index={item.index}
              domId={`${idBase}-${item.index}`}
              top={item.start - headHeight}
              open={row.node.object && isOpen(path)}
              active={item.index === active}
              editing={props.editingPath === path}
              pending={props.pending.get(path)}
              query={props.query}
              match={props.matches.has(row.node)}
              current={props.currentMatch === row.node}
              revealed={props.revealed.has(path)}
              now={props.now}
              actions={actions}
              measure={virtualizer.measureElement}
            />
          );
        })}
      </div>
    </div>
  );
}
