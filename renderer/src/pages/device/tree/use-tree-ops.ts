// The tree's actions on the device (apply edits, add or delete an instance, refresh a subtree):
// each queues ONE task woken by a connection request, and stays listed until its outcome is read
// (TaskLine follows it live). State of this page only: the tasks themselves live in the core.
import { useCallback, useState } from 'react';
import type { ConnectionRequestReport, TaskRecord } from '../../../../../shared/models.ts';
import type { TaskSpec } from '../../../../../shared/tasks.ts';
import { useClient } from '../../../api/client-context.tsx';
import { errorText } from '../../../lib/format.ts';

export type OpKind = 'apply' | 'add' | 'delete' | 'refresh';

export interface TreeOp {
  key: number;
  kind: OpKind;
  /** What is being done, as a running phrase: "Applying 3 changes", "Deleting PortMapping 2". */
  doing: string;
  /** The paths it concerns: the changed parameters, the table, the instance, the subtree. */
  paths: string[];
  /** The values sent (apply), to clear exactly those pending edits once the device confirms. */
  values: [string, string][];
  /** Null while the task is being queued (and the device woken), or when queueing failed. */
  task: TaskRecord | null;
  wake: ConnectionRequestReport | null;
  /** Why the core refused to queue it. */
  refused: string | null;
}

export interface TreeOps {
  ops: TreeOp[];
  /** Queues the task; resolves with the op (refused or queued) once the core answered. */
  start(kind: OpKind, doing: string, task: TaskSpec, paths: string[], values?: [string, string][]): Promise<TreeOp>;
  dismiss(key: number): void;
}

let nextKey = 1;

export function useTreeOps(deviceId: string): TreeOps {
  const client = useClient();
  const [ops, setOps] = useState<TreeOp[]>([]);
  const patch = useCallback((key: number, change: Partial<TreeOp>) => {
    setOps((all) => all.map((o) => (o.key === key ? { ...o, ...change } : o)));
  }, []);
  const start = useCallback(
    async (kind: OpKind, doing: string, task: TaskSpec, paths: string[], values: [string, string][] = []): Promise<TreeOp> => {
      const op: TreeOp = { key: nextKey++, kind, doing, paths, values, task: null, wake: null, refused: null };
      // The newest on top; finished lines the user did not dismiss are kept, at most a few.
      setOps((all) => [op, ...all].slice(0, 6));
      try {
        const r = await client.call('createTask', { id: deviceId, task, connectionRequest: true, waitSeconds: 0 });
        const done = { ...op, task: r.task, wake: r.connectionRequest };
        patch(op.key, { task: r.task, wake: r.connectionRequest });
        return done;
      } catch (err) {
        patch(op.key, { refused: errorText(err) });
        return { ...op, refused: errorText(err) };
      }
    },
    [client, deviceId, patch],
  );
  const dismiss = useCallback((key: number) => setOps((all) => all.filter((o) => o.key !== key)), []);
  return { ops, start, dismiss };
}

export function taskEnded(task: TaskRecord): boolean {
  return task.status === 'done' || task.status === 'fault' || task.status === 'cancelled' || task.status === 'expired';
}
