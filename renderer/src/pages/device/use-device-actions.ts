// The device page's actions and their live trace: each queues a task (or sends a connection
// request), wakes the device, and leaves an entry that follows the task to its end. A button is
// busy from the click until its task has ended, so a double click queues one task (and the core
// returns the task already queued, `reused`, should two clicks still meet).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ConnectionRequestReport, CreateTaskResult, TaskRecord } from '../../../../shared/models.ts';
import type { TaskName } from '../../../../shared/tasks.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { errorText } from '../../lib/format.ts';
import { taskInFlight } from '../tasks/task-words.ts';
import { type ActionScope, labelOfTask, scopeOfTask } from './action-scope.ts';

export { type ActionScope, labelOf, labelOfTask, scopeOfTask } from './action-scope.ts';

/**
 * The tasks the device page starts itself (their entries come back after a reload while in flight,
 * and the ones started elsewhere, by the API or a rollout, are followed too): firmware pushes and
 * restores are downloads, backups are uploads.
 */
export const pageTaskNames: readonly TaskName[] = [
  'refresh',
  'reboot',
  'factoryReset',
  'setConnectionRequestCredentials',
  'download',
  'upload',
];

export type ActionEntry =
  | {
      kind: 'task';
      key: string;
      label: string;
      scope: ActionScope;
      taskId: number;
      task: TaskRecord;
      reused: boolean;
      wake: ConnectionRequestReport | null;
    }
  | { kind: 'wake'; key: string; label: string; scope: ActionScope; report: ConnectionRequestReport; sentAt: number }
  | { kind: 'error'; key: string; label: string; scope: ActionScope; message: string };

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
  runTask(label: string, task: { name: TaskName } & Record<string, unknown>, scope?: ActionScope): Promise<void>;
  /**
   * Runs another call that queues a task (restoreBackup) under the busy key `busyKey`; its entry
   * follows the task like runTask's. Resolves with the result, or null when it failed (the entry says why).
   */
  runCall(label: string, busyKey: string, scope: ActionScope, call: () => Promise<CreateTaskResult>): Promise<CreateTaskResult | null>;
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

  const runCall = useCallback(
    async (label: string, busyKey: string, scope: ActionScope, call: () => Promise<CreateTaskResult>) => {
      if (starting.current.has(busyKey)) return null;
      setBusy(busyKey, true);
      try {
        const r = await call();
        add({
          kind: 'task',
          key: `t${nextKey++}`,
          label,
          scope,
          taskId: r.task.id,
          task: r.task,
          reused: r.reused === true,
          wake: r.connectionRequest,
        });
        return r;
      } catch (err) {
        add({ kind: 'error', key: `e${nextKey++}`, label, scope, message: errorText(err) });
        return null;
      } finally {
        setBusy(busyKey, false);
      }
    },
    [add, setBusy],
  );

  const { mutateAsync: createTask } = create;
  const runTask = useCallback(
    async (label: string, task: { name: TaskName } & Record<string, unknown>, scope: ActionScope = 'device') => {
      await runCall(label, task.name, scope, () => createTask({ id: deviceId, task, connectionRequest: true, waitSeconds: 0 }));
    },
    [createTask, deviceId, runCall],
  );

  const { mutateAsync: sendCr } = cr;
  const wake = useCallback(async () => {
    if (starting.current.has('wake')) return;
    setBusy('wake', true);
    const sentAt = Date.now();
    try {
      const report = await sendCr({ id: deviceId });
      add({ kind: 'wake', key: `w${nextKey++}`, label: 'Connection request', scope: 'device', report, sentAt });
    } catch (err) {
      add({ kind: 'error', key: `e${nextKey++}`, label: 'Connection request', scope: 'device', message: errorText(err) });
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
        .map((t) => ({
          kind: 'task',
          key: `l${t.id}`,
          label: labelOfTask(t),
          scope: scopeOfTask(t),
          taskId: t.id,
          task: t,
          reused: false,
          wake: null,
        }));
      return adopted.length === 0 ? all : [...adopted, ...all].slice(0, keep);
    });
  }, [unfollowed]);

  const inFlightNames = useMemo(() => new Set((tasks.data ?? []).filter(taskInFlight).map((t) => t.name)), [tasks.data]);
  const dismiss = useCallback((key: string) => setLocal((all) => all.filter((e) => e.key !== key)), []);
  const busy = useCallback((name: string) => pending.has(name) || inFlightNames.has(name), [pending, inFlightNames]);
  return { entries: local, busy, waking: pending.has('wake'), runTask, runCall, wake, dismiss };
}
