// Snapshots of a device's configuration for CPEs without Upload: its stored writable leaf values
// now, as [name, value, xsd type] sorted by name (the same bytes for the same values, so equal
// snapshots have equal sha256).
import { createHash } from 'node:crypto';
import { AcsError } from '../../../shared/errors.ts';
import type { Backup, BackupOrigin } from '../../../shared/models-backups.ts';
import type { SnapshotValues, Store } from '../store/index.ts';

/** The device's stored writable leaf values now, sorted by name. */
export function writableValues(store: Store, deviceId: string): SnapshotValues {
  return store.parameters
    .list(deviceId)
    .filter((p) => !p.object && p.writable === true && p.value !== null)
    .map((p): [string, string, string] => [p.path, p.value ?? '', p.type ?? 'xsd:string'])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Stores a snapshot of the device's writable values (inside the caller's transaction). */
export function takeSnapshot(store: Store, deviceId: string, origin: BackupOrigin, label: string, at: Date): Backup {
  const device = store.devices.get(deviceId);
  if (device === undefined) throw new AcsError('not_found', `no device with id '${deviceId}'`);
  const values = writableValues(store, deviceId);
  if (values.length === 0)
    throw new AcsError('bad_request', `device '${deviceId}' has no stored writable values to snapshot; refresh it first`);
  const bytes = Buffer.from(JSON.stringify(values), 'utf8');
  return store.backups.insert(
    {
      deviceId,
      kind: 'snapshot',
      fileType: '',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      parameterCount: values.length,
      softwareVersion: device.softwareVersion,
      origin,
      label,
      taskId: null,
      text: false,
      snapshot: values,
    },
    at,
  );
}
