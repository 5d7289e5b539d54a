import type { Migration } from '../migrations.ts';

// Provisioning profiles (issue #15). profiles: one declarative document per name (JSON), its
// version grown at every change. profile_applications: every application of a profile to a
// device (what was sent, how it ended). profile_random: values {{random:N}} generated once per
// device, profile and item, then kept. profile_items: per device the state of each profile item
// (done / failed / pending, the task carrying it, the value's hash): the installer's checklist
// and the engine's memory of secrets it set (CPEs report them as empty). A deleted device takes
// its rows with it; a deleted profile takes its items and random values (applications stay).
export const migration015: Migration = {
  id: 15,
  name: 'profiles',
  sql: `
CREATE TABLE profiles (
  name TEXT PRIMARY KEY,
  document TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE profile_applications (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  profile TEXT NOT NULL,
  version INTEGER NOT NULL,
  trigger TEXT NOT NULL,
  rpcs TEXT NOT NULL,
  result TEXT NOT NULL,
  message TEXT,
  task_ids TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX profile_applications_by_device ON profile_applications (device_id, id);

CREATE TABLE profile_random (
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  profile TEXT NOT NULL REFERENCES profiles (name) ON DELETE CASCADE ON UPDATE CASCADE,
  item TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (device_id, profile, item)
) STRICT;

CREATE TABLE profile_items (
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  profile TEXT NOT NULL REFERENCES profiles (name) ON DELETE CASCADE ON UPDATE CASCADE,
  item TEXT NOT NULL,
  path TEXT,
  value_hash TEXT NOT NULL,
  state TEXT NOT NULL,
  task_id INTEGER,
  message TEXT,
  version INTEGER NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (device_id, profile, item)
) STRICT;
CREATE INDEX profile_items_by_task ON profile_items (task_id) WHERE task_id IS NOT NULL;
`,
};
