import type { Migration } from '../migrations.ts';

// The session inspector's message logs (issue #11): a ring of at most ten rows per device, each
// one session's messages (SOAP as received and as sent, passwords masked), overwritten in place
// once the ring is full. No row is ever deleted by the session path, so the table and its index
// stop growing at ten rows per device, and a write touches only the row it overwrites (the index
// entry of (device_id, slot) is written once, when the slot is first used).
// `format`: 0 = the messages as JSON text, 1 = the same JSON deflated (large sessions).
// session_id is a back-reference without a foreign key, like faults.session_id: pruning sessions
// then deletes their logs itself (store/history.ts), and a device's logs go with the device.
export const migration010: Migration = {
  id: 10,
  name: 'session-logs',
  sql: `
CREATE TABLE session_logs (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  slot INTEGER NOT NULL CHECK (slot >= 0),
  session_id INTEGER NOT NULL,
  format INTEGER NOT NULL CHECK (format IN (0, 1)),
  messages BLOB NOT NULL
) STRICT;

CREATE UNIQUE INDEX session_logs_by_device ON session_logs (device_id, slot);
`,
};
