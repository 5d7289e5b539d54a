// Requests a CPE makes of the ACS inside a session (TransferComplete, RequestDownload, Kicked,
// DUStateChangeComplete and their autonomous forms), kept as they arrived.
import type { Migration } from '../migrations.ts';

export const migration002: Migration = {
  id: 2,
  name: 'cpe-requests',
  sql: `
CREATE TABLE cpe_requests (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
  session_id INTEGER,
  method TEXT NOT NULL,
  detail TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX cpe_requests_by_device ON cpe_requests (device_id, id);
`,
};
