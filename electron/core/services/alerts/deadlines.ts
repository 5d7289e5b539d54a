// "Offline" needs time, not polling: each (rule, device) has a deadline (its last contact plus
// k periodic intervals), kept in a min-heap; one timer waits for the earliest. An Inform moves
// the device's deadline (the old heap entry is left behind and skipped when it surfaces).
export class DeadlineQueue {
  private readonly heap: { at: number; key: string }[] = [];
  private readonly current = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly now: () => number,
    private readonly fire: (key: string, at: number) => void,
    /** false: no timer (tests drive `runDue` with their own clock). */
    private readonly useTimer = true,
  ) {}

  get size(): number {
    return this.current.size;
  }

  /** Sets (or moves) the deadline of `key`. */
  set(key: string, at: number): void {
    this.current.set(key, at);
    this.push({ at, key });
    // Stale entries pile up as deadlines move; rebuild when they outnumber the live ones.
    if (this.heap.length > 2 * this.current.size + 64) this.rebuild();
    this.arm();
  }

  delete(key: string): void {
    this.current.delete(key);
  }

  /** Deletes every key for which `match` holds. */
  deleteWhere(match: (key: string) => boolean): void {
    for (const key of [...this.current.keys()]) if (match(key)) this.current.delete(key);
  }

  /** Fires every deadline that has passed; returns how many fired. */
  runDue(): number {
    const now = this.now();
    let fired = 0;
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || top.at > now) break;
      this.pop();
      if (this.current.get(top.key) !== top.at) continue;
      this.current.delete(top.key);
      fired++;
      this.fire(top.key, top.at);
    }
    this.arm();
    return fired;
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (!this.useTimer || this.closed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    while (this.heap[0] !== undefined && this.current.get(this.heap[0].key) !== this.heap[0].at) this.pop();
    const top = this.heap[0];
    if (top === undefined) return;
    const wait = Math.min(Math.max(0, top.at - this.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runDue();
    }, wait);
    this.timer.unref();
  }

  private rebuild(): void {
    this.heap.length = 0;
    for (const [key, at] of this.current) this.push({ at, key });
  }

  private push(entry: { at: number; key: string }): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as { at: number; key: string };
      if (p.at <= entry.at) break;
      h[i] = p;
      i = parent;
    }
    h[i] = entry;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      let at = last.at;
      const left = h[l];
      const right = h[r];
      if (left !== undefined && left.at < at) {
        smallest = l;
        at = left.at;
      }
      if (right !== undefined && right.at < at) smallest = r;
      if (smallest === i) break;
      h[i] = h[smallest] as { at: number; key: string };
      i = smallest;
    }
    h[i] = last;
  }
}
