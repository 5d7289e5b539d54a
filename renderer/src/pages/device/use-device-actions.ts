// The device page's actions and their live trace: each queues a task (or sends a connection
// request), wakes the device, and leaves an entry that follows the task to its end. A button is
// busy from the click until its task has ended, so a double click queues one task (and the core
// returns the task already queued, `reused`, should two clicks still meet).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionRequestReport, TaskRecord } from '../../../../shared/models.ts';
import type { TaskName } from '../../../../shared/tasks.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { errorText } from '../../lib/format.ts';
import { taskInFlight } from '../tasks/task-words.ts';

/** The tasks the device page starts itself (their entries come back after a reload while in flight). */
export const pageTaskNames: readonly TaskName[] = ['refresh', 'reboot', 'factoryReset', 'setConnectionRequestCredentials'];

export type ActionEntry =
  | { kind: 'task'; key: string; label: string; taskId: number; task: TaskRecord; reused: boolean; wake: ConnectionRequestReport | null }
  | { kind: 'wake'; key: string; label: string; report: ConnectionRequestReport; sentAt: number }
  | { kind: 'error'; key: string; label: string; message: string };

/** The tasks of a device as the page lists them (one cache entry for the buttons and the Tasks tab). */
export function deviceTasksArgs(deviceId: string): { deviceId: string; limit: number } {
  return { deviceId, limit: 200 };
}

export interface DeviceActionsState {
  entries: ActionEntry[];
  /** A task of this name is being queued or has not ended. */
  busy(name: string): boolean;
  /** The connection request is being sent. */
  waking: boolean;
  runTask(label: string, task: { name: TaskName } & Record<string, unknown>): Promise<void>;
  wake(): Promise<void>;
  dismiss(key: string): void;
}

const keep = 5;
let nextKey = 1;

export function useDeviceActions(deviceId: string): DeviceActionsState {
  const create = useApiMutation('createTask', ['listTasks', 'getDevice']);
  const cr = useApiMutation('connectionRequest', ['getDeviceSummary']);
  // Refetched on every taskUpdated event of the device; polled while a task is in flight, should events be missed.
  const tasks = useApiQuery('listTasks', deviceTasksArgs(deviceId), {
    refetchInterval: (query) => (query.state.data?.some(taskInFlight) === true ? 5_000 : false),
  });
  const [local, setLocal] = useState<ActionEntry[]>([]);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  // A second click in the same event-loop turn (before React re-renders) is refused here.
  const starting = useRef(new Set<string>());

  const add = useCallback((entry: ActionEntry) => {
    setLocal((all) =>
      [entry, ...all.filter((e) => !(e.kind === 'task' && entry.kind === 'task' && e.taskId === entry.taskId))].slice(0, keep),
    );
  }, []);
  const setBusy = useCallback((name: string, on: boolean) => {
    if (on) starting.current.add(name);
    else starting.current.delete(name);
    setPending(new Set(starting.current));
  }, []);

  const { mutateAsync: createTask } = create;
  const runTask = useCallback(
    async (label: string, task: { name: TaskName } & Record<string, unknown>) => {
      if (starting.current.has(task.name)) return;
      setBusy(task.name, true);
      try {
        const r = await createTask({ id: deviceId, task, connectionRequest: true, waitSeconds: 0 });
        add({
          kind: 'task',
          key: `t${nextKey++}`,
          label,
          taskId: r.task.id,
          task: r.task,
          reused: r.reused === true,
          wake: r.connectionRequest,
        });
      } catch (err) {
        add({ kind: 'error', key: `e${nextKey++}`, label, message: errorText(err) });
      } finally {
        setBusy(task.name, false);
      }
    },
    [add, createTask, deviceId, setBusy],
  );

  const { mutateAsync: sendCr } = cr;
  const wake = useCallback(async () => {
    if (starting.current.has('wake')) return;
    setBusy('wake', true);
    const sentAt = Date.now();
    try {
      const report = await sendCr({ id: deviceId });
      add({ kind: 'wake', key: `w${nextKey++}`, label: 'Connection request', report, sentAt });
    } catch (err) {
      add({ kind: 'error', key: `e${nextKey++}`, label: 'Connection request', message: errorText(err) });
    } finally {
      setBusy('wake', false);
    }
  }, [add, deviceId, sendCr, setBusy]);

  // In-flight tasks of the page's kinds that this page did not start (a reload, another window,
  // the refresh the core queues after a factory reset) are adopted and followed to their end too.
  const unfollowed = useMemo(() => {
    const followed = new Set(local.flatMap((e) => (e.kind === 'task' ? [e.taskId] : [])));
    return (tasks.data ?? []).filter((t) => taskInFlight(t) && pageTaskNames.includes(t.name as TaskName) && !followed.has(t.id));
  }, [local, tasks.data]);
  useEffect(() => {
    if (unfollowed.length === 0) return;
    setLocal((all) => {
      const have = new Set(all.flatMap((e) => (e.kind === 'task' ? [e.taskId] : [])));
      const adopted: ActionEntry[] = unfollowed
        .filter((t) => !have.has(t.id))
        .map((t) => ({ kind: 'task', key: `l${t.id}`, label: labelOf(t.name), taskId: t.id, task: t, reused: false, wake: null }));
      return adopted.length === 0 ? all : [...adopted, ...all].slice(0, keep);
    });
  }, [unfollowed]);

  const inFlightNames = useMemo(() => new Set((tasks.data ?? []).filter(taskInFlight).map((t) => t.name)), [tasks.data]);
  const dismiss = useCallback((key: string) => setLocal((all) => all.filter((e) => e.key !== key)), []);
  const busy = useCallback((name: string) => pending.has(name) || inFlightNames.has(name), [pending, inFlightNames]);
  return { entries: local, busy, waking: pending.has('wake'), runTask, wake, dismiss };
}

export function labelOf(name: string): string {
  switch (name) {
    case 'refresh':
      return 'Refresh';
    case 'reboot':
      return 'Reboot';
    case 'factoryReset':
      return 'Factory reset';
    case 'setConnectionRequestCredentials':
      return 'Setting connection-request credentials';
    default:
      return name;
  }
}
