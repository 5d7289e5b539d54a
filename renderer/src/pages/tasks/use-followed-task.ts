// Follows one task to its end: read through the query cache under ['getTask', {taskId}], which
// the live updates refetch on every taskUpdated event of that task; a poll covers what events
// miss (a lost stream, a reconnect) and stops once the task has ended.
import type { UseQueryResult } from '@tanstack/react-query';
import type { TaskRecord } from '../../../../shared/models.ts';
import { useApiQuery } from '../../api/queries.ts';
import { taskInFlight } from './task-words.ts';

const pollMs = 2_000;

export function useFollowedTask(taskId: number | null, initial?: TaskRecord): UseQueryResult<TaskRecord, Error> {
  return useApiQuery('getTask', taskId === null ? null : { taskId }, {
    initialData: initial !== undefined && initial.id === taskId ? initial : undefined,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data !== undefined && !taskInFlight(query.state.data) ? false : pollMs),
  });
}
