// Informs per UTC hour for the overview, counted as they are stored. The sessions table holds a
// row per Inform (millions at scale) but no index on started_at, and adding one would cost every
// session one more random index page. Instead the session backend adds the Informs of each
// committed CWMP batch to one row of inform_counts (one row per hour, one upsert per batch, in
// the batch's own transaction), and rows older than a month are dropped as hours pass.
import type { Store } from '../store/index.ts';
import { hourOf } from './overview.ts';

const KEEP_MS = 31 * 86_400_000;

export class InformCounter {
  private readonly pending = new Map<string, number>();
  private lastHour = '';

  constructor(private readonly store: Store) {}

  /** Informs stored at `at` whose transaction has not committed yet. */
  add(at: Date, count: number): void {
    const hour = hourOf(at);
    this.pending.set(hour, (this.pending.get(hour) ?? 0) + count);
  }

  /** Writes the pending counts; call inside the transaction that stored the Informs. */
  flush(): void {
    for (const [hour, count] of this.pending) {
      this.store.fleetStats.addInforms(hour, count);
      if (hour > this.lastHour) {
        this.lastHour = hour;
        this.store.fleetStats.pruneInformCounts(hourOf(new Date(Date.parse(hour) - KEEP_MS)));
      }
    }
    this.pending.clear();
  }

  /** The transaction rolled back: its Informs were not stored. */
  discard(): void {
    this.pending.clear();
  }
}
