// Loads one contract call into component state. `args` must be stable (useMemo) and `revision`
// bumps to reload; the previous result stays visible while reloading.
import { useEffect, useState } from 'react';
import type { ApiArgs, ApiMethod, ApiResult } from '../../shared/contract.ts';
import type { ApiClient } from './api-client.ts';
import { errorText } from './format.ts';

export interface ApiState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

export function useApi<K extends ApiMethod>(
  client: ApiClient,
  method: K,
  args: ApiArgs<K> | null,
  revision: number,
): ApiState<ApiResult<K>> {
  const [state, setState] = useState<ApiState<ApiResult<K>>>({ data: null, error: null, loading: args !== null });
  useEffect(() => {
    if (args === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    client.call(method, args).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (err: unknown) => current && setState((s) => ({ data: s.data, error: errorText(err), loading: false })),
    );
    return () => {
      current = false;
    };
  }, [client, method, args, revision]);
  return state;
}
