// Sessions whose end could not be stored (the disk was full, the database locked) would stay
// `open` in the store until the next start. After such a failure the listener asks for a sweep:
// once the storage works again every stored session that is open but no longer live is closed
// as aborted, so no session stays open past its timeout.
import type { Logger } from '../acs-types.ts';
import type { SessionBackend } from './listener-types.ts';
import type { SessionRegistry } from './session-registry.ts';

const RETRY_MS = 2_000;

export class OrphanSweep {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly registry: SessionRegistry,
    private readonly backend: SessionBackend,
    private readonly log: Logger,
    private readonly delayMs = RETRY_MS,
  ) {}

  /** Sweeps after a short delay (once, however often asked meanwhile), retrying until it succeeds. */
  request(): void {
    if (this.timer !== null || this.backend.closeOrphans === undefined) return;
    this.timer = setTimeout(() => this.run(), this.delayMs);
    this.timer.unref();
  }

  /** Runs now; false when the storage still fails (then retried later). */
  run(): boolean {
    this.timer = null;
    try {
      const closed = this.backend.closeOrphans?.([...this.registry.all()].map((s) => s.token)) ?? 0;
      if (closed > 0) this.log.warn('closed sessions whose end could not be stored', { sessions: closed });
      return true;
    } catch (err) {
      this.log.warn('sessions whose end could not be stored stay open for now', { error: String(err) });
      this.request();
      return false;
    }
  }

  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
