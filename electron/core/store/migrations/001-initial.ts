// The initial schema. Released migrations are checksummed: never edit this text, add 002-...
//
// Index notes (sized for ~100k devices, p99 < 50 ms for search by serial, IP and value):
// - devices.seq is an explicit INTEGER PRIMARY KEY so rowids are stable across VACUUM: the
//   devices_search FTS table is keyed by it. The public id is UNIQUE and is what other tables
//   reference (a foreign key may target a UNIQUE column).
// - devices_search: FTS5 with the trigram tokenizer over the searchable text columns, so a
//   substring search (serial, IP, model, ...) of 3+ characters is an index lookup instead of
//   a LIKE '%q%' scan of every device. Kept in sync by triggers; the update trigger fires only
//   when a searchable column really changes, so a periodic Inform costs no FTS write.
// - devices_by_last_inform: the default listing (newest first) and its pagination.
// - parameters: WITHOUT ROWID, clustered on (device_id, path): a device's tree, or a subtree by
//   path prefix, is one contiguous range. parameters_by_path_value answers "which devices have
//   <path> = <value>" (or a value prefix) from the index alone (device_id is part of every
//   index entry). A free-text substring search over all values of all devices (~10^8 rows) is
//   deliberately not indexed: a trigram index that size would cost more than it saves.
// - Child tables are indexed (device_id, id): per-device listings and ON DELETE CASCADE.
//   session_id / task_id in events and faults are back-references without foreign keys, so
//   deleting sessions never scans those tables; rows go away with their device.
// - tasks_queued is partial (status = 'queued'): hasQueued/nextQueued touch only live rows.
import type { Migration } from '../migrations.ts';

const sql = `
CREATE TABLE devices (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE CHECK (id <> ''),
  oui TEXT NOT NULL,
  product_class TEXT NOT NULL,
  serial_number TEXT NOT NULL,
  manufacturer TEXT NOT NULL DEFAULT '',
  model_name TEXT NOT NULL DEFAULT '',
  software_version TEXT NOT NULL DEFAULT '',
  hardware_version TEXT NOT NULL DEFAULT '',
  connection_request_url TEXT NOT NULL DEFAULT '',
  ip_address TEXT NOT NULL DEFAULT '',
  root_object TEXT NOT NULL DEFAULT '' CHECK (root_object IN ('', 'Device', 'InternetGatewayDevice')),
  first_seen TEXT NOT NULL,
  last_inform TEXT,
  last_boot TEXT,
  periodic_interval INTEGER,
  cwmp_version TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) STRICT;

CREATE INDEX devices_by_last_inform ON devices (last_inform);

CREATE VIRTUAL TABLE devices_search USING fts5 (
  id, serial_number, product_class, oui, manufacturer, model_name, software_version, ip_address,
  tokenize = 'trigram'
);

CREATE TRIGGER devices_search_insert AFTER INSERT ON devices BEGIN
  INSERT INTO devices_search (rowid, id, serial_number, product_class, oui, manufacturer, model_name, software_version, ip_address)
  VALUES (new.seq, new.id, new.serial_number, new.product_class, new.oui, new.manufacturer, new.model_name, new.software_version, new.ip_address);
END;

CREATE TRIGGER devices_search_update AFTER UPDATE ON devices
WHEN old.id IS NOT new.id OR old.serial_number IS NOT new.serial_number
  OR old.product_class IS NOT new.product_class OR old.oui IS NOT new.oui
  OR old.manufacturer IS NOT new.manufacturer OR old.model_name IS NOT new.model_name
  OR old.software_version IS NOT new.software_version OR old.ip_address IS NOT new.ip_address
BEGIN
  DELETE FROM devices_search WHERE rowid = old.seq;
  INSERT INTO devices_search (rowid, id, serial_number, product_class, oui, manufacturer, model_name, software_version, ip_address)
  VALUES (new.seq, new.id, new.serial_number, new.product_class, new.oui, new.manufacturer, new.model_name, new.software_version, new.ip_address);
END;

CREATE TRIGGER devices_search_delete AFTER DELETE ON devices BEGIN
  DELETE FROM devices_search WHERE rowid = old.seq;
END;

CREATE TABLE parameters (
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  path TEXT NOT NULL CHECK (path <> ''),
  value TEXT,
  type TEXT,
  writable INTEGER CHECK (writable IN (0, 1)),
  object INTEGER NOT NULL DEFAULT 0 CHECK (object IN (0, 1)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (device_id, path)
) STRICT, WITHOUT ROWID;

CREATE INDEX parameters_by_path_value ON parameters (path, value);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  outcome TEXT NOT NULL DEFAULT 'open'
    CHECK (outcome IN ('open', 'ok', 'timeout', 'fault', 'error', 'aborted')),
  remote_address TEXT NOT NULL,
  cwmp_version TEXT NOT NULL,
  messages INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX sessions_by_device ON sessions (device_id, id);
CREATE INDEX sessions_open ON sessions (id) WHERE outcome = 'open';

CREATE TABLE inform_events (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  session_id INTEGER,
  code TEXT NOT NULL,
  command_key TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
) STRICT;

CREATE INDEX inform_events_by_device ON inform_events (device_id, id);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (name <> ''),
  args TEXT NOT NULL DEFAULT 'null',
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'done', 'fault', 'cancelled', 'expired')),
  created_at TEXT NOT NULL,
  started_at TEXT,
  ended_at TEXT,
  result TEXT,
  fault TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  command_key TEXT,
  expires_at TEXT
) STRICT;

CREATE INDEX tasks_by_device ON tasks (device_id, id);
CREATE INDEX tasks_queued ON tasks (device_id, id) WHERE status = 'queued';
CREATE INDEX tasks_running ON tasks (id) WHERE status = 'running';
CREATE INDEX tasks_expiring ON tasks (expires_at) WHERE status = 'queued' AND expires_at IS NOT NULL;
CREATE INDEX tasks_by_command_key ON tasks (device_id, command_key) WHERE command_key IS NOT NULL;

CREATE TABLE faults (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  task_id INTEGER,
  session_id INTEGER,
  code INTEGER NOT NULL,
  fault_string TEXT NOT NULL,
  detail TEXT,
  at TEXT NOT NULL
) STRICT;

CREATE INDEX faults_by_device ON faults (device_id, id);
`;

export const migration001: Migration = { id: 1, name: 'initial', sql };
