import type { Migration } from '../migrations.ts';

// An Inform's events move into its session row (`events`, a JSON list of [code, commandKey]).
// A periodic session wrote a session row and an inform_events row, each with its own entry in
// a per-device index: two random pages per session where one does (docs/performance.md). The
// events were always written with their session, so a device's events are its sessions'.
// The table is rebuilt without AUTOINCREMENT: its sqlite_sequence row was one more page per
// commit, and nothing needs ids never reused (they could only be reused after the newest
// session's device was deleted, and every back-reference goes with that device).
// Events whose session is missing (none are written so) are kept: appended as aborted sessions.
export const migration008: Migration = {
  id: 8,
  name: 'session-events',
  sql: `
CREATE TABLE sessions_next (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  outcome TEXT NOT NULL DEFAULT 'open'
    CHECK (outcome IN ('open', 'ok', 'timeout', 'fault', 'error', 'aborted')),
  remote_address TEXT NOT NULL,
  cwmp_version TEXT NOT NULL,
  messages INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '[]',
  events TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE INDEX inform_events_by_session ON inform_events (session_id, id);

INSERT INTO sessions_next (id, device_id, started_at, ended_at, outcome, remote_address, cwmp_version, messages, warnings, events)
SELECT s.id, s.device_id, s.started_at, s.ended_at, s.outcome, s.remote_address, s.cwmp_version, s.messages, s.warnings,
  (SELECT json_group_array(json_array(e.code, e.command_key))
     FROM (SELECT code, command_key FROM inform_events WHERE session_id = s.id ORDER BY id) AS e)
FROM sessions AS s ORDER BY s.id;

INSERT INTO sessions_next (device_id, started_at, ended_at, outcome, remote_address, cwmp_version, messages, events)
SELECT device_id, at, at, 'aborted', '', '', 0, json_group_array(json_array(code, command_key))
FROM (SELECT * FROM inform_events AS e
      WHERE e.session_id IS NULL OR NOT EXISTS (SELECT 1 FROM sessions AS s WHERE s.id = e.session_id) ORDER BY e.id)
GROUP BY device_id, at;

DROP TABLE inform_events;
DROP TABLE sessions;
ALTER TABLE sessions_next RENAME TO sessions;
CREATE INDEX sessions_by_device ON sessions (device_id, id);
CREATE INDEX sessions_open ON sessions (id) WHERE outcome = 'open';
`,
};
