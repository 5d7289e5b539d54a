// The device list as pages of 200 fetched with the keyset cursor (`after`) as the user scrolls.
// The cache key is ['listDevices', args] and the data InfiniteData<Page<DeviceSummary>>: the
// live updates (api/live-updates.ts) patch informed rows in it and refetch it when devices come
// or go.
import {
  type InfiniteData,
  infiniteQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  type UseInfiniteQueryResult,
} from '@tanstack/react-query';
import { useMemo } from 'react';
import type { DeviceSummary, Page } from '../../../../shared/models.ts';
import type { ApiClient } from '../../api/api-client.ts';
import { useClient } from '../../api/client-context.tsx';
import type { ListArgs } from './list-state.ts';

export const pageSize = 200;

export type DevicePages = InfiniteData<Page<DeviceSummary>, unknown>;

export interface DeviceList {
  query: UseInfiniteQueryResult<DevicePages, Error>;
  rows: DeviceSummary[];
  /** Devices matching the filter (from the latest page), or null before the first answer. */
  total: number | null;
}

/** The list's query: shared by the page and the app's start-up prefetch (Root), so both hit one cache entry. */
export function devicePagesOptions(client: ApiClient, args: ListArgs) {
  return infiniteQueryOptions({
    queryKey: ['listDevices', args],
    queryFn: ({ pageParam }) =>
      client.call('listDevices', pageParam === null ? { ...args, limit: pageSize } : { ...args, limit: pageSize, after: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last: Page<DeviceSummary>) => last.next,
    staleTime: 15_000,
  });
}

export function useDevicePages(args: ListArgs): DeviceList {
  const client = useClient();
  const query = useInfiniteQuery({
    ...devicePagesOptions(client, args),
    // While a new search or sort loads, the previous rows stay (no flash of "Loading").
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => {
    const seen = new Set<string>();
    const out: DeviceSummary[] = [];
    // A device that moved between pages while they were fetched (a new Inform) is shown once.
    for (const page of query.data?.pages ?? []) {
      for (const d of page.items) {
        if (seen.has(d.id)) continue;
        seen.add(d.id);
        out.push(d);
      }
    }
    return out;
  }, [query.data]);
  const pages = query.data?.pages;
  const total = pages === undefined || pages.length === 0 ? null : (pages[pages.length - 1]?.total ?? null);
  return { query, rows, total };
}
