// Group commit: the requests whose bodies arrived in the same event-loop turn are processed in
// one store transaction, and their replies are written only after its COMMIT. The invariant
// "no InformResponse before its Inform is committed" holds, and concurrent CPEs share one
// fsync instead of paying one each (docs/performance.md).
import type { ServerResponse } from 'node:http';
import { isStorageUnavailable, storageProblem } from '../store/errors.ts';
import type { ListenerOptions, Outgoing } from './listener-types.ts';
import { textOutgoing } from './listener-types.ts';
import type { LiveSession, SessionRegistry } from './session-registry.ts';

/**
 * After a batch failed for a storage reason (locked, full, I/O), new batches are answered 503
 * without touching the database for this long: a locked database would otherwise hold the event
 * loop for the busy timeout once per batch. Short, so the ACS recovers as soon as the cause goes.
 */
const STORAGE_BACKOFF_MS = 1_000;

/** A batch's storage failed: the whole batch is answered 503 + Retry-After. */
class StorageUnavailable extends Error {
  override name = 'StorageUnavailable';
}

export interface Job {
  session: LiveSession;
  res: ServerResponse;
  /** The request carries nothing that must survive a power cut (an empty POST). */
  light: boolean;
  run(): Outgoing;
}

export class CommitBatcher {
  private pending: Job[] = [];
  /** Batches committed whose replies wait for their fsync. */
  private awaitingDisk = 0;
  private drained: (() => void)[] = [];
  /** Until when new batches are refused after a storage failure (ms since the epoch). */
  private unavailableUntil = 0;

  constructor(
    private readonly registry: SessionRegistry,
    private readonly opts: ListenerOptions,
  ) {}

  submit(job: Job): void {
    this.pending.push(job);
    // setImmediate runs after this turn's I/O callbacks: every body read by then joins.
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  /** Resolves once every batch submitted so far has been committed and answered. */
  async drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.awaitingDisk === 0 && this.pending.length === 0) return;
    await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  private flush(): void {
    const jobs = this.pending;
    this.pending = [];
    const out = new Map<Job, Outgoing>();
    if (Date.now() < this.unavailableUntil) {
      this.failAll(jobs, out, 'cwmp batch refused: storage unavailable', null, true);
      for (const job of jobs) write(job.res, out.get(job) ?? textOutgoing(500, 'Internal error'));
      return;
    }
    this.awaitingDisk += 1;
    let answered = false;
    const answer = (err: Error | null): void => {
      if (answered) return;
      answered = true;
      // A failed fsync is the disk's doing (EIO, ENOSPC): unavailable, not a bug.
      if (err !== null) this.failAll(jobs, out, 'cwmp batch not durable: the disk sync failed', err, true);
      for (const job of jobs) write(job.res, out.get(job) ?? textOutgoing(500, 'Internal error'));
      this.awaitingDisk -= 1;
      if (this.awaitingDisk === 0 && this.pending.length === 0) for (const resolve of this.drained.splice(0)) resolve();
    };
    try {
      this.opts.backend.batch(
        () => {
          for (const job of jobs) out.set(job, this.runOne(job));
        },
        jobs.some((j) => !j.light),
        answer,
      );
    } catch (err) {
      // The COMMIT (or a step, for a storage failure) failed: nothing of this batch is stored.
      // The CPEs must start over.
      const cause = err instanceof StorageUnavailable ? err.cause : err;
      this.failAll(jobs, out, 'cwmp batch commit failed', cause, isStorageUnavailable(cause));
      answer(null);
    }
  }

  /**
   * Drops every session of the batch (the sweep closes their stored rows later). Storage
   * failures answer 503 + Retry-After and refuse new batches for STORAGE_BACKOFF_MS.
   */
  private failAll(jobs: Job[], out: Map<Job, Outgoing>, message: string, err: unknown, unavailable: boolean): void {
    if (err !== null) this.opts.log.error(message, { error: String(err), requests: jobs.length });
    if (unavailable && isStorageUnavailable(err)) this.unavailableUntil = Date.now() + STORAGE_BACKOFF_MS;
    const reply = unavailable
      ? textOutgoing(503, `Service unavailable: ${err === null ? 'storage unavailable' : storageProblem(err)}; retry later`, {
          'Retry-After': String(this.opts.retryAfterSeconds),
        })
      : textOutgoing(500, 'Internal error: could not store the session; retry');
    for (const job of jobs) {
      this.registry.remove(job.session);
      if (job.session.deviceId !== null) this.opts.backend.forget(job.session.deviceId);
      out.set(job, reply);
    }
    this.registry.sweepLater();
  }

  private runOne(job: Job): Outgoing {
    try {
      return job.run();
    } catch (err) {
      // Locked, full, failing: the other requests would fail the same way (each after the busy
      // timeout); the whole batch is rolled back and answered 503.
      if (isStorageUnavailable(err)) throw new StorageUnavailable('storage unavailable', { cause: err });
      // This request's writes were rolled back to its savepoint; the others go on.
      this.opts.log.error('cwmp request failed', { error: err instanceof Error ? err.stack : String(err), device: job.session.deviceId });
      this.registry.remove(job.session);
      if (job.session.deviceId !== null) this.opts.backend.forget(job.session.deviceId);
      this.registry.sweepLater();
      return textOutgoing(500, 'Internal error');
    }
  }
}

export function write(res: ServerResponse, o: Outgoing): void {
  if (res.headersSent || res.destroyed) return;
  if (o.status === 204) {
    res.writeHead(204, o.headers).end();
    return;
  }
  const body = Buffer.from(o.body, 'utf8');
  // Always Content-Length, never chunked: some embedded CWMP clients cannot read chunked bodies.
  res.writeHead(o.status, { ...o.headers, 'Content-Length': body.length }).end(body);
}
