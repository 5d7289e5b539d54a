// Waking stored devices with connection requests (TR-069 3.2.2): one at a time for the API's
// "connect now", and in the background for a bulk task batch, a few at a time, so asking
// 100,000 devices neither opens 100,000 sockets at once nor keeps the API call waiting.
import type { ConnectionRequestReport } from '../../../shared/models.ts';
import type { Store } from '../store/index.ts';
import { describeConnectionRequestResult, sendConnectionRequest, type ConnectionRequestResult } from './connection-request.ts';
import { crCredentialsFor } from './credentials.ts';
import { wakeOverUdp, type UdpWake } from './udp-wake.ts';
import type { UdpConnectionRequestResult } from './udp-connection-request.ts';

export type { UdpWake } from './udp-wake.ts';

export interface WakeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Where the outcome is remembered for the device page (single and bulk wakes alike). */
  outcomes?: WakeOutcomes;
  /** UDP connection requests (TR-069 Annex G) when HTTP cannot reach a device with a STUN binding. */
  udp?: UdpWake | undefined;
}

/** What one wake tried, for the reachability diagnosis: the HTTP request and the UDP one, if sent. */
export interface WakeAttempt {
  at: string;
  http: ConnectionRequestResult | null;
  udp: UdpConnectionRequestResult | null;
}

/** What the last connection request to a device achieved, and when. */
export interface WakeOutcome {
  outcome: ConnectionRequestReport['outcome'];
  message: string;
  at: string;
}

/**
 * The last connection request's outcome per device, in memory for this run of the ACS only (a
 * restart forgets them: they describe the network as it was, not a record worth a write per
 * wake). Bounded: past `max` devices the least recently woken are forgotten.
 */
export class WakeOutcomes {
  private readonly last = new Map<string, WakeOutcome>();
  private readonly attempts = new Map<string, WakeAttempt[]>();

  constructor(private readonly max = 200_000) {}

  record(deviceId: string, report: ConnectionRequestReport, at: Date, attempt?: Omit<WakeAttempt, 'at'>): void {
    this.last.delete(deviceId);
    this.last.set(deviceId, { outcome: report.outcome, message: report.message, at: at.toISOString() });
    if (attempt !== undefined) {
      const kept = this.attempts.get(deviceId) ?? [];
      this.attempts.delete(deviceId);
      this.attempts.set(deviceId, [{ at: at.toISOString(), ...attempt }, ...kept].slice(0, KEPT_ATTEMPTS));
    }
    if (this.last.size > this.max) {
      const oldest = this.last.keys().next();
      if (oldest.done !== true) this.last.delete(oldest.value);
    }
    if (this.attempts.size > this.max) {
      const oldest = this.attempts.keys().next();
      if (oldest.done !== true) this.attempts.delete(oldest.value);
    }
  }

  get(deviceId: string): WakeOutcome | null {
    return this.last.get(deviceId) ?? null;
  }

  /** The device's last few attempts, newest first (this run of the ACS only). */
  recent(deviceId: string): readonly WakeAttempt[] {
    return this.attempts.get(deviceId) ?? [];
  }
}

/** Attempts kept per device for the reachability diagnosis. */
const KEPT_ATTEMPTS = 5;

/** One connection request to a known device, with its own credentials or else the default ones. */
export async function wakeDevice(store: Store, deviceId: string, opts: WakeOptions): Promise<ConnectionRequestReport> {
  const { report, http, udp } = await sendWake(store, deviceId, opts);
  opts.outcomes?.record(deviceId, report, new Date(), { http, udp });
  return report;
}

interface WakeResult {
  report: ConnectionRequestReport;
  http: ConnectionRequestResult | null;
  udp: UdpConnectionRequestResult | null;
}

async function sendWake(store: Store, deviceId: string, opts: WakeOptions): Promise<WakeResult> {
  const url = store.devices.get(deviceId)?.connectionRequestUrl ?? '';
  const creds = crCredentialsFor(store, deviceId);
  let report: ConnectionRequestReport = {
    outcome: 'no-url',
    message: 'The device has not reported a ConnectionRequestURL; it will run queued tasks at its next periodic Inform.',
  };
  let http: ConnectionRequestResult | null = null;
  if (url !== '') {
    http = await sendConnectionRequest(url, creds, opts);
    report = { outcome: http.outcome, message: describeConnectionRequestResult(http) };
  }
  // An HTTP request that got an answer (even a 401) reached the device: UDP would not do better.
  const canTryUdp = http === null || http.outcome === 'unreachable' || http.outcome === 'timed-out';
  if (!canTryUdp || opts.udp === undefined) return { report, http, udp: null };
  const udp = await wakeOverUdp(opts.udp, deviceId, creds, report, opts);
  return udp === null ? { report, http, udp: null } : { report: udp.report, http, udp: udp.result };
}

export interface WakeQueueDeps {
  /** Requests in flight at most (all batches together). */
  concurrency: number;
  send: (deviceId: string, signal: AbortSignal) => Promise<ConnectionRequestReport>;
  /** One request of the batch ended: reached the device, or not. */
  settled: (batchId: string, reached: boolean) => void;
  onError: (err: unknown) => void;
}

interface Job {
  batchId: string;
  deviceId: string;
}

/** Background connection requests of bulk task batches, first in first out, bounded concurrency. */
export class WakeQueue {
  private readonly queue: Job[] = [];
  private head = 0;
  private running = 0;
  private readonly perBatch = new Map<string, number>();
  private readonly stop = new AbortController();
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly deps: WakeQueueDeps) {}

  add(batchId: string, deviceIds: readonly string[]): void {
    if (this.stop.signal.aborted || deviceIds.length === 0) return;
    for (const deviceId of deviceIds) this.queue.push({ batchId, deviceId });
    this.perBatch.set(batchId, (this.perBatch.get(batchId) ?? 0) + deviceIds.length);
    this.pump();
  }

  /** Requests of the batch queued or in flight. */
  pending(batchId: string): number {
    return this.perBatch.get(batchId) ?? 0;
  }

  /** Drops what is queued, aborts what is in flight and waits for it to end. */
  async close(): Promise<void> {
    this.stop.abort();
    this.queue.length = 0;
    this.head = 0;
    this.perBatch.clear();
    if (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.deps.concurrency && this.head < this.queue.length && !this.stop.signal.aborted) {
      const job = this.queue[this.head++];
      if (job === undefined) break;
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.running += 1;
      void this.run(job);
    }
  }

  private async run(job: Job): Promise<void> {
    let reached = false;
    let aborted = false;
    try {
      reached = (await this.deps.send(job.deviceId, this.stop.signal)).outcome === 'reached';
    } catch (err) {
      aborted = this.stop.signal.aborted;
      if (!aborted) this.deps.onError(err);
    }
    this.running -= 1;
    const left = (this.perBatch.get(job.batchId) ?? 1) - 1;
    if (left > 0) this.perBatch.set(job.batchId, left);
    else this.perBatch.delete(job.batchId);
    if (!aborted) {
      try {
        this.deps.settled(job.batchId, reached);
      } catch (err) {
        this.deps.onError(err);
      }
    }
    if (this.running === 0 && this.stop.signal.aborted) for (const wake of this.idleWaiters.splice(0)) wake();
    this.pump();
  }
}
