// A bulk action's live trace: one toast, updated from getTaskBatch until no task of the batch is
// left waiting ("Rebooting 212 devices: 180 done, 2 failed, 30 waiting for the device"), with a
// link to its tasks. The batch is read through the query cache under ['getTaskBatch',
// {batchId}], which the live updates refetch on every taskUpdated event of the batch; a 2 s poll
// covers what events miss. It lives outside any page, so leaving the page keeps it going.
import { type QueryClient, QueryObserver } from '@tanstack/react-query';
import type { TaskBatch } from '../../../../shared/models-fleet.ts';
import type { ApiClient } from '../../api/api-client.ts';
import { apiKey } from '../../api/queries.ts';
import type { ToastLink, ToastTone } from '../../components/Toasts.tsx';

export interface Toaster {
  show(text: string, tone?: ToastTone, link?: ToastLink): number;
  update(id: number, text: string, tone?: ToastTone, link?: ToastLink): void;
}

export interface BatchWords {
  /** While it runs: "Rebooting" (212 devices: ...). */
  doing: string;
  /** Once it ended: "Reboot of" (212 devices finished: ...). */
  finished: string;
}

const pollMs = 2_000;

export function batchFinished(b: TaskBatch): boolean {
  return b.byStatus.queued + b.byStatus.running === 0;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The toast's words for a batch's state. */
export function batchText(b: TaskBatch, words: BatchWords): { text: string; tone: ToastTone } {
  const s = b.byStatus;
  const failed = s.fault + s.expired;
  const parts = [`${s.done.toLocaleString()} done`];
  if (failed > 0) parts.push(`${failed.toLocaleString()} failed`);
  if (s.cancelled > 0) parts.push(`${s.cancelled.toLocaleString()} cancelled`);
  const waiting = s.queued + s.running;
  if (!batchFinished(b)) {
    parts.push(`${waiting.toLocaleString()} waiting for the device`);
    const unreachable = b.connectionRequests.failed;
    const note = unreachable > 0 ? ` (${plural(unreachable, 'device')} not reachable now: at their next contact)` : '';
    return { text: `${words.doing} ${plural(b.total, 'device')}: ${parts.join(', ')}${note}.`, tone: 'info' };
  }
  return { text: `${words.finished} ${plural(b.total, 'device')} finished: ${parts.join(', ')}.`, tone: failed > 0 ? 'bad' : 'ok' };
}

export function followBatch(client: ApiClient, queryClient: QueryClient, toasts: Toaster, batchId: string, words: BatchWords): void {
  const link: ToastLink = { href: `#/tasks?batch=${encodeURIComponent(batchId)}`, label: 'Show tasks' };
  const toast = toasts.show(`${words.doing}: queued…`, 'info', link);
  const observer = new QueryObserver<TaskBatch>(queryClient, {
    queryKey: apiKey('getTaskBatch', { batchId }),
    queryFn: () => client.call('getTaskBatch', { batchId }),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data !== undefined && batchFinished(query.state.data) ? false : pollMs),
    refetchIntervalInBackground: true,
  });
  const unsubscribe = observer.subscribe((result) => {
    if (result.data !== undefined) {
      const { text, tone } = batchText(result.data, words);
      toasts.update(toast, text, tone, link);
      if (batchFinished(result.data)) {
        unsubscribe();
        observer.destroy();
      }
    } else if (result.isError && result.failureCount >= 3) {
      toasts.update(toast, `${words.doing}: progress unknown (${result.error.message}).`, 'bad', link);
    }
  });
}
