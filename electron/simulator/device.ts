// The running life of one simulated device: sessions serialised one at a time (a CPE never runs
// two), retries after 503 Retry-After and after failures (TR-069 3.2.1.1 back-off), periodic
// informs, and the work a CPE does after a session: reboot, factory reset, transfers, ScheduleInform.

import type { CpeAction, SimulatedCpe } from './cpe.ts';
import { applyDownloadedFile, installFirmware, uploadContent } from './device-files.ts';
import { faultText } from './faults.ts';
import type { Limiter } from './limiter.ts';
import { runCwmpSession, type SessionClientOptions, type SessionReport } from './session-client.ts';
import { performDownload, performUpload, transferFaultForVersion } from './transfers.ts';
import type { TransferOutcome } from './transfers.ts';
import { runDiagnostic } from './diagnostics.ts';

export interface DeviceOptions {
  session: SessionClientOptions;
  limiter: Limiter;
  /** Start sessions by itself after reboots, transfers and ScheduleInform (default true). */
  autoSessions: boolean;
  periodicSeconds?: number;
  /** Delay the first periodic inform by a random part of the interval (fleets). */
  periodicJitter?: boolean;
  rebootDelayMs: number;
  /** Attempts per session when the ACS answers 503 with Retry-After. */
  maxAttempts: number;
  /** Longest Retry-After honoured, in seconds. */
  maxRetryAfterSeconds: number;
  /** Retry failed background sessions with the TR-069 back-off. */
  retryFailedSessions: boolean;
  onSession?: (report: SessionReport) => void;
  /** After a factory reset: re-apply what the runtime owns (ACS URL, connection-request URL). */
  onFactoryReset?: () => void;
  /** Just before each session (moving health values into the model). */
  beforeSession?: () => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class SimulatedDevice {
  readonly sessions: SessionReport[] = [];
  private queued: Promise<SessionReport> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private busy = 0;
  private failures = 0;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private waiters: ((report: SessionReport) => void)[] = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    readonly cpe: SimulatedCpe,
    private readonly options: DeviceOptions,
  ) {}

  start(): void {
    const period = this.options.periodicSeconds;
    if (period === undefined || period <= 0) return;
    const first = this.options.periodicJitter ? Math.random() * period * 1000 : period * 1000;
    const tick = (): void => {
      void this.session(['2 PERIODIC']);
      this.after(period * 1000, tick, false);
    };
    this.after(first, tick, false);
  }

  /** Adds events and runs a session; joins a session that is queued but not yet started. */
  session(events: string[] = []): Promise<SessionReport> {
    for (const code of events) this.cpe.events.add(code);
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = undefined;
      return this.runWithRetry();
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves with the report of the next session that completes. */
  nextSession(): Promise<SessionReport> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves once no session is running or queued and no reboot/transfer is in progress. */
  async idle(): Promise<void> {
    while (this.running || this.queued || this.busy > 0) await sleep(5);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const wake of this.sleepers) wake();
    await this.chain;
  }

  private async runWithRetry(): Promise<SessionReport> {
    this.running = true;
    try {
      let report = await this.attempt();
      for (let n = 1; !report.ok && report.retryAfterSeconds !== undefined && n < this.options.maxAttempts && !this.closed; n += 1) {
        await this.pause(Math.min(report.retryAfterSeconds, this.options.maxRetryAfterSeconds) * 1000);
        report = await this.attempt();
      }
      this.finish(report);
      return report;
    } finally {
      this.running = false;
    }
  }

  /** A wait that close() cuts short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async attempt(): Promise<SessionReport> {
    this.options.beforeSession?.();
    const report = await this.options.limiter(() => runCwmpSession(this.cpe, this.options.session, this.failures));
    this.failures = report.ok ? 0 : this.failures + 1;
    return report;
  }

  private finish(report: SessionReport): void {
    this.sessions.push(report);
    for (const resolve of this.waiters.splice(0)) resolve(report);
    this.options.onSession?.(report);
    for (const action of this.cpe.takeActions()) this.perform(action);
    if (!report.ok && this.options.retryFailedSessions) this.after(this.backoffMs(), () => this.kick(), false);
  }

  /** TR-069 3.2.1.1 with the defaults (5 s minimum, multiplier 2.0), randomised in the range. */
  private backoffMs(): number {
    const n = Math.min(this.failures, 10);
    const low = 5000 * 2 ** (n - 1);
    return low + Math.random() * low;
  }

  private kick(): void {
    if (this.options.autoSessions && !this.closed) void this.session();
  }

  /** Runs `work` after `ms`; `busy` work keeps idle() waiting. */
  private after(ms: number, work: () => void | Promise<void>, busy: boolean): void {
    if (this.closed) return;
    if (busy) this.busy += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void Promise.resolve()
        .then(work)
        .catch(() => undefined)
        .finally(() => {
          if (busy) this.busy -= 1;
        });
    }, ms);
    this.timers.add(timer);
  }

  private perform(action: CpeAction): void {
    const cpe = this.cpe;
    switch (action.kind) {
      case 'reboot':
        this.after(
          this.options.rebootDelayMs,
          () => {
            cpe.reboot(action.commandKey);
            this.kick();
          },
          true,
        );
        break;
      case 'factoryReset':
        this.after(
          this.options.rebootDelayMs,
          () => {
            cpe.factoryReset();
            this.options.onFactoryReset?.();
            this.kick();
          },
          true,
        );
        break;
      case 'scheduleInform':
        this.after(
          action.delaySeconds * 1000,
          () => {
            cpe.events.add('3 SCHEDULED');
            cpe.events.add('M ScheduleInform', action.commandKey);
            this.kick();
          },
          false,
        );
        break;
      case 'download':
        this.after(action.request.delaySeconds * 1000, () => this.download(action.request), true);
        break;
      case 'upload':
        this.after(action.request.delaySeconds * 1000, () => this.upload(action.request), true);
        break;
      case 'diagnostic':
        // The run ends with an Inform carrying '8 DIAGNOSTICS COMPLETE' (TR-069 3.7.1.5).
        if (cpe.diagnostics.never?.includes(action.diagnostic) === true) break;
        this.after(
          cpe.diagnostics.delayMs ?? 1000,
          async () => {
            await runDiagnostic(cpe.model, action.object, action.diagnostic);
            cpe.events.add('8 DIAGNOSTICS COMPLETE');
            this.kick();
          },
          true,
        );
        break;
    }
  }

  private forVersion(outcome: TransferOutcome, isDownload: boolean): TransferOutcome {
    const ns = this.options.session.cwmpNamespace ?? 'urn:dslforum-org:cwmp-1-0';
    outcome.complete.fault = transferFaultForVersion(outcome.complete.fault, ns, isDownload);
    return outcome;
  }

  /**
   * A download, then (a firmware image) the reboot that installs it: the TransferComplete goes
   * in the first session after the boot, whose Inform carries '1 BOOT', 'M Download' and
   * '7 TRANSFER COMPLETE' as real CPEs do (TR-069 A.3.2.8). cpe.firmwareFailure makes it fail.
   */
  private async download(request: Extract<CpeAction, { kind: 'download' }>['request']): Promise<void> {
    const failure = request.fileType.startsWith('1 ') ? this.cpe.firmwareFailure : undefined;
    if (failure === 'never') return;
    const outcome = this.forVersion(await performDownload(request), true);
    if (failure === 'fault-9010' || failure === 'fault-9016') {
      const code = failure === 'fault-9010' ? 9010 : 9016;
      outcome.complete.fault = { code, string: `${faultText(code)}: simulated failure` };
    }
    const ok = outcome.complete.fault.code === 0;
    const applied =
      ok && outcome.file !== undefined ? applyDownloadedFile(this.cpe.model, request.fileType, outcome.file) : { reboot: false };
    const events = [
      { code: '7 TRANSFER COMPLETE', commandKey: '' },
      { code: 'M Download', commandKey: request.commandKey },
    ];
    if (!applied.reboot) {
      this.cpe.queueTransferComplete(outcome.complete, events);
      this.kick();
      return;
    }
    // Installing takes the reboot; the TransferComplete is reported once the device is back.
    await this.pause(this.options.rebootDelayMs);
    if (this.closed) return;
    if (applied.version !== undefined && failure !== 'old-version') installFirmware(this.cpe.model, applied.version);
    outcome.complete.completeTime = new Date().toISOString();
    this.cpe.queueTransferComplete(outcome.complete, [{ code: '1 BOOT', commandKey: '' }, ...events]);
    this.kick();
  }

  private async upload(request: Extract<CpeAction, { kind: 'upload' }>['request']): Promise<void> {
    const outcome = this.forVersion(await performUpload(request, uploadContent(this.cpe.model, request.fileType)), false);
    this.cpe.queueTransferComplete(outcome.complete, [
      { code: '7 TRANSFER COMPLETE', commandKey: '' },
      { code: 'M Upload', commandKey: request.commandKey },
    ]);
    this.kick();
  }
}
