// The subscribers in pages of 500 (keyset by account id), the next page read as the table
// scrolls near its end. Keyed under 'listSubscribers', so the subscribersChanged event
// refetches it with the other subscriber lists.
import { useInfiniteQuery } from '@tanstack/react-query';
import type { Subscriber } from '../../../../../shared/models-provisioning.ts';
import { useClient } from '../../../api/client-context.tsx';

const pageSize = 500;

export function useSubscriberPages(q: string) {
  const client = useClient();
  const args = q === '' ? { limit: pageSize } : { q, limit: pageSize };
  const query = useInfiniteQuery({
    queryKey: ['listSubscribers', args, 'pages'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => client.call('listSubscribers', pageParam === null ? args : { ...args, after: pageParam }),
    getNextPageParam: (last) => last.next,
  });
  const items: Subscriber[] = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  return { query, items, total };
}
