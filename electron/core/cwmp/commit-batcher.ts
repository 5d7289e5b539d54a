// Group commit: the requests whose bodies arrived in the same event-loop turn are processed in
// one store transaction, and their replies are written only after its COMMIT. The invariant
// "no InformResponse before its Inform is committed" holds, and concurrent CPEs share one
// fsync instead of paying one each (docs/performance.md).
import type { ServerResponse } from 'node:http';
import type { ListenerOptions, Outgoing } from './listener-types.ts';
import { textOutgoing } from './listener-types.ts';
import type { LiveSession, SessionRegistry } from './session-registry.ts';

export interface Job {
  session: LiveSession;
  res: ServerResponse;
  /** The request carries nothing that must survive a power cut (an empty POST). */
  light: boolean;
  run(): Outgoing;
}

export class CommitBatcher {
  private pending: Job[] = [];

  constructor(private readonly registry: SessionRegistry, private readonly opts: ListenerOptions) {}

  submit(job: Job): void {
    this.pending.push(job);
    // setImmediate runs after this turn's I/O callbacks: every body read by then joins.
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const jobs = this.pending;
    this.pending = [];
    const out = new Map<Job, Outgoing>();
    try {
      this.opts.backend.batch(() => {
        for (const job of jobs) out.set(job, this.runOne(job));
      }, jobs.some((j) => !j.light));
    } catch (err) {
      // The COMMIT failed: nothing of this batch is stored. The CPEs must start over.
      this.opts.log.error('cwmp batch commit failed', { error: String(err), requests: jobs.length });
      for (const job of jobs) {
        this.registry.remove(job.session);
        if (job.session.deviceId !== null) this.opts.backend.forget(job.session.deviceId);
        out.set(job, textOutgoing(500, 'Internal error: could not store the session; retry'));
      }
    }
    for (const job of jobs) write(job.res, out.get(job) ?? textOutgoing(500, 'Internal error'));
  }

  private runOne(job: Job): Outgoing {
    try {
      return job.run();
    } catch (err) {
      // This request's writes were rolled back to its savepoint; the others go on.
      this.opts.log.error('cwmp request failed', { error: err instanceof Error ? err.stack : String(err), device: job.session.deviceId });
      this.registry.remove(job.session);
      if (job.session.deviceId !== null) this.opts.backend.forget(job.session.deviceId);
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
