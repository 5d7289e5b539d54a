// An Inform with '8 DIAGNOSTICS COMPLETE' (TR-069 3.7.1.5): the device finished a diagnostic it
// was asked to run. The event names no diagnostic, so every run of the device that waits goes
// back in the queue to read its object; a run whose DiagnosticsState still says Requested goes
// back to waiting (plan.ts). Runs inside the session's store transaction.
import type { Store } from '../../store/index.ts';
import type { StoredTask } from '../../store/tasks.ts';

export function diagnosticsCompleted(store: Store, deviceId: string, now: Date): StoredTask[] {
  const requeued: StoredTask[] = [];
  for (const run of store.diagnostics.listWaiting(deviceId)) {
    store.diagnostics.setState(run.id, 'reading', { deadline: null, completedAt: now });
    if (store.tasks.requeue(run.taskId)) {
      const task = store.tasks.get(run.taskId);
      if (task !== undefined) requeued.push(task);
    }
  }
  return requeued;
}
