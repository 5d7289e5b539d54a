// One task per selected device (createTasks), woken by connection requests, followed by a
// progress toast until the batch ends; the caller shows what was refused.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CreateTasksResult } from '../../../../shared/models-fleet.ts';
import { useClient } from '../../api/client-context.tsx';
import { useApiMutation } from '../../api/queries.ts';
import { useToasts } from '../../components/Toasts.tsx';
import { type BatchWords, followBatch } from './follow-batch.ts';
import type { ApiSelection } from './selection.ts';

export type RunBulkTask = (selection: ApiSelection, task: unknown, words: BatchWords) => Promise<CreateTasksResult>;

export function useBulkTasks(): { run: RunBulkTask; busy: boolean } {
  const client = useClient();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const create = useApiMutation('createTasks', ['listTasks', 'getOverview']);
  const { mutateAsync } = create;
  const run = useCallback<RunBulkTask>(
    async (selection, task, words) => {
      const result = await mutateAsync({ selection, task, connectionRequest: true });
      if (result.queued > 0) followBatch(client, queryClient, toasts, result.batchId, words);
      else toasts.show(`${words.doing}: no task queued (${result.refusedCount.toLocaleString()} refused).`, 'bad');
      return result;
    },
    [client, queryClient, toasts, mutateAsync],
  );
  return { run, busy: create.isPending };
}
