// Query hooks keyed by contract method and arguments: ['listDevices', {...args}]. Push events
// invalidate by these keys (live-updates.ts), so a page never reloads what did not change.
import {
  type QueryKey,
  useMutation,
  type UseMutationResult,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { ApiArgs, ApiMethod, ApiResult } from '../../../shared/contract.ts';
import { useClient } from './client-context.tsx';

export function apiKey<K extends ApiMethod>(method: K, args?: ApiArgs<K>): QueryKey {
  return args === undefined ? [method] : [method, args];
}

type QueryOptions<K extends ApiMethod> = Omit<UseQueryOptions<ApiResult<K>, Error, ApiResult<K>, QueryKey>, 'queryKey' | 'queryFn'>;

/** Reads one contract method; `args: null` disables the query. */
export function useApiQuery<K extends ApiMethod>(
  method: K,
  args: ApiArgs<K> | null,
  options: QueryOptions<K> = {},
): UseQueryResult<ApiResult<K>, Error> {
  const client = useClient();
  return useQuery({
    ...options,
    queryKey: apiKey(method, args ?? undefined),
    queryFn: () => {
      if (args === null) throw new Error(`${method}: no arguments`);
      return client.call(method, args);
    },
    enabled: args !== null && options.enabled !== false,
  });
}

/**
 * Calls one contract method as a mutation; `invalidates` lists the methods whose cached results
 * it changes (refetched when it settles).
 */
export function useApiMutation<K extends ApiMethod>(
  method: K,
  invalidates: readonly ApiMethod[] = [],
): UseMutationResult<ApiResult<K>, Error, ApiArgs<K>> {
  const client = useClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (args: ApiArgs<K>) => client.call(method, args),
    onSettled: async () => {
      await Promise.all(invalidates.map((m) => queryClient.invalidateQueries({ queryKey: [m] })));
    },
  });
}
