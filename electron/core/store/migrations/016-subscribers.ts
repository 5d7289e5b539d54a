import type { Migration } from '../migrations.ts';

// Subscribers (issue #15): the operator's customers, imported from billing, each possibly bound
// to the router installed at their place. Serial and MAC (lower-case, colon-separated) identify
// the router before it is bound: each belongs to at most one subscriber. A device is bound to at
// most one subscriber; deleting the device drops the binding. refused_device_id: the device an
// installer unbound from this subscriber, which automatic binding must not bind again.
// Secrets (PPPoE password, Wi-Fi key) are kept in clear: this is the operator's own local file.
export const migration016: Migration = {
  id: 16,
  name: 'subscribers',
  sql: `
CREATE TABLE subscribers (
  account_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  serial TEXT COLLATE NOCASE,
  mac TEXT,
  pppoe_username TEXT,
  pppoe_password TEXT,
  wifi_ssid TEXT,
  wifi_key TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  device_id TEXT UNIQUE REFERENCES devices (id) ON DELETE SET NULL,
  bound_at TEXT,
  refused_device_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX subscribers_by_serial ON subscribers (serial) WHERE serial IS NOT NULL;
CREATE UNIQUE INDEX subscribers_by_mac ON subscribers (mac) WHERE mac IS NOT NULL;
CREATE INDEX subscribers_unbound ON subscribers (account_id) WHERE device_id IS NULL;
`,
};
