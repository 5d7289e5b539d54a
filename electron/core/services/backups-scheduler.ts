// Scheduled backups: a pass shortly after start and then hourly. Every device whose newest backup
// is older than everyDays gets an upload task to DeskACS (no connection request: it runs at the
// device's next contact; never a second one while one is live) when it supports Upload, else a
// snapshot of its stored values. Devices are walked in batches, each its own transaction,
// yielding to CPE traffic in between; each device keeps its newest keepPerDevice backups.
import type { BackupSettings } from '../../../shared/models-backups.ts';
import type { Logger } from '../acs-types.ts';
import type { EventHub } from '../events.ts';
import type { Store } from '../store/index.ts';
import { METHOD_NOT_SUPPORTED, type BackupService } from './backups.ts';
import { BACKUP_LAST_RUN, backupPolicy, lastBackupRun, saveBackupPolicy, type BackupPolicy } from './backups-settings.ts';
import { takeSnapshot } from './backups-snapshot.ts';
import { BACKUP_FILE_TYPE } from './backups-tasks.ts';
import { newCommandKey } from './tasks/service.ts';

const DAY_MS = 86_400_000;
const BATCH_DEVICES = 200;

export interface BackupSchedulerOptions {
  store: Store;
  backups: BackupService;
  events: EventHub;
  log: Logger;
  now: () => Date;
  /** From start to the first pass (default five minutes); null: never scheduled. */
  firstDelayMs?: number | null | undefined;
  /** Between two passes (default one hour). */
  intervalMs?: number | undefined;
}

export interface BackupScheduler {
  settings(): BackupSettings;
  update(changes: Partial<BackupPolicy>): BackupSettings;
  /** One pass now (or the running one). */
  runPass(): Promise<{ uploads: number; snapshots: number }>;
  close(): Promise<void>;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createBackupScheduler(o: BackupSchedulerOptions): BackupScheduler {
  const { store, now, log } = o;
  const intervalMs = o.intervalMs ?? 3_600_000;
  let running: Promise<{ uploads: number; snapshots: number }> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let nextAt: Date | null = null;
  let closing = false;

  /** One device: an upload task or a snapshot when it is due; what it got. */
  function visit(deviceId: string, policy: BackupPolicy, at: Date): 'upload' | 'snapshot' | null {
    const newest = store.backups.newestAt(deviceId);
    if (newest !== null && at.getTime() - Date.parse(newest) < policy.everyDays * DAY_MS) return null;
    if (liveUpload(store, deviceId)) return null;
    if (supportsUpload(store, deviceId)) {
      const args = { name: 'upload', fileType: BACKUP_FILE_TYPE, origin: 'scheduled' };
      const task = store.tasks.enqueue(deviceId, 'upload', args, {
        at,
        commandKey: newCommandKey(),
        expiresAt: new Date(at.getTime() + policy.everyDays * DAY_MS),
      });
      o.events.emit('taskUpdated', { taskId: task.id, deviceId, status: task.status, batchId: null });
      return 'upload';
    }
    if (store.parameters.count(deviceId) === 0) return null;
    const b = takeSnapshot(store, deviceId, 'scheduled', '', at);
    o.events.emit('backupsChanged', { deviceId, backupId: b.id });
    return 'snapshot';
  }

  async function pass(): Promise<{ uploads: number; snapshots: number }> {
    const policy = backupPolicy(store);
    const at = now();
    const counts = { uploads: 0, snapshots: 0 };
    let after = 0;
    for (;;) {
      if (closing) break;
      const batch = store.devices.select({}, at, after, BATCH_DEVICES);
      if (batch.length === 0) break;
      const visited = store.transaction(() =>
        batch.map((d) => {
          try {
            return { id: d.id, got: visit(d.id, policy, at) };
          } catch (err) {
            log.warn('scheduled backup skipped', { device: d.id, error: String(err) });
            return { id: d.id, got: null };
          }
        }),
      );
      for (const v of visited) {
        if (v.got === 'upload') counts.uploads++;
        if (v.got === 'snapshot') {
          counts.snapshots++;
          await o.backups.prune(v.id);
        }
      }
      after = batch[batch.length - 1]?.seq ?? after;
      await nextTurn();
    }
    store.settings.set(BACKUP_LAST_RUN, { at: at.toISOString(), ...counts });
    if (counts.uploads + counts.snapshots > 0) log.info('scheduled backups', counts);
    return counts;
  }

  function runPass(): Promise<{ uploads: number; snapshots: number }> {
    if (running !== null) return running;
    running = pass().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule(delayMs: number): void {
    if (closing) return;
    nextAt = new Date(now().getTime() + delayMs);
    timer = setTimeout(() => {
      timer = null;
      nextAt = null;
      const go = backupPolicy(store).enabled ? runPass() : Promise.resolve(null);
      go.catch((err: unknown) => log.error('scheduled backups failed', { error: String(err) })).finally(() => schedule(intervalMs));
    }, delayMs);
    timer.unref();
  }
  const firstDelayMs = o.firstDelayMs === undefined ? 300_000 : o.firstDelayMs;
  if (firstDelayMs !== null) schedule(firstDelayMs);

  const settings = (): BackupSettings => {
    const policy = backupPolicy(store);
    return { ...policy, nextRunAt: policy.enabled && nextAt !== null ? nextAt.toISOString() : null, lastRun: lastBackupRun(store) };
  };
  return {
    settings,
    update: (changes) => {
      saveBackupPolicy(store, changes);
      return settings();
    },
    runPass,
    close: async () => {
      closing = true;
      if (timer !== null) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** A queued or running upload to DeskACS. */
function liveUpload(store: Store, deviceId: string): boolean {
  return (['queued', 'running'] as const).some((status) =>
    store.tasks.list({ deviceId, status, name: 'upload', limit: 20 }).some((t) => (t.args as { url?: string }).url === undefined),
  );
}

/**
 * Whether the device has Upload: its last GetRPCMethods answer names it, or (no list) its last
 * upload to DeskACS was not refused with 9000 Method not supported. Unknown counts as yes.
 */
export function supportsUpload(store: Store, deviceId: string): boolean {
  const listed = store.tasks.list({ deviceId, status: 'done', name: 'getRPCMethods', limit: 1 })[0];
  const methods = (listed?.result as { methods?: unknown } | null | undefined)?.methods;
  if (Array.isArray(methods)) return methods.includes('Upload');
  const last = store.tasks.list({ deviceId, name: 'upload', limit: 1 })[0];
  return last?.fault?.code !== METHOD_NOT_SUPPORTED;
}
