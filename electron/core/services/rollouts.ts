// Firmware rollouts (issue #12): one library file pushed to a selection in waves. createRollout
// resolves the selection into rollout_devices (waves of waveSizes: the first is the canary, the
// last size repeats), skipping devices already on the version or not matching the file's
// metadata. A scheduler (a timer, and a poke on every task change) runs passes
// (rollouts-scheduler.ts); all its state is in SQLite, so it resumes after a restart.
import type { ApiArgs } from '../../../shared/contract.ts';
import type { DeviceSelection } from '../../../shared/contract-args.ts';
import { AcsError } from '../../../shared/errors.ts';
import type { PushPreview, Rollout, RolloutDetail } from '../../../shared/models-files.ts';
import type { Logger } from '../acs-types.ts';
import type { EventHub } from '../events.ts';
import type { Store, StoredRollout } from '../store/index.ts';
import type { StoredTask } from '../store/tasks.ts';
import { alreadyOnVersion, fileMismatch, mustGetFile, previewPush } from './push-preview.ts';
import type { Quirks } from './quirks.ts';
import { runPass } from './rollouts-scheduler.ts';
import type { SelectionWalker } from './selection.ts';
import { DEFAULT_EXPIRY_SECONDS, findIdenticalLive, newCommandKey } from './tasks/service.ts';
import { parseTaskSpec } from './tasks/task-spec.ts';
import { validateTask } from './tasks/task-validate.ts';

const BATCH = 500;
const DEFAULT_TICK_MS = 5_000;

export interface RolloutDeps {
  store: Store;
  events: EventHub;
  walker: SelectionWalker;
  quirksFor: (deviceId: string) => Quirks;
  /** Connection requests to the devices whose download was just queued (in the background). */
  wake: (deviceIds: string[]) => void;
  now: () => Date;
  log: Logger;
  transferTimeoutMs: number;
  /** Scheduler passes at least this often (default 5 s); task changes poke it sooner. */
  tickMs?: number;
}

export interface RolloutService {
  create(args: ApiArgs<'createRollout'>): Promise<Rollout>;
  list(): Rollout[];
  get(rolloutId: number): RolloutDetail;
  pause(rolloutId: number): Rollout;
  resume(rolloutId: number): Rollout;
  cancel(rolloutId: number): Rollout;
  /** What pushing the file to the selection would do. */
  preview(args: ApiArgs<'previewPush'>): Promise<PushPreview>;
  /** Runs a scheduler pass over every active rollout now. */
  tick(): void;
  close(): void;
}

/** The wave of the device at `position` (0-based): the first sizes in order, then the last one repeating. */
export function waveOf(position: number, sizes: readonly number[]): number {
  let start = 0;
  for (let i = 0; i < sizes.length; i += 1) {
    const size = sizes[i] ?? 1;
    if (position < start + size) return i + 1;
    start += size;
  }
  const last = Math.max(1, sizes[sizes.length - 1] ?? 1);
  return sizes.length + 1 + Math.floor((position - start) / last);
}

function toRollout(r: StoredRollout): Rollout {
  const { fileType: _fileType, ...rollout } = r;
  return rollout;
}

export function createRolloutService(deps: RolloutDeps): RolloutService {
  const { store, events } = deps;
  let closed = false;
  let poke: NodeJS.Timeout | null = null;

  const mustGet = (id: number): StoredRollout => {
    const r = store.rollouts.get(id);
    if (r === undefined) throw new AcsError('not_found', `no rollout ${id}`);
    return r;
  };

  const queueDownload = (rollout: StoredRollout, deviceId: string): StoredTask => {
    const spec = parseTaskSpec({ name: 'download', fileType: rollout.fileType, fileId: rollout.fileId });
    const args = validateTask(store, deviceId, spec, deps.quirksFor(deviceId));
    // The same download already queued or running for the device (the operator's): followed, not repeated.
    const live = findIdenticalLive(store, deviceId, spec.name, args);
    if (live !== undefined) return live;
    const at = deps.now();
    return store.tasks.enqueue(deviceId, spec.name, args, {
      at,
      commandKey: newCommandKey(),
      expiresAt: new Date(at.getTime() + DEFAULT_EXPIRY_SECONDS * 1000),
    });
  };

  const pass = (rolloutId: number): void => {
    const now = deps.now();
    const result = store.transaction(() => runPass({ store, now, queueDownload, transferTimeoutMs: deps.transferTimeoutMs }, rolloutId));
    for (const t of result.started) events.emit('taskUpdated', { taskId: t.id, deviceId: t.deviceId, status: t.status, batchId: null });
    if (result.started.length > 0) deps.wake(result.started.map((t) => t.deviceId));
    if (result.changed) events.emit('rolloutUpdated', { rolloutId, state: store.rollouts.get(rolloutId)?.state ?? 'done' });
  };

  const tick = (): void => {
    if (closed) return;
    for (const id of store.rollouts.activeIds()) {
      try {
        pass(id);
      } catch (err) {
        deps.log.error('rollout scheduler pass failed', { rollout: id, error: err instanceof Error ? err.stack : String(err) });
      }
    }
  };

  const soon = (): void => {
    if (closed || poke !== null) return;
    poke = setTimeout(() => {
      poke = null;
      tick();
    }, 10);
  };

  const timer = setInterval(tick, deps.tickMs ?? DEFAULT_TICK_MS);
  timer.unref();
  const offTasks = events.on('taskUpdated', soon);
  // Resume what a previous run left (the rows say where every device stands).
  setImmediate(tick);

  const changeState = (id: number, state: Rollout['state'], reason: string): void => {
    store.rollouts.setState(id, state, reason, deps.now());
    events.emit('rolloutUpdated', { rolloutId: id, state });
  };

  return {
    async create(args) {
      const file = mustGetFile(store, args.fileId);
      const at = deps.now();
      const skipCurrent = args.skipCurrent ?? true;
      const rolloutId = store.transaction(() =>
        store.rollouts.create(
          {
            fileId: file.id,
            fileName: file.name,
            fileType: file.fileType,
            version: file.version,
            waveSizes: args.waveSizes,
            concurrency: args.concurrency,
            failureThreshold: args.failureThreshold,
            window: args.window ?? null,
          },
          at,
        ),
      );
      let position = 0;
      await deps.walker.walk(rolloutSelection(args), at, BATCH, (ids) => {
        const rows = [];
        for (const id of ids) {
          const d = store.devices.get(id);
          if (d === undefined) continue;
          const base = { deviceId: id, serialNumber: d.serialNumber, fromVersion: d.softwareVersion };
          const mismatch = fileMismatch(file, d);
          if (mismatch !== '') rows.push({ ...base, wave: 0, position: 0, state: 'skipped' as const, message: mismatch });
          else if (skipCurrent && alreadyOnVersion(file, d))
            rows.push({ ...base, wave: 0, position: 0, state: 'skipped' as const, message: `already on version ${file.version}` });
          else {
            rows.push({ ...base, wave: waveOf(position, args.waveSizes), position, state: 'waiting' as const, message: '' });
            position += 1;
          }
        }
        store.rollouts.addDevices(rolloutId, rows, at);
        return undefined;
      });
      changeState(rolloutId, 'running', '');
      pass(rolloutId);
      return toRollout(mustGet(rolloutId));
    },
    list: () => store.rollouts.list().map(toRollout),
    get(rolloutId) {
      const r = mustGet(rolloutId);
      return { ...toRollout(r), devices: store.rollouts.devices(rolloutId) };
    },
    pause(rolloutId) {
      const r = mustGet(rolloutId);
      if (r.state !== 'running' && r.state !== 'scheduled')
        throw new AcsError('conflict', `rollout ${rolloutId} is ${r.state}: only a running rollout can be paused`);
      changeState(rolloutId, 'paused', 'paused by the operator; downloads in flight finish');
      return toRollout(mustGet(rolloutId));
    },
    resume(rolloutId) {
      const r = mustGet(rolloutId);
      if (r.state !== 'paused') throw new AcsError('conflict', `rollout ${rolloutId} is ${r.state}: only a paused rollout can be resumed`);
      store.transaction(() => {
        // A wave that paused the rollout by its failures is over: the operator's resume opens the next.
        const c = store.rollouts.waveCounts(rolloutId, r.currentWave);
        if (c.waiting + c.downloading + c.rebooting === 0 && r.currentWave < store.rollouts.lastWave(rolloutId))
          store.rollouts.setWave(rolloutId, r.currentWave + 1);
        store.rollouts.setState(rolloutId, 'running', '', deps.now());
      });
      events.emit('rolloutUpdated', { rolloutId, state: 'running' });
      pass(rolloutId);
      return toRollout(mustGet(rolloutId));
    },
    cancel(rolloutId) {
      const r = mustGet(rolloutId);
      if (r.state === 'done' || r.state === 'cancelled') throw new AcsError('conflict', `rollout ${rolloutId} is already ${r.state}`);
      const now = deps.now();
      const cancelledTasks: StoredTask[] = [];
      store.transaction(() => {
        for (const d of store.rollouts.inFlight(rolloutId)) {
          if (d.taskId === null || !store.tasks.cancel(d.taskId, now)) continue;
          const task = store.tasks.get(d.taskId);
          if (task !== undefined) cancelledTasks.push(task);
          store.rollouts.updateDevice(
            rolloutId,
            d.deviceId,
            { state: 'skipped', message: 'cancelled with the rollout before its download' },
            now,
          );
        }
        store.rollouts.skipWaiting(rolloutId, 'cancelled with the rollout', now);
        store.rollouts.setState(rolloutId, 'cancelled', 'cancelled by the operator; downloads in flight finish', now);
      });
      for (const t of cancelledTasks) events.emit('taskUpdated', { taskId: t.id, deviceId: t.deviceId, status: t.status, batchId: null });
      events.emit('rolloutUpdated', { rolloutId, state: 'cancelled' });
      return toRollout(mustGet(rolloutId));
    },
    preview: (args) => previewPush(store, deps.walker, args, deps.now()),
    tick,
    close() {
      closed = true;
      clearInterval(timer);
      if (poke !== null) clearTimeout(poke);
      offTasks();
    },
  };
}

/** The devices a rollout names: a selection, or the `deviceIds` / `q` shorthands of the API. */
function rolloutSelection(args: ApiArgs<'createRollout'>): DeviceSelection {
  if (args.selection !== undefined) return args.selection;
  if (args.deviceIds !== undefined) return { ids: args.deviceIds };
  return { filter: { q: args.q ?? '' } };
}
