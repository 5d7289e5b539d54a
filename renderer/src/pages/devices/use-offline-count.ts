// How many of the selected devices are offline now (they act at their next contact, not at
// once): counted from the loaded rows for a list of ids, asked of the core for "all matching".
import type { DeviceSummary } from '../../../../shared/models.ts';
import { useApiQuery } from '../../api/queries.ts';
import { statusOf } from '../../components/StatusChip.tsx';
import type { FilterArgs } from './list-state.ts';
import type { Selection } from './selection.ts';

export function useOfflineCount(
  selection: Selection,
  filter: FilterArgs,
  rows: readonly DeviceSummary[],
  total: number | null,
  now: number,
  enabled: boolean,
): number | null {
  const askCore = enabled && selection.mode === 'all' && filter.status === undefined;
  const offline = useApiQuery('listDevices', askCore ? { ...filter, status: 'offline', limit: 1 } : null, { staleTime: 10_000 });
  if (selection.mode === 'all') {
    if (filter.status !== undefined) return filter.status === 'offline' ? total : 0;
    return offline.data?.total ?? null;
  }
  let n = 0;
  for (const d of rows) if (selection.ids.has(d.id) && statusOf(d, now) === 'offline') n++;
  return n;
}
