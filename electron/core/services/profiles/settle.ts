// Profile items follow the tasks that carry them: done when the task is done; failed with the
// fault explained when it faulted; a SetParameterValues refused with 9003 and per-parameter
// faults fails only the named parameters, the others go back to be sent again without them.
import type { StoredTask } from '../../store/tasks.ts';
import type { Store } from '../../store/index.ts';
import type { StoredItem } from '../../store/profiles.ts';
import { explainFault } from '../fault-explanations.ts';

export function faultMessage(code: number, text?: string): string {
  const e = explainFault(code, text);
  return `fault ${code} ${e.title}: ${e.explanation}`;
}

interface SpvFaultEntry {
  parameterName: string;
  faultCode: number;
  faultString: string;
}

function spvEntries(task: StoredTask): Map<string, SpvFaultEntry> {
  const detail = task.fault?.detail as { setParameterValuesFaults?: unknown } | undefined;
  const list = Array.isArray(detail?.setParameterValuesFaults) ? (detail.setParameterValuesFaults as Record<string, unknown>[]) : [];
  const out = new Map<string, SpvFaultEntry>();
  for (const e of list) {
    const name = String(e.parameterName ?? e.name ?? '');
    const code = Number(e.faultCode ?? e.code ?? 0);
    if (name !== '') out.set(name, { parameterName: name, faultCode: code, faultString: String(e.faultString ?? e.string ?? '') });
  }
  return out;
}

/** The item's state from its task now, or null when unchanged. */
function settledItem(item: StoredItem, task: StoredTask | undefined): Omit<StoredItem, 'at'> | null {
  if (task === undefined) return { ...item, state: 'failed', taskId: null, message: 'its task is no longer kept' };
  switch (task.status) {
    case 'done':
      return { ...item, state: 'done', message: null };
    case 'queued':
    case 'running': {
      const message =
        task.fault === null ? `task ${task.id} is ${task.status}` : `retrying: ${faultMessage(task.fault.code, task.fault.message)}`;
      return message === item.message ? null : { ...item, message };
    }
    case 'fault': {
      const fault = task.fault ?? { code: 0, message: 'failed' };
      const entries = task.name === 'setParameterValues' ? spvEntries(task) : new Map<string, SpvFaultEntry>();
      if (entries.size > 0) {
        const mine = item.path === null ? undefined : [...entries.values()].find((e) => e.parameterName.startsWith(item.path ?? ''));
        if (mine === undefined)
          return {
            ...item,
            state: 'pending',
            taskId: null,
            message: 'not applied: another value of the same request was refused; sent again',
          };
        return { ...item, state: 'failed', message: `${mine.parameterName}: ${faultMessage(mine.faultCode, mine.faultString)}` };
      }
      return { ...item, state: 'failed', message: faultMessage(fault.code, fault.message) };
    }
    default:
      return { ...item, state: 'failed', message: `task ${task.id} ${task.status} before it reached the device` };
  }
}

/** Brings the device's pending items up to date with their tasks; true when any changed. */
export function settleItems(store: Store, items: readonly StoredItem[], at: Date): boolean {
  let changed = false;
  for (const item of items) {
    if (item.state !== 'pending' || item.taskId === null) continue;
    const next = settledItem(item, store.tasks.get(item.taskId));
    if (next === null) continue;
    store.profiles.putItem(next, at);
    changed = true;
  }
  return changed;
}

/**
 * A factory reset ('0 BOOTSTRAP' of a known device; its stored tree is dropped with it): nothing
 * the engine applied is on the device any more. Every item goes back to pending with no value
 * hash, so secrets, attributes, objects and the connection-request credentials (which the stored
 * tree cannot prove) are sent again instead of being reported done. True when any row changed.
 */
export function forgetApplied(store: Store, deviceId: string, at: Date): boolean {
  let changed = false;
  for (const item of store.profiles.items(deviceId)) {
    if (item.state === 'pending' && item.valueHash === '' && item.taskId === null) continue;
    store.profiles.putItem({ ...item, state: 'pending', valueHash: '', taskId: null, message: 'factory reset: sent again' }, at);
    changed = true;
  }
  return changed;
}
