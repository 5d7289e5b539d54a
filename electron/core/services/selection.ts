// Bulk actions over a device selection ({ids} or {filter}, resolved here so "every matching
// device" needs no list of 100,000 ids from the UI). The selection is walked by devices.seq in
// batches, each its own transaction, with a turn of the event loop in between: a bulk action
// on the whole fleet never holds the database for long, and CPE sessions go on meanwhile.
import type { DeviceSelection } from '../../../shared/contract-args.ts';
import { AcsError } from '../../../shared/errors.ts';
import type { Store } from '../store/index.ts';

/** What a batch does inside its transaction; the callback it returns runs after the commit. */
export type BatchWork = (deviceIds: string[]) => (() => void) | undefined;

export interface SelectionWalker {
  /**
   * Runs `work` on every selected device that exists, `batchSize` at a time in seq order;
   * returns how many devices were selected. `now` is the status filter's clock for the whole walk.
   */
  walk(selection: DeviceSelection, now: Date, batchSize: number, work: BatchWork): Promise<number>;
  /** Stops running walks at their next batch (they reject with 'unavailable') and waits for them. */
  close(): Promise<void>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createSelectionWalker(store: Store): SelectionWalker {
  let closing = false;
  const running = new Set<Promise<unknown>>();

  const batchOf = (
    selection: DeviceSelection,
    now: Date,
    afterSeq: number,
    batchSize: number,
    idsFrom: number,
  ): { seq: number; id: string }[] => {
    if (selection.ids === undefined) return store.devices.select(selection.filter ?? {}, now, afterSeq, batchSize);
    // A list of ids: the next batchSize of them (in seq order within the batch); unknown ids are skipped.
    return store.devices.select({ ids: selection.ids.slice(idsFrom, idsFrom + batchSize) }, now, 0, batchSize);
  };

  const run = async (selection: DeviceSelection, now: Date, batchSize: number, work: BatchWork): Promise<number> => {
    const ids = selection.ids === undefined ? undefined : [...new Set(selection.ids)];
    const walked: DeviceSelection = ids === undefined ? selection : { ids };
    let afterSeq = 0;
    let idsFrom = 0;
    let selected = 0;
    for (;;) {
      if (closing) throw new AcsError('unavailable', 'the ACS is stopping; the action was not completed');
      const after = store.transaction(() => {
        const batch = batchOf(walked, now, afterSeq, batchSize, idsFrom);
        const last = batch[batch.length - 1];
        if (last !== undefined) afterSeq = last.seq;
        selected += batch.length;
        const done = ids === undefined ? batch.length < batchSize : idsFrom + batchSize >= ids.length;
        // Not named `then`: better-sqlite3 refuses a transaction whose result looks like a promise.
        return { done, afterCommit: batch.length > 0 ? work(batch.map((d) => d.id)) : undefined };
      });
      idsFrom += batchSize;
      after.afterCommit?.();
      if (after.done) return selected;
      await nextTurn();
    }
  };

  return {
    walk(selection, now, batchSize, work) {
      const p = run(selection, now, batchSize, work);
      running.add(p);
      const forget = (): void => {
        running.delete(p);
      };
      p.then(forget, forget);
      return p;
    },
    async close() {
      closing = true;
      await Promise.allSettled([...running]);
    },
  };
}
