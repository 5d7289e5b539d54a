// Database backups through the real API and SQLite: scheduled and on-demand online backups into
// <data>/db-backups, the newest N kept, and a backup restored into a new data folder
// (serve --restore-db) with its devices.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { DatabaseBackup, DatabaseBackupSettings } from '../../shared/models-maintenance.ts';
import { parseServeArgs } from '../../electron/core/config.ts';
import { apiGet, apiPost, CpeConnection, startHarness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('database backups', () => {
  test('on demand: N kept, listed with their size; a restore into a new data folder has the devices', async () => {
    const h = await startHarness();
    const restoreDir = mkdtempSync(join(tmpdir(), 'deskacs-restore-'));
    try {
      for (const serial of ['BK1', 'BK2', 'BK3']) {
        const c = new CpeConnection(h.cwmpUrl);
        assert.equal((await c.post(informXml({ serial }))).status, 200);
        assert.equal((await c.post('')).status, 204);
        c.close();
      }
      const set = await apiPost(h, '/api/settings/database-backups', { keep: 2, everyHours: 12 }, 'PUT');
      assert.equal(set.status, 200);
      assert.equal((set.json as DatabaseBackupSettings).keep, 2);
      const taken: DatabaseBackup[] = [];
      for (let i = 0; i < 3; i++) {
        const run = await apiPost(h, '/api/settings/database-backups/run', undefined);
        assert.equal(run.status, 200, JSON.stringify(run.json));
        taken.push(run.json as DatabaseBackup);
        await sleep(5);
      }
      const got = (await apiGet(h, '/api/settings/database-backups')).json as DatabaseBackupSettings;
      assert.equal(got.folder, join(h.dataDir, 'db-backups'));
      assert.deepEqual(
        got.backups.map((b) => b.file),
        [taken[2]?.file, taken[1]?.file],
        'the newest two are kept',
      );
      assert.ok(got.backups.every((b) => b.bytes > 0));
      assert.equal(readdirSync(got.folder).length, 2);
      assert.ok(got.nextRunAt !== null && Date.parse(got.nextRunAt) > Date.parse(taken[2]?.at ?? ''));

      // A device informs after the backup: it is not in the restored database.
      const late = new CpeConnection(h.cwmpUrl);
      assert.equal((await late.post(informXml({ serial: 'LATE' }))).status, 200);
      late.close();

      const file = join(got.folder, taken[2]?.file ?? '');
      const opts = parseServeArgs(['--data', restoreDir, '--restore-db', file]);
      assert.ok(opts !== 'help' && opts.restoreDb === file);
      const restored = await startHarness({ dataDir: restoreDir, database: { restoreFrom: file } });
      try {
        assert.equal(restored.store.devices.count(), 3);
        assert.ok(restored.store.devices.get('00AA11-HG1-BK2') !== undefined);
        assert.equal(restored.store.devices.get('00AA11-HG1-LATE'), undefined);
      } finally {
        await restored.acs.close();
      }
    } finally {
      await h.close();
      rmSync(restoreDir, { recursive: true, force: true });
    }
  });

  test('scheduled: the first backup runs after its delay; disabled, none is planned', async () => {
    const h = await startHarness({ databaseBackups: { firstDelayMs: 100 } });
    try {
      const folder = join(h.dataDir, 'db-backups');
      const start = Date.now();
      while (!(existsSync(folder) && readdirSync(folder).some((f) => f.endsWith('.sqlite'))) && Date.now() - start < 5_000) await sleep(50);
      const got = (await apiGet(h, '/api/settings/database-backups')).json as DatabaseBackupSettings;
      assert.equal(got.backups.length, 1);
      assert.equal(got.enabled, true);
      const off = await apiPost(h, '/api/settings/database-backups', { enabled: false }, 'PUT');
      assert.equal((off.json as DatabaseBackupSettings).nextRunAt, null);
      const bad = await apiPost(h, '/api/settings/database-backups', { keep: 0 }, 'PUT');
      assert.equal(bad.status, 400);
    } finally {
      await h.close();
    }
  });

  test('a restore refuses a file that is not a DeskACS database and leaves the database alone', async () => {
    const h = await startHarness();
    const dir = mkdtempSync(join(tmpdir(), 'deskacs-restore-'));
    try {
      await assert.rejects(
        startHarness({ dataDir: dir, database: { restoreFrom: join(h.dataDir, 'api-token') } }),
        /cannot be read as a DeskACS database backup|not a DeskACS/,
      );
      await assert.rejects(startHarness({ dataDir: dir, database: { restoreFrom: join(dir, 'missing.sqlite') } }), /does not exist/);
    } finally {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
