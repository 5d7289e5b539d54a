// The device's tasks, newest first: queued, running, waiting for the device, done, failed;
// retry and cancel in each row. The same list (and cache entry) the action buttons read.
import { nextExpectedContact } from '../../../../shared/device-status.ts';
import { useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { TaskTable } from '../tasks/TaskTable.tsx';
import { deviceTasksArgs } from './use-device-actions.ts';

export function TasksTab({ deviceId }: { deviceId: string }) {
  const tasks = useApiQuery('listTasks', deviceTasksArgs(deviceId));
  const device = useApiQuery('getDevice', { id: deviceId });
  const next = device.data === undefined ? null : nextExpectedContact(device.data.lastInform, device.data.periodicInformInterval);
  return (
    <QueryView query={tasks} loading="Loading tasks…">
      {(list) =>
        list.length === 0 ? (
          <p className="empty-state">No tasks for this device yet. Refresh, Reboot and changes made here appear as tasks.</p>
        ) : (
          <>
            <p className="muted small tab-note">
              {list.length === deviceTasksArgs(deviceId).limit
                ? `The newest ${list.length} tasks.`
                : `${list.length} task${list.length === 1 ? '' : 's'}.`}{' '}
              Finished tasks are kept as long as the history settings say.
            </p>
            <TaskTable tasks={list} label="Tasks of this device" nextContact={next} />
          </>
        )
      }
    </QueryView>
  );
}
