import type { Migration } from '../migrations.ts';

// Devices behind NAT (issue #14). stun_bindings: per device the STUN credentials DeskACS set on
// it (ManagementServer.STUNUsername / STUNPassword, TR-069 Annex G / TR-111 Part 2) and the
// public UDP binding its last Binding Request with CONNECTION-REQUEST-BINDING came from: where
// UDP connection requests are sent. address/port stay NULL until the first Binding Request.
// A deleted device takes its row with it.
export const migration014: Migration = {
  id: 14,
  name: 'stun-bindings',
  sql: `
CREATE TABLE stun_bindings (
  device_id TEXT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  username TEXT NOT NULL UNIQUE,
  password TEXT NOT NULL,
  address TEXT,
  port INTEGER,
  authenticated INTEGER NOT NULL DEFAULT 0,
  binding_changes INTEGER NOT NULL DEFAULT 0,
  first_seen_at TEXT,
  seen_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
`,
};
