// Task scheduling: a retry time for transient faults (backoff), and the confirmation a task
// waits for after its last RPC (a reboot's next boot, a transfer's TransferComplete), with a
// deadline after which it expires.
import type { Migration } from '../migrations.ts';

export const migration005: Migration = {
  id: 5,
  name: 'task-scheduling',
  sql: `
ALTER TABLE tasks ADD COLUMN not_before TEXT;
ALTER TABLE tasks ADD COLUMN awaiting TEXT CHECK (awaiting IN ('boot', 'bootstrap', 'transfer'));
ALTER TABLE tasks ADD COLUMN awaiting_until TEXT;
CREATE INDEX tasks_awaiting ON tasks (device_id) WHERE awaiting IS NOT NULL AND status = 'running';
CREATE INDEX tasks_by_status ON tasks (status, id);
`,
};
