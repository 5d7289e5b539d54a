// The fleet views of issue #10: tags, bulk task batches, an hourly Inform counter, and the
// indexes that let the device list sort by any column and the overview count 100k devices fast.
//
// Index notes (the Inform path is the budget: docs/performance.md):
// - A periodic Inform that changes no device field runs `UPDATE devices SET last_inform,
//   updated_at, last_boot` (informs.ts). Only an index holding last_inform is rewritten by it,
//   and devices_by_last_inform already was. It is rebuilt as (last_inform, seq,
//   periodic_interval): the same one entry per Inform, now in the list's exact order (seq is the
//   tie-breaker of keyset paging) and covering the online/late/offline rule, so counting and
//   filtering by status read this index alone (store/device-status-sql.ts).
// - Every other new devices index is on columns only a changed device (or a new one) writes:
//   manufacturer, model, firmware, first contact, periodic interval. Text sort indexes are
//   NOCASE like migration 006's serial/IP/product-class ones, which the list reuses.
// - devices_by_model_firmware (BINARY) answers the overview's "devices per model and per
//   firmware" from the index alone, exact as the model/firmware filters are.
// - devices_by_interval lists the periodic intervals in use with a few seeks, so the status
//   rule becomes plain comparisons of last_inform with one threshold per interval.
// - tasks_by_batch is partial: tasks not queued by a bulk action carry no entry. It holds the
//   status so a batch's progress is counted from the index.
// - inform_counts: Informs per UTC hour, one row per hour, added to once per committed CWMP
//   batch. Counting them from sessions would need an index on sessions.started_at, one more
//   random page for every session written (services/inform-counter.ts).
import type { Migration } from '../migrations.ts';

export const migration009: Migration = {
  id: 9,
  name: 'fleet',
  sql: `
CREATE TABLE device_tags (
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  tag TEXT NOT NULL CHECK (tag <> ''),
  PRIMARY KEY (device_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX device_tags_by_tag ON device_tags (tag);

CREATE TABLE task_batches (
  id TEXT PRIMARY KEY CHECK (id <> ''),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  cr_requested INTEGER NOT NULL DEFAULT 0,
  cr_reached INTEGER NOT NULL DEFAULT 0,
  cr_failed INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;

ALTER TABLE tasks ADD COLUMN batch_id TEXT;
CREATE INDEX tasks_by_batch ON tasks (batch_id, status) WHERE batch_id IS NOT NULL;

CREATE TABLE inform_counts (
  hour TEXT PRIMARY KEY,
  count INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

DROP INDEX devices_by_last_inform;
CREATE INDEX devices_by_last_inform ON devices (last_inform, seq, periodic_interval);
CREATE INDEX devices_by_interval ON devices (periodic_interval);
CREATE INDEX devices_by_manufacturer_nocase ON devices (manufacturer COLLATE NOCASE);
CREATE INDEX devices_by_model_nocase ON devices (model_name COLLATE NOCASE);
CREATE INDEX devices_by_software_nocase ON devices (software_version COLLATE NOCASE);
CREATE INDEX devices_by_first_seen ON devices (first_seen);
CREATE INDEX devices_by_model_firmware ON devices (manufacturer, model_name, software_version);
`,
};
