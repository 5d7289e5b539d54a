// Configuration backups (migration 013): one row per backup of a device. An upload's bytes live
// under <data>/backups/<sha256> (services/backups.ts); a snapshot's values are in the row.
import type { Backup, BackupKind, BackupOrigin } from '../../../shared/models-backups.ts';
import type { Db } from './db.ts';
import { fromJson, toJson } from './json.ts';

export type SnapshotValues = [string, string, string][];

export type BackupInput = Omit<Backup, 'id' | 'createdAt'> & { snapshot?: SnapshotValues };

export interface BackupRepository {
  insert(input: BackupInput, at: Date): Backup;
  get(id: number): Backup | undefined;
  /** Newest first. */
  listByDevice(deviceId: string): Backup[];
  /** A snapshot's values; null for uploads. */
  snapshotValues(id: number): SnapshotValues | null;
  setLabel(id: number, label: string): Backup | undefined;
  remove(id: number): boolean;
  /** Whether any upload still names these bytes. */
  shaInUse(sha256: string): boolean;
  /** The sha256 of every upload's bytes (the clean-up keeps these). */
  uploadShas(): Set<string>;
  /** When the device's newest backup was taken, or null without one. */
  newestAt(deviceId: string): string | null;
  /** Unlabelled backups of the device beyond its newest `keep` (oldest last). */
  beyondNewest(deviceId: string, keep: number): Backup[];
}

interface Row {
  id: number;
  device_id: string;
  kind: BackupKind;
  file_type: string;
  size: number;
  sha256: string;
  parameter_count: number;
  software_version: string;
  origin: BackupOrigin;
  label: string;
  task_id: number | null;
  is_text: number;
  created_at: string;
}

const COLS = `id, device_id, kind, file_type, size, sha256, parameter_count, software_version, origin, label, task_id, is_text, created_at`;

function toBackup(r: Row): Backup {
  return {
    id: r.id,
    deviceId: r.device_id,
    kind: r.kind,
    fileType: r.file_type,
    size: r.size,
    sha256: r.sha256,
    parameterCount: r.parameter_count,
    softwareVersion: r.software_version,
    origin: r.origin,
    label: r.label,
    taskId: r.task_id,
    text: r.is_text === 1,
    createdAt: r.created_at,
  };
}

export function createBackupRepository(db: Db): BackupRepository {
  const insert = db.prepare(
    `INSERT INTO backups (device_id, kind, file_type, size, sha256, parameter_count, software_version, origin, label, task_id, is_text, snapshot, created_at)
     VALUES (@deviceId, @kind, @fileType, @size, @sha256, @parameterCount, @softwareVersion, @origin, @label, @taskId, @isText, @snapshot, @createdAt)`,
  );
  const byId = db.prepare<[number], Row>(`SELECT ${COLS} FROM backups WHERE id = ?`);
  const byDevice = db.prepare<[string], Row>(`SELECT ${COLS} FROM backups WHERE device_id = ? ORDER BY id DESC`);
  const snapshot = db.prepare<[number], string | null>('SELECT snapshot FROM backups WHERE id = ?').pluck();
  const label = db.prepare<[string, number]>('UPDATE backups SET label = ? WHERE id = ?');
  const del = db.prepare<[number]>('DELETE FROM backups WHERE id = ?');
  const inUse = db.prepare<[string], number>(`SELECT 1 FROM backups WHERE sha256 = ? AND kind = 'upload' LIMIT 1`).pluck();
  const shas = db.prepare<[], string>(`SELECT DISTINCT sha256 FROM backups WHERE kind = 'upload'`).pluck();
  const newest = db.prepare<[string], string>('SELECT created_at FROM backups WHERE device_id = ? ORDER BY id DESC LIMIT 1').pluck();
  const beyond = db.prepare<[{ device: string; keep: number }], Row>(
    `SELECT ${COLS} FROM backups WHERE device_id = @device AND label = '' AND id NOT IN
       (SELECT id FROM backups WHERE device_id = @device ORDER BY id DESC LIMIT @keep)
     ORDER BY id DESC`,
  );
  const get = (id: number): Backup | undefined => {
    const row = byId.get(id);
    return row === undefined ? undefined : toBackup(row);
  };
  return {
    insert: (b, at) => {
      const { snapshot: values, text, ...rest } = b;
      const id = Number(
        insert.run({ ...rest, isText: text ? 1 : 0, snapshot: values === undefined ? null : toJson(values), createdAt: at.toISOString() })
          .lastInsertRowid,
      );
      return get(id) as Backup;
    },
    get,
    listByDevice: (deviceId) => byDevice.all(deviceId).map(toBackup),
    snapshotValues: (id) => {
      const json = snapshot.get(id);
      return typeof json === 'string' ? (fromJson(json) as SnapshotValues) : null;
    },
    setLabel: (id, text) => {
      label.run(text, id);
      return get(id);
    },
    remove: (id) => del.run(id).changes > 0,
    shaInUse: (sha256) => inUse.get(sha256) === 1,
    uploadShas: () => new Set(shas.all()),
    newestAt: (deviceId) => newest.get(deviceId) ?? null,
    beyondNewest: (deviceId, keep) => beyond.all({ device: deviceId, keep }).map(toBackup),
  };
}
