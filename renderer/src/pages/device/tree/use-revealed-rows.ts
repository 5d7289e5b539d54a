// The core masks secret values (passwords, Wi-Fi keys) in the parameters it lists unless asked
// with reveal=true. The tree asks that only for the secrets the user clicked Reveal on, one small
// query per path (getParameters with that path as prefix), and lays the clear values over the
// masked rows; live updates refetch them with the rest (their keys start like the tree's).
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ParameterRow } from '../../../../../shared/models.ts';
import { useClient } from '../../../api/client-context.tsx';
import { apiKey } from '../../../api/queries.ts';

export function useRevealedRows(
  deviceId: string,
  rows: ParameterRow[] | undefined,
  revealed: ReadonlySet<string>,
): ParameterRow[] | undefined {
  const client = useClient();
  const paths = [...revealed].sort();
  const clear = useQueries({
    queries: paths.map((path) => {
      const args = { id: deviceId, prefix: path, reveal: true };
      return { queryKey: apiKey('getParameters', args), queryFn: () => client.call('getParameters', args) };
    }),
    combine: (results) => {
      const values: [string, string | null][] = [];
      results.forEach((r, i) => {
        const path = paths[i];
        const row = r.data?.find((x) => x.path === path);
        if (row !== undefined) values.push([row.path, row.value]);
      });
      // A string key: the combined value stays equal while the clear values do.
      return JSON.stringify(values);
    },
  });
  return useMemo(() => {
    if (rows === undefined) return undefined;
    const values = new Map(JSON.parse(clear) as [string, string | null][]);
    if (values.size === 0) return rows;
    return rows.map((r) => (values.has(r.path) ? { ...r, value: values.get(r.path) ?? null } : r));
  }, [rows, clear]);
}
