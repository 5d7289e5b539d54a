// A task's state as a chip: words and colour, never colour alone.
import type { TaskRecord } from '../../../../shared/models.ts';
import { taskChipKind, taskChipLabels } from './task-words.ts';

export function TaskChip({ task }: { task: Pick<TaskRecord, 'status' | 'awaiting'> }) {
  const kind = taskChipKind(task);
  return <span className={`chip task-${kind}`}>{taskChipLabels[kind]}</span>;
}
