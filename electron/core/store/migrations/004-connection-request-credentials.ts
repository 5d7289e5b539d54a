// Connection-request credentials (TR-069 3.2.2), one pair per device. A CPE reports its
// ConnectionRequestPassword as empty when read, so these are kept here: entered by the operator,
// imported, or generated and set on the device by DeskACS ('acs'). Stored in clear because the
// Digest answer needs the password itself; the operator is shown them, the log never is.
import type { Migration } from '../migrations.ts';

export const migration004: Migration = {
  id: 4,
  name: 'connection-request-credentials',
  sql: `
CREATE TABLE cr_credentials (
  device_id TEXT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  username TEXT NOT NULL,
  password TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('operator', 'import', 'acs')),
  updated_at TEXT NOT NULL
) STRICT;
`,
};
