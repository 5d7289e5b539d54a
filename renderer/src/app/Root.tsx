// The app's providers: the API client, the query cache fed by push events, the router. In
// browser mode without a working token, the login page comes first.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import type { ApiClient } from '../api/api-client.ts';
import { ClientProvider } from '../api/client-context.tsx';
import { subscribeLiveUpdates } from '../api/live-updates.ts';
import { ToastProvider } from '../components/Toasts.tsx';
import { parseListParams } from '../pages/devices/list-state.ts';
import { devicePagesOptions } from '../pages/devices/use-device-pages.ts';
import { LoginPage } from '../pages/LoginPage.tsx';
import { createAppRouter } from './routes.tsx';

function makeQueryClient(onUnauthorized: () => void): QueryClient {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        // Push events keep data fresh; refetch on focus only as a safety net.
        staleTime: 30_000,
        retry: (count, err) => count < 2 && !isAuthError(err),
      },
    },
  });
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && isAuthError(event.query.state.error)) onUnauthorized();
  });
  return queryClient;
}

/**
 * The device list is where the app usually opens: its first page is asked for now, while React
 * mounts, rather than after the page has rendered (the same cache entry the page then reads).
 */
function prefetchFirstPage(client: ApiClient, queryClient: QueryClient): void {
  const hash = window.location.hash.replace(/^#/, '');
  const [path = '', search = ''] = hash.split('?');
  if (path !== '' && path !== '/' && path !== '/devices') return;
  void queryClient.prefetchInfiniteQuery(devicePagesOptions(client, parseListParams(new URLSearchParams(search))));
}

function isAuthError(err: unknown): boolean {
  return err instanceof Error && 'code' in err && err.code === 'unauthorized';
}

export function Root({ client }: { client: ApiClient }) {
  const needsToken = client.transport === 'http';
  const [signedIn, setSignedIn] = useState(!needsToken || client.token() !== '');
  const [queryClient] = useState(() => {
    const qc = makeQueryClient(() => setSignedIn(false));
    if (signedIn) prefetchFirstPage(client, qc);
    return qc;
  });
  const [router] = useState(createAppRouter);

  useEffect(() => (signedIn ? subscribeLiveUpdates(client, queryClient) : undefined), [client, queryClient, signedIn]);

  if (!signedIn) {
    return (
      <LoginPage
        client={client}
        hadToken={client.token() !== ''}
        onSignedIn={() => {
          queryClient.clear();
          setSignedIn(true);
        }}
      />
    );
  }
  return (
    <ClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <RouterProvider router={router} />
        </ToastProvider>
      </QueryClientProvider>
    </ClientProvider>
  );
}
