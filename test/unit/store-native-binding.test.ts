// The store opens with an explicit better-sqlite3 addon (the desktop app's Electron build, see
// scripts/electron-native.mjs); here Node's own build stands in for it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDatabase } from '../../electron/core/store/db.ts';
import { openStore, StoreError } from '../../electron/core/store/index.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;
const nodeBuild = join(repoRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');

describe('store with nativeBinding', () => {
  test('opens, migrates and writes with an explicit addon file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskacs-native-'));
    try {
      const store = openStore({ path: join(dir, 'deskacs.sqlite'), nativeBinding: nodeBuild });
      store.close();
      const db = openDatabase({ memory: true, nativeBinding: nodeBuild });
      assert.deepEqual(db.prepare('select 41 + 1 as n').get(), { n: 42 });
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a missing addon file is refused with a message naming it and how to build it', () => {
    const missing = join(tmpdir(), 'no-such-dir', 'better_sqlite3.node');
    for (const target of [
      { memory: true as const, nativeBinding: missing },
      { path: join(tmpdir(), 'unused.sqlite'), nativeBinding: missing },
    ]) {
      assert.throws(
        () => openDatabase(target),
        (err: unknown) => {
          assert.ok(err instanceof StoreError);
          assert.ok(err.message.includes(missing), err.message);
          assert.match(err.message, /does not exist/);
          assert.match(err.message, /npm start/);
          return true;
        },
      );
    }
  });
});
