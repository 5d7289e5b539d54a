// The device list: an ARIA grid, virtualized (only the rows in view are in the page, whatever
// the fleet's size), loading the next page as the end comes into view. One Tab stop: the grid
// holds focus and points at the active row (aria-activedescendant); arrows, Page Up/Down,
// Home/End move it, Enter opens the device, Space checks it, Escape clears the selection.
import { useVirtualizer } from '@tanstack/react-virtual';
import { type CSSProperties, type KeyboardEvent, type MouseEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DeviceSortKey } from '../../../../shared/device-status.ts';
import type { DeviceSummary } from '../../../../shared/models.ts';
import type { Column } from './columns.tsx';
import { devicePath, DeviceRow } from './DeviceRow.tsx';
import { GridHeader } from './GridHeader.tsx';
import type { SortOrder } from './list-state.ts';
import { headerState, isSelected, noSelection, type Selection, setRange, toggleRow } from './selection.ts';

export const rowHeight = 34;
const headHeight = 34;

export interface DeviceGridProps {
  /** The view (filter and order): when it changes, the list starts again at its top. */
  viewKey: string;
  rows: readonly DeviceSummary[];
  total: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  columns: readonly Column[];
  sort: DeviceSortKey;
  order: SortOrder;
  onSort(key: DeviceSortKey): void;
  selection: Selection;
  onSelection(next: Selection): void;
  now: number;
}

/** The narrowest a row can be: the sum of the tracks' minimums. */
function minRowWidth(columns: readonly Column[]): number {
  return columns.reduce((sum, c) => sum + Number(/(\d+)px/.exec(c.track)?.[1] ?? 80), 36);
}

export function DeviceGrid(props: DeviceGridProps) {
  const { rows, hasMore, loadingMore, loadMore, columns, selection, onSelection } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const idBase = useId();
  const [activeRaw, setActive] = useState(0);
  const active = Math.min(activeRaw, Math.max(0, rows.length - 1));
  const lastChecked = useRef<number | null>(null);
  const count = rows.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    getItemKey: (i) => rows[i]?.id ?? `more-${i}`,
    // Rows in the first commit, before the grid's own size is measured (a window's worth).
    initialRect: { width: 0, height: window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items[items.length - 1]?.index ?? -1;

  const { viewKey } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: viewKey is the trigger: a new sort or filter starts at the top
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
    setActive(0);
  }, [viewKey]);

  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= rows.length - 40) loadMore();
  }, [hasMore, loadingMore, lastShown, rows.length, loadMore]);

  const moveTo = useCallback(
    (index: number) => {
      const i = Math.max(0, Math.min(rows.length - 1, index));
      setActive(i);
      virtualizer.scrollToIndex(i, { align: 'auto' });
    },
    [rows.length, virtualizer],
  );

  const onRowClick = useCallback((index: number) => {
    setActive(index);
    scroller.current?.focus({ preventScroll: true });
  }, []);

  const onCheck = useCallback(
    (index: number, e: MouseEvent<HTMLInputElement>) => {
      const d = rows[index];
      if (d === undefined) return;
      const from = lastChecked.current;
      if (e.shiftKey && from !== null && from !== index) onSelection(setRange(selection, rows, from, index, !isSelected(selection, d.id)));
      else onSelection(toggleRow(selection, d.id, rows));
      lastChecked.current = index;
      setActive(index);
      scroller.current?.focus({ preventScroll: true });
    },
    [rows, selection, onSelection],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    // Keys pressed on the header's buttons and checkbox are theirs.
    if (e.target !== e.currentTarget || rows.length === 0) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 300) / rowHeight) - 2);
    const d = rows[active];
    let handled = true;
    if (e.key === 'ArrowDown') moveTo(active + 1);
    else if (e.key === 'ArrowUp') moveTo(active - 1);
    else if (e.key === 'PageDown') moveTo(active + page);
    else if (e.key === 'PageUp') moveTo(active - page);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(rows.length - 1);
    else if (e.key === 'Enter' && d !== undefined) navigate(devicePath(d.id));
    else if (e.key === ' ' && d !== undefined) onSelection(toggleRow(selection, d.id, rows));
    else if (e.key === 'a' && (e.ctrlKey || e.metaKey)) onSelection({ mode: 'ids', ids: new Set(rows.map((r) => r.id)) });
    else if (e.key === 'Escape' && (selection.mode === 'all' || selection.ids.size > 0)) onSelection(noSelection);
    else handled = false;
    if (handled) e.preventDefault();
  };

  const template = `36px ${columns.map((c) => c.track).join(' ')}`;
  const style: CSSProperties & Record<'--dev-cols' | '--dev-min', string> = {
    '--dev-cols': template,
    '--dev-min': `${minRowWidth(columns)}px`,
  };
  // Only a row in the page can be the active descendant (the mouse may have scrolled it away).
  const activeShown = rows[active] !== undefined && items.some((i) => i.index === active);
  return (
    <div
      ref={scroller}
      className="dev-grid"
      role="grid"
      aria-label="Devices"
      aria-rowcount={props.total === null ? -1 : props.total + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={activeShown ? `${idBase}-${active}` : undefined}
      tabIndex={0}
      style={style}
      onKeyDown={onKeyDown}
    >
      <GridHeader
        columns={columns}
        sort={props.sort}
        order={props.order}
        onSort={props.onSort}
        checked={headerState(selection, rows)}
        disabled={rows.length === 0}
        onCheck={(on) => onSelection(on ? { mode: 'ids', ids: new Set(rows.map((r) => r.id)) } : noSelection)}
      />
      <div role="rowgroup" className="dev-body" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const d = rows[item.index];
          const top = item.start - headHeight;
          if (d === undefined) {
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="dev-row dev-more"
                style={{ transform: `translateY(${top}px)` }}
              >
                <div role="gridcell" aria-colspan={columns.length + 1} className="muted">
                  Loading more devices…
                </div>
              </div>
            );
          }
          return (
            <DeviceRow
              key={item.key}
              device={d}
              index={item.index}
              domId={`${idBase}-${item.index}`}
              top={top}
              columns={columns}
              selected={isSelected(selection, d.id)}
              active={item.index === active}
              now={props.now}
              onRowClick={onRowClick}
              onCheck={onCheck}
            />
          );
        })}
      </div>
    </div>
  );
}
