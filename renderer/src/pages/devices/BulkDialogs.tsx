// The dialog of the bulk action chosen in the bar, then (for tasks) the devices that refused it.
// Focus goes back to where it was when the dialog closes.
import { useEffect, useRef, useState } from 'react';
import type { CreateTasksResult } from '../../../../shared/models-fleet.ts';
import { PushDialog } from '../push/PushDialog.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { RefusedDialog } from './RefusedDialog.tsx';
import type { ApiSelection } from './selection.ts';
import { SetParameterDialog } from './SetParameterDialog.tsx';
import { TagDialog } from './TagDialog.tsx';
import { TaskConfirmDialog } from './TaskConfirmDialog.tsx';
import { useBulkTasks } from './use-bulk-tasks.ts';

export type BulkKind = 'refresh' | 'reboot' | 'tag' | 'untag' | 'setParameter' | 'push' | 'delete';

/** What a bulk action applies to, in the contract's terms and in numbers for its dialog. */
export interface BulkTarget {
  selection: ApiSelection;
  count: number;
  /** Offline devices among them (null: not known yet). */
  offline: number | null;
}

export interface BulkDialogsProps {
  kind: BulkKind | null;
  target: BulkTarget;
  onClose(): void;
  /** The selected devices are gone (deleted): the selection must go too. */
  onDeleted(): void;
}

export function BulkDialogs({ kind, target, onClose, onDeleted }: BulkDialogsProps) {
  const { run } = useBulkTasks();
  const [refused, setRefused] = useState<CreateTasksResult | null>(null);
  const returnTo = useRef<Element | null>(null);
  const open = kind !== null || refused !== null;
  useEffect(() => {
    if (open) {
      returnTo.current ??= document.activeElement;
      return;
    }
    const el = returnTo.current;
    returnTo.current = null;
    // The bar's button may be gone (its devices deleted): the list takes focus then.
    const target = el instanceof HTMLElement && el.isConnected ? el : document.querySelector<HTMLElement>('.dev-grid');
    target?.focus();
  }, [open]);

  const afterTasks = (result: CreateTasksResult | null): void => {
    if (result !== null && result.refusedCount > 0) setRefused(result);
    onClose();
  };
  return (
    <>
      {(kind === 'reboot' || kind === 'refresh') && <TaskConfirmDialog kind={kind} target={target} run={run} onClose={afterTasks} />}
      {kind === 'setParameter' && <SetParameterDialog target={target} run={run} onClose={afterTasks} />}
      {(kind === 'tag' || kind === 'untag') && <TagDialog mode={kind === 'tag' ? 'add' : 'remove'} target={target} onClose={onClose} />}
      {kind === 'push' && <PushDialog selection={target.selection} count={target.count} onClose={onClose} />}
      {kind === 'delete' && (
        <DeleteDialog
          target={target}
          onClose={(deleted) => {
            if (deleted) onDeleted();
            onClose();
          }}
        />
      )}
      {refused !== null && <RefusedDialog result={refused} onClose={() => setRefused(null)} />}
    </>
  );
}
