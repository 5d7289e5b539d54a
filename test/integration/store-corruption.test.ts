// A damaged database file at start: refused with a message that says how to recover, and
// recovered (--recover-db) into a new database with the readable rows, the damaged file kept.
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { assembleAcs } from '../../electron/core/acs.ts';
import type { AcsConfig } from '../../electron/core/acs-types.ts';
import { CorruptDatabaseError } from '../../electron/core/store/errors.ts';
import { storePath } from '../../electron/core/store/data-dir.ts';
import { CpeConnection, startHarness } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';
import { makeInform } from '../helpers/inform.ts';

function configFor(dataDir: string, log: AcsConfig['log'], database?: AcsConfig['database']): AcsConfig {
  return {
    dataDir,
    cwmpHost: '127.0.0.1',
    cwmpPort: 0,
    httpHost: '127.0.0.1',
    httpPort: null,
    webRoot: null,
    sessionTimeoutMs: 5_000,
    maxConcurrentSessions: 50,
    cpeAuth: { mode: 'none' },
    log,
    ...(database === undefined ? {} : { database }),
  };
}

/** Overwrites one leaf page in the middle of a table with garbage (its rows there are lost). */
function damageTableLeaf(file: string, table: string): void {
  const db = new Database(file);
  const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").all(table) as {
    pageno: number;
  }[];
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const page = leaves[Math.floor(leaves.length / 2)]?.pageno;
  assert.ok(page !== undefined && leaves.length > 4, `${table} spans several leaf pages`);
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (page - 1) * size);
  closeSync(fd);
}

/** Overwrites the first page of an index with garbage (the table's rows stay readable). */
function damageIndex(file: string, index: string): void {
  const db = new Database(file);
  const page = (db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(index) as { rootpage: number }).rootpage;
  const size = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, (page - 1) * size);
  closeSync(fd);
}

describe('a damaged database at start', () => {
  test('is refused with the recovery message; --recover-db keeps it aside and recovers its devices', async () => {
    const h = await startHarness();
    const dataDir = h.dataDir;
    const warnings: { msg: string; fields: Record<string, unknown> | undefined }[] = [];
    const log = {
      info: () => {},
      error: () => {},
      warn: (msg: string, fields?: Record<string, unknown>) => warnings.push({ msg, fields }),
    };
    try {
      for (let i = 0; i < 30; i++) {
        const c = new CpeConnection(h.cwmpUrl);
        assert.equal((await c.post(informXml({ serial: `DMG${i}` }))).status, 200);
        assert.equal((await c.post('')).status, 204);
        c.close();
      }
      await h.acs.close();
      const file = storePath(dataDir, process.platform);
      damageIndex(file, 'devices_by_last_inform');

      await assert.rejects(assembleAcs(configFor(dataDir, log)), (err: unknown) => {
        assert.ok(err instanceof CorruptDatabaseError, String(err));
        assert.match(err.message, /is damaged \(PRAGMA quick_check: /);
        assert.match(err.message, /--recover-db/);
        return true;
      });
      assert.ok(existsSync(file), 'a refused database is left untouched');

      const { acs, store } = await assembleAcs(configFor(dataDir, log, { recover: true }));
      try {
        assert.equal(store.devices.count(), 30);
        assert.equal(store.devices.search({ q: 'DMG7' }).total, 1, 'the search index is rebuilt');
        assert.deepEqual(store.maintenance.quickCheck(), []);
        const report = warnings.find((w) => w.msg === 'damaged database recovered into a new one');
        assert.ok(report !== undefined);
        assert.equal((report.fields?.rowsCopied as Record<string, number> | undefined)?.devices, 30);
        assert.ok(
          readdirSync(dataDir).some((f) => f.includes('.damaged-')),
          'the damaged file is kept aside',
        );
      } finally {
        await acs.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('--recover-db keeps the rows on both sides of a damaged table page and drops rows of lost devices', async () => {
    const h = await startHarness();
    const dataDir = h.dataDir;
    const warnings: { msg: string; fields: Record<string, unknown> | undefined }[] = [];
    const log = {
      info: () => {},
      error: () => {},
      warn: (msg: string, fields?: Record<string, unknown>) => warnings.push({ msg, fields }),
    };
    try {
      for (let i = 0; i < 300; i++) {
        const parameters = [{ name: 'Device.DeviceInfo.Description', value: `box ${i} ${'d'.repeat(200)}`, type: 'xsd:string' }];
        h.store.informs.record({
          inform: makeInform({ serial: `ROW${i}`, parameters }),
          remoteAddress: '127.0.0.1',
          cwmpVersion: '1.0',
          at: new Date(),
          warnings: [],
        });
      }
      await h.acs.close();
      const file = storePath(dataDir, process.platform);
      damageTableLeaf(file, 'devices');
      await assert.rejects(assembleAcs(configFor(dataDir, log)), CorruptDatabaseError);

      const { acs, store } = await assembleAcs(configFor(dataDir, log, { recover: true }));
      try {
        const count = store.devices.count();
        assert.ok(count < 300 && count > 250, `recovered ${count} of 300 devices`);
        const id = (n: number): string => `A0B1C2-Box-ROW${n}`;
        assert.ok(store.devices.get(id(0)) !== undefined, 'rows before the damage');
        assert.ok(store.devices.get(id(299)) !== undefined, 'rows after the damage');
        assert.deepEqual(store.maintenance.quickCheck(), []);
        const report = warnings.find((w) => w.msg === 'damaged database recovered into a new one');
        assert.deepEqual(report?.fields?.tablesWithLostRows, ['devices']);
        for (let i = 0; i < 300; i++) {
          if (store.devices.get(id(i)) !== undefined) continue;
          assert.equal(store.parameters.get(id(i), 'Device.DeviceInfo.Description'), undefined, 'no parameters of a lost device');
        }
      } finally {
        await acs.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
