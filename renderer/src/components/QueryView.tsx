// The three states of a loaded query, shown the same way everywhere: loading, the error with a
// retry (role="alert"), or the data handed to `children`.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';

export function QueryView<T>({
  query,
  children,
  loading = 'Loading…',
}: {
  query: UseQueryResult<T, Error>;
  children(data: T): ReactNode;
  loading?: string;
}) {
  if (query.isPending) return <p className="muted">{loading}</p>;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
