import type { Migration } from '../migrations.ts';

// Remote diagnostics (issue #16, item 3): one row per diagnostic a task asked a device to run,
// kept as the device's history. `state` follows the run: requested (its parameters are being
// set), waiting (the device runs it until its '8 DIAGNOSTICS COMPLETE', at most until
// `deadline`), reading (the results are being read), done, failed. A speed test's `token` names
// its per-test URL on the CWMP listener (files/speed-test.ts); `bytes` is the size served or
// asked for, `bytes_moved` what the listener actually sent or received. A deleted device takes
// its history with it.
export const migration017: Migration = {
  id: 17,
  name: 'diagnostics',
  sql: `
CREATE TABLE diagnostics (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  task_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  args TEXT NOT NULL,
  object TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('requested', 'waiting', 'reading', 'done', 'failed')),
  error TEXT,
  result TEXT,
  raw TEXT,
  token TEXT UNIQUE,
  bytes INTEGER NOT NULL DEFAULT 0,
  bytes_moved INTEGER NOT NULL DEFAULT 0,
  requested_at TEXT NOT NULL,
  completed_at TEXT,
  deadline TEXT
) STRICT;
CREATE INDEX diagnostics_by_device ON diagnostics (device_id, id);
CREATE UNIQUE INDEX diagnostics_by_task ON diagnostics (task_id);
CREATE INDEX diagnostics_waiting ON diagnostics (deadline) WHERE state = 'waiting';
`,
};
