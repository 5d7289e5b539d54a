import type { Migration } from '../migrations.ts';

// What DeskACS learned about one device's CPE from how it behaved (issue #13): quirk settings as
// JSON ({"partialPathGpvBroken": true} once the CPE dropped a session on a partial-path
// GetParameterValues), applied after the quirk rules. A deleted device takes its row with it.
export const migration019: Migration = {
  id: 19,
  name: 'learned-quirks',
  sql: `
CREATE TABLE learned_quirks (
  device_id TEXT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  quirks TEXT NOT NULL CHECK (json_valid(quirks) AND json_type(quirks) = 'object'),
  updated_at TEXT NOT NULL
) STRICT;
`,
};
