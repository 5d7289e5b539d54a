import type { Migration } from '../migrations.ts';

// Firmware rollouts (issue #12): a rollout pushes one library file to a selection of devices in
// waves; every device's place (wave, state, task) is a row, so a rollout survives a restart and
// the scheduler resumes from here. file_id has no foreign key: a finished rollout outlives its
// file (the file library refuses to delete a file an unfinished rollout uses). A deleted device
// leaves the rollout with it.
export const migration012: Migration = {
  id: 12,
  name: 'rollouts',
  sql: `
CREATE TABLE rollouts (
  id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  file_type TEXT NOT NULL,
  version TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('scheduled', 'running', 'paused', 'done', 'cancelled')),
  reason TEXT NOT NULL DEFAULT '',
  wave_sizes TEXT NOT NULL,
  concurrency INTEGER NOT NULL CHECK (concurrency > 0),
  failure_threshold REAL NOT NULL,
  window_start TEXT,
  window_end TEXT,
  current_wave INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  finished_at TEXT
) STRICT;
CREATE INDEX rollouts_by_state ON rollouts (state);

CREATE TABLE rollout_devices (
  rollout_id INTEGER NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  serial_number TEXT NOT NULL,
  wave INTEGER NOT NULL,
  position INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('waiting', 'downloading', 'rebooting', 'verified', 'failed', 'skipped')),
  from_version TEXT NOT NULL,
  to_version TEXT,
  task_id INTEGER,
  message TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (rollout_id, device_id)
) STRICT;
CREATE INDEX rollout_devices_by_wave ON rollout_devices (rollout_id, wave, state, position);
CREATE INDEX rollout_devices_by_state ON rollout_devices (rollout_id, state);
CREATE INDEX rollout_devices_by_device ON rollout_devices (device_id);
`,
};
