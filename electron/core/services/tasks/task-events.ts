// Task changes made inside a store transaction, announced only once it commits.
import type { EventHub } from '../../events.ts';
import type { Store } from '../../store/index.ts';

export class TaskChanges {
  private readonly pending = new Map<number, string>();

  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
  ) {}

  add(task: { id: number; deviceId: string }): void {
    this.pending.set(task.id, task.deviceId);
  }

  discard(): void {
    this.pending.clear();
  }

  flush(): void {
    if (this.pending.size === 0) return;
    const ids = [...this.pending.keys()];
    this.pending.clear();
    for (const id of ids) {
      const task = this.store.tasks.get(id);
      if (task !== undefined)
        this.events.emit('taskUpdated', { taskId: task.id, deviceId: task.deviceId, status: task.status, batchId: task.batchId });
    }
  }
}
