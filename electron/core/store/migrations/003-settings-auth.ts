// Settings (one JSON value per key) and what CPE -> ACS authentication needs: per-device
// credentials and the list of pre-registered devices.
//
// cpe_credentials.device_id and device_registrations.device_id are deliberately NOT foreign
// keys to devices(id): an operator enters them before the device's first Inform creates its
// row, and they must survive deleting the device (it will come back with the same id).
// cpe_credentials.username is UNIQUE because the Authorization header carries only the
// username: it alone must identify the device whose password is checked.
import type { Migration } from '../migrations.ts';

export const migration003: Migration = {
  id: 3,
  name: 'settings-auth',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY CHECK (key <> ''),
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE cpe_credentials (
  device_id TEXT PRIMARY KEY CHECK (device_id <> ''),
  username TEXT NOT NULL UNIQUE CHECK (username <> ''),
  password TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE device_registrations (
  device_id TEXT PRIMARY KEY CHECK (device_id <> ''),
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;
`,
};
