// History retention: the operator's setting (days to keep, rows always kept per device) and the
// background passes that apply it. A pass walks every device in small batches, each its own
// transaction, yielding to the event loop in between so CPE sessions are never held up for
// long. One pass at a time; a pass asked for while one runs joins it.
import { AcsError } from '../../../shared/errors.ts';
import type { HistoryPruneReport, HistoryRetention, HistorySettings } from '../../../shared/models.ts';
import type { Logger } from '../acs-types.ts';
import { emptyRemoved, totalRemoved } from '../store/history.ts';
import type { Store } from '../store/index.ts';

export const RETENTION_SETTING = 'historyRetention';
export const LAST_PRUNE_SETTING = 'historyLastPrune';
export const defaultRetention: HistoryRetention = { days: 30, keepPerDevice: 20 };

const DAY_MS = 86_400_000;

export interface HistoryRetentionOptions {
  store: Store;
  log: Logger;
  now?: () => Date;
  /** Between the end of one scheduled pass and the start of the next (default one hour). */
  intervalMs?: number;
  /** From start to the first pass (default two minutes, to keep the start quick); null: never scheduled. */
  firstDelayMs?: number | null;
  /** Batch bounds: devices visited and rows removed per transaction. */
  batchDevices?: number;
  batchRows?: number;
}

export interface HistoryRetentionService {
  settings(): HistorySettings;
  /** Validates and saves; the next pass uses the new values. */
  update(changes: Partial<HistoryRetention>): HistorySettings;
  /** Runs a pass now (or joins the running one) and resolves with its report. */
  pruneNow(): Promise<HistoryPruneReport>;
  /** Stops scheduling and waits for a running pass to stop at its next batch boundary. */
  close(): Promise<void>;
}

// At least one row per device is kept: see HistoryPolicy.keepPerDevice.
const limits = { days: [1, 3650], keepPerDevice: [1, 1000] } as const;

function inRange(v: unknown, [min, max]: readonly [number, number]): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** Checks a change of retention; throws bad_request naming the field. */
export function validateRetention(base: HistoryRetention, changes: Partial<HistoryRetention>): HistoryRetention {
  const out = { ...base };
  for (const key of ['days', 'keepPerDevice'] as const) {
    const v: unknown = changes[key];
    if (v === undefined) continue;
    const [min, max] = limits[key];
    if (!inRange(v, limits[key])) throw new AcsError('bad_request', `'${key}' must be a whole number from ${min} to ${max}`);
    out[key] = v;
  }
  return out;
}

function isRetention(v: unknown): v is HistoryRetention {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return inRange(r.days, limits.days) && inRange(r.keepPerDevice, limits.keepPerDevice);
}

const samePolicy = (a: HistoryRetention, b: HistoryRetention): boolean => a.days === b.days && a.keepPerDevice === b.keepPerDevice;

function isReport(v: unknown): v is HistoryPruneReport {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as HistoryPruneReport).startedAt === 'string' &&
    typeof (v as HistoryPruneReport).removed === 'object'
  );
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createHistoryRetention(options: HistoryRetentionOptions): HistoryRetentionService {
  const { store, log } = options;
  const now = options.now ?? ((): Date => new Date());
  const intervalMs = options.intervalMs ?? 3_600_000;
  const batchDevices = options.batchDevices ?? 200;
  const batchRows = options.batchRows ?? 2_000;
  let running: Promise<HistoryPruneReport> | null = null;
  /** The retention the running pass applies. */
  let runningPolicy: HistoryRetention | null = null;
  let closing = false;
  let timer: NodeJS.Timeout | null = null;
  let nextAt: Date | null = null;

  const retention = (): HistoryRetention => store.settings.get(RETENTION_SETTING, isRetention) ?? defaultRetention;

  async function pass(policy: HistoryRetention): Promise<HistoryPruneReport> {
    const startedAt = now();
    const cutoff = new Date(startedAt.getTime() - policy.days * DAY_MS).toISOString();
    const removed = emptyRemoved();
    let after = 0;
    let devices = 0;
    let interrupted = false;
    for (;;) {
      if (closing) {
        interrupted = true;
        break;
      }
      const input = { afterSeq: after, cutoff, keepPerDevice: policy.keepPerDevice, maxDevices: batchDevices, maxRows: batchRows };
      const r = store.lightTransaction(() => store.history.pruneBatch(input));
      devices += r.devices;
      for (const k of Object.keys(removed) as (keyof typeof removed)[]) removed[k] += r.removed[k];
      if (r.next === null) break;
      after = r.next;
      await nextTurn();
    }
    const report: HistoryPruneReport = {
      startedAt: startedAt.toISOString(),
      finishedAt: now().toISOString(),
      devices,
      removed,
      interrupted,
    };
    store.settings.set(LAST_PRUNE_SETTING, report);
    if (totalRemoved(removed) > 0 || interrupted)
      log.info('history pruned', { days: policy.days, keepPerDevice: policy.keepPerDevice, devices, ...removed, interrupted });
    return report;
  }

  function pruneNow(): Promise<HistoryPruneReport> {
    if (closing) return Promise.reject(new AcsError('unavailable', 'the ACS is stopping'));
    const policy = retention();
    if (running !== null) {
      if (runningPolicy !== null && samePolicy(runningPolicy, policy)) return running;
      // The running pass applies an older setting: this request gets a pass with the new one.
      return running.catch(() => undefined).then(() => pruneNow());
    }
    const current = pass(policy).finally(() => {
      running = null;
      runningPolicy = null;
    });
    running = current;
    runningPolicy = policy;
    return current;
  }

  function schedule(delayMs: number): void {
    if (closing) return;
    nextAt = new Date(now().getTime() + delayMs);
    timer = setTimeout(() => {
      timer = null;
      nextAt = null;
      pruneNow()
        .catch((err: unknown) => log.error('history pruning failed', { error: err instanceof Error ? err.message : String(err) }))
        .finally(() => schedule(intervalMs));
    }, delayMs);
    timer.unref();
  }

  const firstDelayMs = options.firstDelayMs === undefined ? 120_000 : options.firstDelayMs;
  if (firstDelayMs !== null) schedule(firstDelayMs);

  const settings = (): HistorySettings => ({
    ...retention(),
    lastPrune: store.settings.get(LAST_PRUNE_SETTING, isReport) ?? null,
    pruning: running !== null,
    nextPruneAt: nextAt === null ? null : nextAt.toISOString(),
  });

  return {
    settings,
    update: (changes) => {
      const before = retention();
      const next = validateRetention(before, changes);
      if (!samePolicy(before, next)) {
        store.settings.set(RETENTION_SETTING, next);
        log.info('history retention changed', { ...next });
      }
      return settings();
    },
    pruneNow,
    close: async () => {
      closing = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      nextAt = null;
      if (running !== null) await running.catch(() => undefined);
    },
  };
}
