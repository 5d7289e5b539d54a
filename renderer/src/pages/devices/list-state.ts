// What the device list shows lives in the URL (#/devices?status=offline&sort=serialNumber...), so
// back/forward, a pasted link and the Overview page's links all open the same view.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ApiArgs } from '../../../../shared/contract.ts';
import { type DeviceSortKey, deviceSortKeys, type DeviceStatus, deviceStatuses } from '../../../../shared/device-status.ts';

/** The listDevices arguments of the view, without paging (the query adds `after` and `limit`). */
export type ListArgs = Omit<ApiArgs<'listDevices'>, 'after' | 'offset' | 'limit'>;
/** The filter part alone: what "select all matching" sends as `{ filter }`. */
export type FilterArgs = Omit<ListArgs, 'sort' | 'order'>;
export type SortOrder = 'asc' | 'desc';

/** Filters an operator can set; each one is a URL parameter of the same name. */
export const filterKeys = ['q', 'status', 'model', 'firmware', 'tag', 'failing', 'param', 'value'] as const;
export type FilterKey = (typeof filterKeys)[number];

export const defaultSort: DeviceSortKey = 'lastInform';

/** Newest contact first; names and addresses A to Z. */
export function defaultOrder(sort: DeviceSortKey): SortOrder {
  return sort === 'lastInform' || sort === 'firstSeen' ? 'desc' : 'asc';
}

const isStatus = (s: string | null): s is DeviceStatus => s !== null && (deviceStatuses as readonly string[]).includes(s);
const isSortKey = (s: string | null): s is DeviceSortKey => s !== null && (deviceSortKeys as readonly string[]).includes(s);
const present = (s: string | null): string | undefined => (s === null || s.trim() === '' ? undefined : s.trim());

/** Reads the view from URL parameters; unknown or malformed values are ignored, not errors. */
export function parseListParams(params: URLSearchParams): ListArgs {
  const args: ListArgs = {};
  const q = present(params.get('q'));
  if (q !== undefined) args.q = q;
  const status = params.get('status');
  if (isStatus(status)) args.status = status;
  const model = present(params.get('model'));
  if (model !== undefined) args.model = model;
  const firmware = present(params.get('firmware'));
  if (firmware !== undefined) args.firmware = firmware;
  const tag = present(params.get('tag'));
  if (tag !== undefined) args.tag = tag;
  const failing = params.get('failing');
  if (failing === '1' || failing === 'true') args.failing = true;
  const param = present(params.get('param'));
  const value = params.get('value');
  if (param !== undefined && value !== null) {
    args.param = param;
    args.value = value;
  }
  const sort = params.get('sort');
  args.sort = isSortKey(sort) ? sort : defaultSort;
  const order = params.get('order');
  args.order = order === 'asc' || order === 'desc' ? order : defaultOrder(args.sort);
  return args;
}

export function filterOf(args: ListArgs): FilterArgs {
  const { sort: _sort, order: _order, ...filter } = args;
  return filter;
}

/** True when anything but the sort narrows the list. */
export function isFiltered(args: ListArgs): boolean {
  return Object.keys(filterOf(args)).length > 0;
}

export interface ListState {
  args: ListArgs;
  filter: FilterArgs;
  /** A stable text of the filter: the selection is dropped when it changes. */
  filterKey: string;
  sort: DeviceSortKey;
  order: SortOrder;
  /** Sets (or, with undefined / '', removes) URL parameters; `replace` for typing. */
  update(changes: Partial<Record<FilterKey | 'sort' | 'order', string | undefined>>, replace?: boolean): void;
  clearFilters(): void;
  sortBy(key: DeviceSortKey): void;
}

export function useListState(): ListState {
  const [params, setParams] = useSearchParams();
  const args = useMemo(() => parseListParams(params), [params]);
  const filter = useMemo(() => filterOf(args), [args]);
  const filterKey = JSON.stringify(filter);
  const update = useCallback<ListState['update']>(
    (changes, replace = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );
  const clearFilters = useCallback(() => {
    setParams((prev) => {
      const next = new URLSearchParams();
      for (const k of ['sort', 'order']) {
        const v = prev.get(k);
        if (v !== null) next.set(k, v);
      }
      return next;
    });
  }, [setParams]);
  const sort = args.sort ?? defaultSort;
  const order = args.order ?? defaultOrder(sort);
  const sortBy = useCallback(
    (key: DeviceSortKey) => {
      const nextOrder = key === sort ? (order === 'asc' ? 'desc' : 'asc') : defaultOrder(key);
      update({ sort: key, order: nextOrder });
    },
    [sort, order, update],
  );
  return { args, filter, filterKey, sort, order, update, clearFilters, sortBy };
}
