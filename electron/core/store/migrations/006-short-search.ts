// Searches of one or two characters cannot use the trigram index; they match the start of the
// serial number, IP address or product class instead, through these case-insensitive indexes
// (a LIKE 'ab%' prefix can use an index with COLLATE NOCASE).
import type { Migration } from '../migrations.ts';

export const migration006: Migration = {
  id: 6,
  name: 'short-search',
  sql: `
CREATE INDEX devices_by_serial_nocase ON devices (serial_number COLLATE NOCASE);
CREATE INDEX devices_by_ip_nocase ON devices (ip_address COLLATE NOCASE);
CREATE INDEX devices_by_product_class_nocase ON devices (product_class COLLATE NOCASE);
`,
};
