import type { Migration } from '../migrations.ts';

// The file library (issue #12): files kept under <data>/files/<sha256>, one row each (the same
// bytes are never stored twice: sha256 is unique). file_transfers: one unguessable URL per
// device, file and task (the token is the credential a CPE presents; optional Basic credentials
// of the Download RPC on top). file_fetches: every CPE fetch of a served URL, refused ones too
// (file_id/device_id null for a wrong token). No foreign keys from the logs: they outlive
// deleted files and devices, like faults.
export const migration011: Migration = {
  id: 11,
  name: 'files',
  sql: `
CREATE TABLE files (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  file_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL UNIQUE,
  version TEXT NOT NULL DEFAULT '',
  manufacturer TEXT NOT NULL DEFAULT '',
  oui TEXT NOT NULL DEFAULT '',
  product_class TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE file_transfers (
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,
  file_id INTEGER NOT NULL,
  device_id TEXT NOT NULL,
  task_id INTEGER,
  username TEXT NOT NULL DEFAULT '',
  password TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX file_transfers_by_file ON file_transfers (file_id);
CREATE INDEX file_transfers_by_task ON file_transfers (task_id);

CREATE TABLE file_fetches (
  id INTEGER PRIMARY KEY,
  file_id INTEGER,
  device_id TEXT,
  method TEXT NOT NULL,
  status INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  remote_address TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX file_fetches_by_file ON file_fetches (file_id, id);
CREATE INDEX file_fetches_by_device ON file_fetches (device_id, id);
`,
};
