// Configuration backups (issue #12, item 5): the files devices upload to DeskACS (Upload to a
// per-transfer URL, files/upload-receive.ts) and snapshots of stored writable values, listed,
// read, labelled, deleted and kept within the per-device limit. Upload bytes live under
// <data>/backups/<sha256>: equal contents are stored once, and bytes go when no backup names them.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AcsError } from '../../../shared/errors.ts';
import type { Backup, BackupContent, BackupOrigin } from '../../../shared/models-backups.ts';
import type { Logger } from '../acs-types.ts';
import type { EventHub } from '../events.ts';
import type { ReceivedFile } from '../files/upload-receive.ts';
import type { BackupTransfer, Store } from '../store/index.ts';
import { backupPolicy } from './backups-settings.ts';
import { takeSnapshot } from './backups-snapshot.ts';

/** Binary uploads up to this size are given whole (base64) by getBackup. */
const MAX_BASE64_BYTES = 1024 ** 2;
/** TR-069 A.5 fault 9000: Method not supported (an Upload the device does not have). */
export const METHOD_NOT_SUPPORTED = 9000;

export interface BackupServiceDeps {
  store: Store;
  events: EventHub;
  dataDir: string;
  log: Logger;
  now: () => Date;
}

export interface BackupService {
  list(deviceId: string): Backup[];
  get(backupId: number): Backup;
  content(backupId: number): Promise<BackupContent>;
  snapshot(deviceId: string, label: string, origin: BackupOrigin): Backup;
  relabel(backupId: number, label: string): Backup;
  remove(backupId: number): Promise<{ removed: boolean }>;
  /** Keeps a completely received upload as its transfer's backup (upload-receive.ts). */
  keep(transfer: BackupTransfer, file: ReceivedFile): Promise<Backup>;
  /** Removes the device's unlabelled backups beyond its newest keepPerDevice. */
  prune(deviceId: string): Promise<number>;
  pathOf(backup: Backup): string;
  /** Where uploads are written while they arrive. */
  partialDir: string;
  close(): Promise<void>;
}

export function createBackupService(deps: BackupServiceDeps): BackupService {
  const { store, events, now, log } = deps;
  const dir = join(deps.dataDir, 'backups');
  const partialDir = join(dir, '.partial');
  mkdirSync(partialDir, { recursive: true });
  // Bodies of an earlier run that never arrived whole: none can be resumed.
  for (const name of readdirSync(partialDir)) rmSync(join(partialDir, name), { force: true });
  /** Bytes being kept right now: the clean-up leaves them alone until their row exists. */
  const incoming = new Set<string>();
  const pathOfSha = (sha256: string): string => join(dir, sha256);
  const changed = (b: { deviceId: string; id: number }): void => events.emit('backupsChanged', { deviceId: b.deviceId, backupId: b.id });

  const mustGet = (backupId: number): Backup => {
    const b = store.backups.get(backupId);
    if (b === undefined) throw new AcsError('not_found', `no backup ${backupId}`);
    return b;
  };

  async function dropBytes(shas: Iterable<string>): Promise<void> {
    for (const sha of new Set(shas)) {
      if (incoming.has(sha) || store.backups.shaInUse(sha)) continue;
      await rm(pathOfSha(sha), { force: true }).catch((err: unknown) => log.warn('backup bytes not removed', { sha, error: String(err) }));
    }
  }

  /** Bytes no backup names any more (a deleted device took its backups with it). */
  async function collectGarbage(): Promise<void> {
    const kept = store.backups.uploadShas();
    const names = readdirSync(dir).filter((n) => /^[0-9a-f]{64}$/.test(n) && !kept.has(n));
    await dropBytes(names);
  }

  async function prune(deviceId: string): Promise<number> {
    const { keepPerDevice } = backupPolicy(store);
    const gone = store.transaction(() => store.backups.beyondNewest(deviceId, keepPerDevice).filter((b) => store.backups.remove(b.id)));
    await dropBytes(gone.filter((b) => b.kind === 'upload').map((b) => b.sha256));
    for (const b of gone) changed(b);
    return gone.length;
  }

  const offDevices = events.on('devicesChanged', (e) => {
    if (e.change === 'deleted') void collectGarbage().catch((err: unknown) => log.warn('backup clean-up failed', { error: String(err) }));
  });
  // A device without Upload (fault 9000 to an Upload to DeskACS) gets a snapshot instead.
  const offTasks = events.on('taskUpdated', (e) => {
    if (e.status !== 'fault') return;
    const b = snapshotInsteadOfUpload(deps, e.taskId);
    if (b === null) return;
    changed(b);
    void prune(b.deviceId);
  });
  void collectGarbage().catch((err: unknown) => log.warn('backup clean-up failed', { error: String(err) }));

  return {
    list: (deviceId) => {
      if (!store.devices.exists(deviceId)) throw new AcsError('not_found', `no device with id '${deviceId}'`);
      return store.backups.listByDevice(deviceId);
    },
    get: mustGet,
    content: async (backupId) => {
      const backup = mustGet(backupId);
      if (backup.kind === 'snapshot') return { backup, text: null, base64: null, values: store.backups.snapshotValues(backupId) ?? [] };
      const path = pathOfSha(backup.sha256);
      if (backup.text) return { backup, text: await readFile(path, 'utf8'), base64: null, values: null };
      const base64 = backup.size <= MAX_BASE64_BYTES ? (await readFile(path)).toString('base64') : null;
      return { backup, text: null, base64, values: null };
    },
    snapshot: (deviceId, label, origin) => {
      const b = store.transaction(() => takeSnapshot(store, deviceId, origin, label, now()));
      changed(b);
      void prune(deviceId);
      return b;
    },
    relabel: (backupId, label) => {
      mustGet(backupId);
      const b = store.backups.setLabel(backupId, label.trim()) as Backup;
      changed(b);
      return b;
    },
    remove: async (backupId) => {
      const b = store.backups.get(backupId);
      if (b === undefined || !store.backups.remove(backupId)) return { removed: false };
      if (b.kind === 'upload') await dropBytes([b.sha256]);
      changed(b);
      return { removed: true };
    },
    keep: async (t, file) => {
      incoming.add(file.sha256);
      try {
        const dest = pathOfSha(file.sha256);
        if (existsSync(dest)) await rm(file.tempPath, { force: true });
        else await rename(file.tempPath, dest);
        const backup = store.transaction(() => insertUpload(store, t, file, now()));
        changed(backup);
        void prune(t.deviceId);
        return backup;
      } finally {
        incoming.delete(file.sha256);
      }
    },
    prune,
    pathOf: (b) => pathOfSha(b.sha256),
    partialDir,
    close: async () => {
      offDevices();
      offTasks();
    },
  };
}

/** The row of a received upload; a second upload to the same URL (the device retried) replaces the first. */
function insertUpload(store: Store, t: BackupTransfer, file: ReceivedFile, at: Date): Backup {
  const device = store.devices.get(t.deviceId);
  if (device === undefined) throw new AcsError('not_found', `device '${t.deviceId}' is gone`);
  const b = store.backups.insert(
    {
      deviceId: t.deviceId,
      kind: 'upload',
      fileType: t.fileType,
      size: file.size,
      sha256: file.sha256,
      parameterCount: 0,
      softwareVersion: device.softwareVersion,
      origin: t.origin,
      label: t.label,
      taskId: t.taskId,
      text: file.text,
    },
    at,
  );
  if (t.backupId !== null) store.backups.remove(t.backupId);
  store.backupTransfers.setBackup(t.id, b.id);
  return b;
}

/** A snapshot when an upload to DeskACS failed with 9000 Method not supported; null otherwise. */
function snapshotInsteadOfUpload(deps: BackupServiceDeps, taskId: number): Backup | null {
  const { store, log } = deps;
  const task = store.tasks.get(taskId);
  const args = (task?.args ?? {}) as { name?: string; url?: string; origin?: BackupOrigin; label?: string };
  if (task?.name !== 'upload' || args.url !== undefined || task.fault?.code !== METHOD_NOT_SUPPORTED) return null;
  try {
    const b = store.transaction(() => takeSnapshot(store, task.deviceId, args.origin ?? 'manual', args.label ?? '', deps.now()));
    log.info('the device has no Upload: a snapshot was kept instead', { device: task.deviceId, task: task.id, backup: b.id });
    return b;
  } catch (err) {
    log.warn('no snapshot instead of the upload', { device: task.deviceId, task: task.id, error: String(err) });
    return null;
  }
}
