// The API client reaches components through context, so pages never pick a transport themselves
// and tests can hand the app any client.
import { createContext, type ReactNode, useContext } from 'react';
import type { ApiClient } from './api-client.ts';

const ClientContext = createContext<ApiClient | null>(null);

export function ClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): ApiClient {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('useClient outside <ClientProvider>');
  return client;
}
