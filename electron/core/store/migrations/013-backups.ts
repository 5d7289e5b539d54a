import type { Migration } from '../migrations.ts';

// Configuration backups (issue #12, item 5). backups: one row per backup of a device, an uploaded
// file (bytes under <data>/backups/<sha256>, shared by equal contents) or a snapshot of the
// stored writable values (kept here as JSON [[name, value, type], ...]). A deleted device takes
// its backups with it (the bytes no row names any more are then removed by services/backups.ts).
// backup_transfers: the per-transfer URLs of backups, like file_transfers: 'upload' (a device
// sends its file to DeskACS; backup_id is set once the bytes arrived whole) and 'download'
// (a restore: the backup served to its own device only). No foreign keys: the log outlives both.
export const migration013: Migration = {
  id: 13,
  name: 'backups',
  sql: `
CREATE TABLE backups (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('upload', 'snapshot')),
  file_type TEXT NOT NULL DEFAULT '',
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  parameter_count INTEGER NOT NULL DEFAULT 0,
  software_version TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL CHECK (origin IN ('manual', 'scheduled', 'api')),
  label TEXT NOT NULL DEFAULT '',
  task_id INTEGER,
  is_text INTEGER NOT NULL DEFAULT 0,
  snapshot TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX backups_by_device ON backups (device_id, id);
CREATE INDEX backups_by_sha256 ON backups (sha256);

CREATE TABLE backup_transfers (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  direction TEXT NOT NULL CHECK (direction IN ('upload', 'download')),
  device_id TEXT NOT NULL,
  task_id INTEGER,
  backup_id INTEGER,
  file_type TEXT NOT NULL DEFAULT '',
  origin TEXT NOT NULL DEFAULT 'manual',
  label TEXT NOT NULL DEFAULT '',
  username TEXT NOT NULL DEFAULT '',
  password TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX backup_transfers_by_task ON backup_transfers (task_id);
`,
};
