import type { Migration } from '../migrations.ts';

// Monitoring (issue #16). Metrics: one metric_series row per device, metric and part (a Wi-Fi
// band, or ''); raw samples (seconds since the epoch, value) kept for days, WITHOUT ROWID keyed
// by (series, time) so a series' range is one index walk (~20 bytes a sample); hourly aggregates
// (count, min, avg, max, last) kept for months, packed per UTC day in one BLOB
// (store/metrics-daily.ts). metric_counters: the last reading of each byte
// counter, for throughput from deltas across restarts. fleet_samples: online devices over time.
// Alerts: rules (params and scope as JSON) and alerts, at most one open per rule and device;
// alert ids are never reused (AUTOINCREMENT): webhook receivers key on them.
export const migration018: Migration = {
  id: 18,
  name: 'monitoring',
  sql: `
CREATE TABLE metric_series (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  metric TEXT NOT NULL,
  part TEXT NOT NULL DEFAULT '',
  last_t INTEGER,
  last_v REAL,
  UNIQUE (device_id, metric, part)
) STRICT;

CREATE TABLE metric_raw (
  series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
  t INTEGER NOT NULL,
  v REAL NOT NULL,
  PRIMARY KEY (series_id, t)
) STRICT, WITHOUT ROWID;

CREATE TABLE metric_daily (
  series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
  day INTEGER NOT NULL,
  hours BLOB NOT NULL,
  PRIMARY KEY (series_id, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE metric_counters (
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  t INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (device_id, path)
) STRICT, WITHOUT ROWID;

CREATE TABLE fleet_samples (
  metric TEXT NOT NULL,
  t INTEGER NOT NULL,
  v REAL NOT NULL,
  PRIMARY KEY (metric, t)
) STRICT, WITHOUT ROWID;

CREATE TABLE alert_rules (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('offline', 'rebootLoop', 'threshold', 'firmware', 'taskFailures')),
  enabled INTEGER NOT NULL DEFAULT 1,
  scope TEXT NOT NULL DEFAULT '{}',
  params TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  rule_id INTEGER NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  opened_at TEXT NOT NULL,
  closed_at TEXT,
  value TEXT,
  close_value TEXT,
  message TEXT NOT NULL,
  acked_at TEXT,
  muted_until TEXT
) STRICT;

CREATE UNIQUE INDEX alerts_open_once ON alerts (rule_id, device_id) WHERE state = 'open';
CREATE INDEX alerts_by_state ON alerts (state, id);
CREATE INDEX alerts_by_device ON alerts (device_id, id);
CREATE INDEX alerts_by_rule ON alerts (rule_id);
`,
};
