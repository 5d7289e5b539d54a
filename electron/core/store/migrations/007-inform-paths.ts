import type { Migration } from '../migrations.ts';

// What a device's Informs carry (store/reported-values.ts): the set of paths (the forced-inform
// parameters and any it adds; current as of the device's last_inform), and a digest of the last
// reported list (NULL once anything else wrote the device's parameters). Written only when the
// Inform's values change. Devices of one model and firmware report the same paths, so each set
// is stored once (inform_path_sets, keyed by its digest) and a device row stays ~100 bytes.
export const migration007: Migration = {
  id: 7,
  name: 'inform-paths',
  sql: `
CREATE TABLE inform_path_sets (
  id TEXT PRIMARY KEY,
  paths TEXT NOT NULL
) STRICT;

CREATE TABLE device_inform_paths (
  device_id TEXT PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
  path_set TEXT NOT NULL,
  digest TEXT,
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`,
};
