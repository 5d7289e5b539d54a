// One pass of the rollout scheduler over one rollout, inside one transaction: follow the
// devices in flight through their download tasks, close the current wave (pause the rollout
// when too many of it failed, or open the next), and start downloads for the current wave up
// to the rollout's concurrency, only inside its maintenance window. Everything it decides is
// in SQLite, so a pass after a restart carries on where the last one stopped.
import type { MaintenanceWindow, RolloutDeviceState } from '../../../shared/models-files.ts';
import type { Store, StoredRollout } from '../store/index.ts';
import type { StoredTask } from '../store/tasks.ts';

/** What a pass did: whether anything changed, and the downloads it started (wake them after the commit). */
export interface PassResult {
  changed: boolean;
  started: StoredTask[];
}

export interface PassDeps {
  store: Store;
  now: Date;
  /** Queues the download task for a device; throws when the device cannot take it (its message is kept). */
  queueDownload: (rollout: StoredRollout, deviceId: string) => StoredTask;
  /** How long a transfer may wait for its TransferComplete (for the message of one that never came). */
  transferTimeoutMs: number;
}

/** Is `now` (local time) inside the window? A window may pass midnight (23:00-05:00); start = end is all day. */
export function inWindow(window: MaintenanceWindow | null, now: Date): boolean {
  if (window === null) return true;
  const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const start = minutes(window.start);
  const end = minutes(window.end);
  const t = now.getHours() * 60 + now.getMinutes();
  if (start === end) return true;
  return start < end ? t >= start && t < end : t >= start || t < end;
}

export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.round(ms / 1000)} s`;
}

interface DeviceOutcome {
  state: RolloutDeviceState;
  toVersion?: string | null;
  message?: string;
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Where a device stands, read from its download task. */
export function outcomeOf(task: StoredTask | undefined, cancelled: boolean, transferTimeoutMs: number): DeviceOutcome {
  if (task === undefined) return { state: 'failed', message: 'its download task is gone (removed from the history)' };
  const result = record(task.result);
  switch (task.status) {
    case 'queued':
      return { state: 'downloading' };
    case 'running':
      return { state: result.verifying === true ? 'rebooting' : 'downloading' };
    case 'done':
      if (result.verified === true) return { state: 'verified', toVersion: String(result.version ?? ''), message: '' };
      return { state: 'verified', message: 'transfer complete (the file names no version to verify)' };
    case 'fault':
      return { state: 'failed', message: task.fault?.message ?? 'the download failed' };
    case 'expired':
      return {
        state: 'failed',
        message:
          task.awaiting === 'transfer'
            ? `no TransferComplete within ${formatDuration(transferTimeoutMs)} of the download`
            : 'the device did not contact the ACS before the download expired',
      };
    case 'cancelled':
      return cancelled
        ? { state: 'skipped', message: 'cancelled with the rollout before its download' }
        : { state: 'failed', message: 'its download task was cancelled' };
  }
}

/** The devices in flight follow their tasks. */
function follow(deps: PassDeps, rollout: StoredRollout): boolean {
  const { store, now } = deps;
  let changed = false;
  for (const d of store.rollouts.inFlight(rollout.id)) {
    const task = d.taskId === null ? undefined : store.tasks.get(d.taskId);
    const outcome = outcomeOf(task, rollout.state === 'cancelled', deps.transferTimeoutMs);
    if (outcome.state === d.state && outcome.message === undefined) continue;
    store.rollouts.updateDevice(rollout.id, d.deviceId, outcome, now);
    changed = true;
  }
  return changed;
}

/** Closes finished waves: pauses the rollout above the failure threshold, else opens the next (or ends it). */
function closeWaves(deps: PassDeps, rollout: StoredRollout): boolean {
  const { store, now } = deps;
  let wave = rollout.currentWave;
  const last = store.rollouts.lastWave(rollout.id);
  for (;;) {
    const c = store.rollouts.waveCounts(rollout.id, wave);
    if (c.waiting + c.downloading + c.rebooting > 0) break;
    const ended = c.verified + c.failed;
    if (ended > 0 && c.failed / ended > rollout.failureThreshold) {
      const pct = (n: number): string => `${Math.round(n * 1000) / 10} %`;
      const reason = `wave ${wave}: ${c.failed} of ${ended} failed (${pct(c.failed / ended)}), above the ${pct(rollout.failureThreshold)} threshold`;
      store.rollouts.setState(rollout.id, 'paused', reason, now);
      rollout.state = 'paused';
      break;
    }
    if (wave >= last) {
      store.rollouts.setState(rollout.id, 'done', '', now);
      rollout.state = 'done';
      break;
    }
    wave += 1;
  }
  if (wave === rollout.currentWave) return rollout.state !== 'running';
  store.rollouts.setWave(rollout.id, wave);
  rollout.currentWave = wave;
  return true;
}

/** Starts downloads in the current wave while fewer than `concurrency` are in flight. */
function startDownloads(deps: PassDeps, rollout: StoredRollout, started: StoredTask[]): boolean {
  const { store, now } = deps;
  if (!inWindow(rollout.window, now)) return false;
  const inFlight = store.rollouts.inFlight(rollout.id).length;
  const room = rollout.concurrency - inFlight;
  if (room <= 0) return false;
  let changed = false;
  for (const { deviceId } of store.rollouts.nextWaiting(rollout.id, rollout.currentWave, room)) {
    changed = true;
    try {
      const task = deps.queueDownload(rollout, deviceId);
      store.rollouts.updateDevice(rollout.id, deviceId, { state: 'downloading', taskId: task.id }, now);
      started.push(task);
    } catch (err) {
      const message = `the download was refused: ${err instanceof Error ? err.message : String(err)}`;
      store.rollouts.updateDevice(rollout.id, deviceId, { state: 'failed', message }, now);
    }
  }
  return changed;
}

/** One scheduler pass over one rollout (call inside a transaction). */
export function runPass(deps: PassDeps, rolloutId: number): PassResult {
  const rollout = deps.store.rollouts.get(rolloutId);
  const started: StoredTask[] = [];
  if (rollout === undefined) return { changed: false, started };
  let changed = follow(deps, rollout);
  if (rollout.state !== 'running') return { changed, started };
  // A device that fails at once (a refused task) may finish its wave in the same pass.
  for (let i = 0; i < 3 && rollout.state === 'running'; i += 1) {
    if (closeWaves(deps, rollout)) changed = true;
    if (rollout.state !== 'running') break;
    if (!startDownloads(deps, rollout, started)) break;
    changed = true;
  }
  return { changed, started };
}
