// The list's header row: the select-loaded checkbox and one header per shown column; sortable
// ones are buttons, and the sorted one says so with aria-sort (and an arrow beside the word).
import { useEffect, useRef } from 'react';
import type { DeviceSortKey } from '../../../../shared/device-status.ts';
import type { Column } from './columns.tsx';
import type { SortOrder } from './list-state.ts';

export interface GridHeaderProps {
  columns: readonly Column[];
  sort: DeviceSortKey;
  order: SortOrder;
  onSort(key: DeviceSortKey): void;
  checked: 'all' | 'some' | 'none';
  disabled: boolean;
  onCheck(on: boolean): void;
}

export function GridHeader({ columns, sort, order, onSort, checked, disabled, onCheck }: GridHeaderProps) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current !== null) box.current.indeterminate = checked === 'some';
  }, [checked]);
  return (
    <div role="rowgroup" className="dev-head">
      <div role="row" aria-rowindex={1} className="dev-row">
        <div role="columnheader" className="dev-check">
          <input
            ref={box}
            type="checkbox"
            aria-label="Select all loaded devices"
            title="Select all loaded devices"
            checked={checked === 'all'}
            disabled={disabled}
            onChange={(e) => onCheck(e.target.checked)}
          />
        </div>
        {columns.map((c) => {
          const sorted = c.sort !== undefined && c.sort === sort;
          return (
            <div
              key={c.id}
              role="columnheader"
              className="dev-cell"
              aria-sort={sorted ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.sort === undefined ? (
                <span className="dev-head-label">{c.label}</span>
              ) : (
                <button
                  type="button"
                  className={`dev-sort${sorted ? ' sorted' : ''}`}
                  onClick={() => c.sort !== undefined && onSort(c.sort)}
                >
                  <span>{c.label}</span>
                  <span className="dev-sort-arrow" aria-hidden="true">
                    {sorted ? (order === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
