// Firmware rollouts and their devices (migration 012). The scheduler (services/rollouts.ts)
// keeps everything it knows here, so a rollout resumes from these rows after a restart.
import {
  rolloutDeviceStates,
  type MaintenanceWindow,
  type Rollout,
  type RolloutDevice,
  type RolloutDeviceState,
  type RolloutState,
} from '../../../shared/models-files.ts';
import type { Db } from './db.ts';
import { fromJson, iso, toJson } from './json.ts';

export interface RolloutInput {
  fileId: number;
  fileName: string;
  fileType: string;
  version: string;
  waveSizes: number[];
  concurrency: number;
  failureThreshold: number;
  window: MaintenanceWindow | null;
}

export interface StoredRollout extends Rollout {
  fileType: string;
}

export interface RolloutDeviceInput {
  deviceId: string;
  serialNumber: string;
  /** 0 for skipped devices. */
  wave: number;
  position: number;
  state: 'waiting' | 'skipped';
  fromVersion: string;
  message: string;
}

export interface RolloutDeviceChange {
  state: RolloutDeviceState;
  taskId?: number | null;
  toVersion?: string | null;
  message?: string;
}

/** A device of a rollout whose download is in flight (downloading or rebooting). */
export interface InFlightDevice {
  deviceId: string;
  state: RolloutDeviceState;
  taskId: number | null;
}

export interface RolloutRepository {
  create(input: RolloutInput, at: Date): number;
  addDevices(rolloutId: number, devices: RolloutDeviceInput[], at: Date): void;
  get(id: number): StoredRollout | undefined;
  /** Newest first. */
  list(): StoredRollout[];
  /** Rollouts the scheduler must look at: not over, or cancelled with transfers still in flight. */
  activeIds(): number[];
  devices(rolloutId: number): RolloutDevice[];
  inFlight(rolloutId: number): InFlightDevice[];
  /** The next `limit` waiting devices of a wave, in their order. */
  nextWaiting(rolloutId: number, wave: number, limit: number): { deviceId: string }[];
  /** Devices of a wave by state. */
  waveCounts(rolloutId: number, wave: number): Record<RolloutDeviceState, number>;
  /** The highest wave number (0 when every device was skipped). */
  lastWave(rolloutId: number): number;
  updateDevice(rolloutId: number, deviceId: string, change: RolloutDeviceChange, at: Date): void;
  /** Every waiting device -> skipped with this message (a cancelled rollout); returns how many. */
  skipWaiting(rolloutId: number, message: string, at: Date): number;
  setState(id: number, state: RolloutState, reason: string, at: Date): void;
  setWave(id: number, wave: number): void;
}

interface RolloutRow {
  id: number;
  file_id: number;
  file_name: string;
  file_type: string;
  version: string;
  state: RolloutState;
  reason: string;
  wave_sizes: string;
  concurrency: number;
  failure_threshold: number;
  window_start: string | null;
  window_end: string | null;
  current_wave: number;
  created_at: string;
  finished_at: string | null;
}

interface DeviceRow {
  device_id: string;
  serial_number: string;
  wave: number;
  state: RolloutDeviceState;
  from_version: string;
  to_version: string | null;
  task_id: number | null;
  message: string;
  updated_at: string;
}

const ROLLOUT_COLS = `id, file_id, file_name, file_type, version, state, reason, wave_sizes, concurrency, failure_threshold,
  window_start, window_end, current_wave, created_at, finished_at`;

function emptyCounts(): Record<RolloutDeviceState, number> {
  return Object.fromEntries(rolloutDeviceStates.map((s) => [s, 0])) as Record<RolloutDeviceState, number>;
}

function waveSizesOf(text: string): number[] {
  const v = fromJson(text);
  return Array.isArray(v) ? v.filter((n): n is number => typeof n === 'number') : [];
}

export function createRolloutRepository(db: Db): RolloutRepository {
  const insert = db
    .prepare<[number, string, string, string, string, number, number, string | null, string | null, string], number>(
      `INSERT INTO rollouts (file_id, file_name, file_type, version, state, wave_sizes, concurrency, failure_threshold,
         window_start, window_end, created_at)
       VALUES (?, ?, ?, ?, 'scheduled', ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .pluck();
  const insertDevice = db.prepare<[number, string, string, number, number, string, string, string, string]>(
    `INSERT OR IGNORE INTO rollout_devices (rollout_id, device_id, serial_number, wave, position, state, from_version, message, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[number], RolloutRow>(`SELECT ${ROLLOUT_COLS} FROM rollouts WHERE id = ?`);
  const all = db.prepare<[], RolloutRow>(`SELECT ${ROLLOUT_COLS} FROM rollouts ORDER BY id DESC`);
  const counts = db.prepare<[number], { state: RolloutDeviceState; n: number }>(
    'SELECT state, count(*) AS n FROM rollout_devices WHERE rollout_id = ? GROUP BY state',
  );
  const active = db
    .prepare<[], number>(
      `SELECT id FROM rollouts WHERE state IN ('scheduled', 'running', 'paused')
         OR (state = 'cancelled' AND EXISTS (SELECT 1 FROM rollout_devices d
               WHERE d.rollout_id = rollouts.id AND d.state IN ('downloading', 'rebooting')))
       ORDER BY id`,
    )
    .pluck();
  const devices = db.prepare<[number], DeviceRow>(
    `SELECT device_id, serial_number, wave, state, from_version, to_version, task_id, message, updated_at
     FROM rollout_devices WHERE rollout_id = ? ORDER BY wave = 0, wave, position`,
  );
  const inFlight = db.prepare<[number], { device_id: string; state: RolloutDeviceState; task_id: number | null }>(
    `SELECT device_id, state, task_id FROM rollout_devices WHERE rollout_id = ? AND state IN ('downloading', 'rebooting')`,
  );
  const waiting = db.prepare<[number, number, number], { device_id: string }>(
    `SELECT device_id FROM rollout_devices WHERE rollout_id = ? AND wave = ? AND state = 'waiting' ORDER BY position LIMIT ?`,
  );
  const waveCounts = db.prepare<[number, number], { state: RolloutDeviceState; n: number }>(
    'SELECT state, count(*) AS n FROM rollout_devices WHERE rollout_id = ? AND wave = ? GROUP BY state',
  );
  const lastWave = db.prepare<[number], number>('SELECT coalesce(max(wave), 0) FROM rollout_devices WHERE rollout_id = ?').pluck();
  type UpdateArgs = {
    state: string;
    hasTask: number;
    taskId: number | null;
    hasVersion: number;
    toVersion: string | null;
    hasMessage: number;
    message: string;
    at: string;
    rollout: number;
    device: string;
  };
  const update = db.prepare<[UpdateArgs]>(
    `UPDATE rollout_devices SET state = @state,
       task_id = CASE WHEN @hasTask = 1 THEN @taskId ELSE task_id END,
       to_version = CASE WHEN @hasVersion = 1 THEN @toVersion ELSE to_version END,
       message = CASE WHEN @hasMessage = 1 THEN @message ELSE message END,
       updated_at = @at
     WHERE rollout_id = @rollout AND device_id = @device`,
  );
  const skip = db.prepare<[string, string, number]>(
    `UPDATE rollout_devices SET state = 'skipped', message = ?, updated_at = ? WHERE rollout_id = ? AND state = 'waiting'`,
  );
  const setState = db.prepare<[string, string, string | null, number]>(
    'UPDATE rollouts SET state = ?, reason = ?, finished_at = ? WHERE id = ?',
  );
  const setWave = db.prepare<[number, number]>('UPDATE rollouts SET current_wave = ? WHERE id = ?');

  const toRollout = (r: RolloutRow): StoredRollout => {
    const c = emptyCounts();
    for (const row of counts.all(r.id)) c[row.state] = row.n;
    return {
      id: r.id,
      fileId: r.file_id,
      fileName: r.file_name,
      fileType: r.file_type,
      version: r.version,
      state: r.state,
      reason: r.reason,
      waveSizes: waveSizesOf(r.wave_sizes),
      concurrency: r.concurrency,
      failureThreshold: r.failure_threshold,
      window: r.window_start === null || r.window_end === null ? null : { start: r.window_start, end: r.window_end },
      currentWave: r.current_wave,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
      counts: c,
    };
  };

  return {
    create: (input, at) => {
      const id = insert.get(
        input.fileId,
        input.fileName,
        input.fileType,
        input.version,
        toJson(input.waveSizes),
        input.concurrency,
        input.failureThreshold,
        input.window?.start ?? null,
        input.window?.end ?? null,
        iso(at),
      );
      if (id === undefined) throw new Error('INSERT ... RETURNING returned no row');
      return id;
    },
    addDevices: (rolloutId, list, at) => {
      const when = iso(at);
      for (const d of list)
        insertDevice.run(rolloutId, d.deviceId, d.serialNumber, d.wave, d.position, d.state, d.fromVersion, d.message, when);
    },
    get: (id) => {
      const row = byId.get(id);
      return row === undefined ? undefined : toRollout(row);
    },
    list: () => all.all().map(toRollout),
    activeIds: () => active.all(),
    devices: (rolloutId) =>
      devices.all(rolloutId).map((r) => ({
        deviceId: r.device_id,
        serialNumber: r.serial_number,
        wave: r.wave,
        state: r.state,
        fromVersion: r.from_version,
        toVersion: r.to_version,
        taskId: r.task_id,
        message: r.message,
        updatedAt: r.updated_at,
      })),
    inFlight: (rolloutId) => inFlight.all(rolloutId).map((r) => ({ deviceId: r.device_id, state: r.state, taskId: r.task_id })),
    nextWaiting: (rolloutId, wave, limit) => waiting.all(rolloutId, wave, limit).map((r) => ({ deviceId: r.device_id })),
    waveCounts: (rolloutId, wave) => {
      const c = emptyCounts();
      for (const row of waveCounts.all(rolloutId, wave)) c[row.state] = row.n;
      return c;
    },
    lastWave: (rolloutId) => lastWave.get(rolloutId) ?? 0,
    updateDevice: (rolloutId, deviceId, change, at) =>
      void update.run({
        state: change.state,
        hasTask: change.taskId !== undefined ? 1 : 0,
        taskId: change.taskId ?? null,
        hasVersion: change.toVersion !== undefined ? 1 : 0,
        toVersion: change.toVersion ?? null,
        hasMessage: change.message !== undefined ? 1 : 0,
        message: change.message ?? '',
        at: iso(at),
        rollout: rolloutId,
        device: deviceId,
      }),
    skipWaiting: (rolloutId, message, at) => skip.run(message, iso(at), rolloutId).changes,
    setState: (id, state, reason, at) => void setState.run(state, reason, state === 'done' || state === 'cancelled' ? iso(at) : null, id),
    setWave: (id, wave) => void setWave.run(wave, id),
  };
}
