import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, MigrationError } from '../../electron/core/store/index.ts';
import { applyMigrations, checksumOf, MIGRATIONS, type Migration } from '../../electron/core/store/migrations.ts';

function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-store-mig-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'acs.sqlite');
}

const m1: Migration = { id: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER) STRICT;' };
const m2: Migration = { id: 2, name: 'two', sql: 'CREATE TABLE b (y TEXT) STRICT;' };

describe('store migrations', () => {
  test('a new database gets every migration recorded with its sha256', () => {
    const path = tempDbPath();
    openStore({ path }).close();
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT id, name, checksum FROM schema_migrations ORDER BY id').all();
    db.close();
    assert.deepEqual(
      rows,
      MIGRATIONS.map((m) => ({ id: m.id, name: m.name, checksum: checksumOf(m.sql) })),
    );
    assert.equal(checksumOf('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('reopening applies nothing twice and only appends new migrations', () => {
    const db = new Database(':memory:');
    assert.deepEqual(applyMigrations(db, [m1]), [1]);
    assert.deepEqual(applyMigrations(db, [m1]), []);
    assert.deepEqual(applyMigrations(db, [m1, m2]), [2]);
    assert.deepEqual(db.prepare('SELECT name FROM schema_migrations ORDER BY id').pluck().all(), ['one', 'two']);
    db.close();
  });

  test('refuses to open when an applied migration was edited, naming it', () => {
    const db = new Database(':memory:');
    applyMigrations(db, [m1, m2]);
    const edited = { ...m2, sql: 'CREATE TABLE b (y TEXT, z TEXT) STRICT;' };
    assert.throws(
      () => applyMigrations(db, [m1, edited]),
      (err: unknown) => {
        assert.ok(err instanceof MigrationError);
        assert.match(err.message, /migration 2 \(two\) was changed after it was applied/);
        return true;
      },
    );
    db.close();
  });

  test('refuses a store file whose recorded checksum does not match the shipped migration', () => {
    const path = tempDbPath();
    openStore({ path }).close();
    const raw = new Database(path);
    raw.prepare("UPDATE schema_migrations SET checksum = 'deadbeef' WHERE id = 1").run();
    raw.close();
    assert.throws(
      () => openStore({ path }),
      (err: unknown) => {
        assert.ok(err instanceof MigrationError);
        assert.match(err.message, /migration 1 \(initial\) was changed/);
        return true;
      },
    );
  });

  test('refuses a database with a migration this build does not know (not a prefix)', () => {
    const path = tempDbPath();
    openStore({ path }).close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations VALUES (999, 'from-the-future', 'x', '2030-01-01T00:00:00.000Z')").run();
    raw.close();
    assert.throws(
      () => openStore({ path }),
      (err: unknown) => {
        assert.ok(err instanceof MigrationError);
        assert.match(err.message, /migration 999 \(from-the-future\) applied, which this version of DeskACS does not know/);
        return true;
      },
    );
  });

  test('refuses when the applied ids diverge from the known list', () => {
    const db = new Database(':memory:');
    applyMigrations(db, [m1, m2]);
    const other: Migration = { id: 3, name: 'three', sql: 'SELECT 1;' };
    assert.throws(() => applyMigrations(db, [m1, other]), /migration 2 \(two\) applied, which this version/);
    db.close();
  });

  test('a failing migration is rolled back whole and not recorded', () => {
    const db = new Database(':memory:');
    const bad: Migration = { id: 2, name: 'bad', sql: 'CREATE TABLE c (x INTEGER); INSERT INTO nowhere VALUES (1);' };
    assert.throws(() => applyMigrations(db, [m1, bad]), /Applying migration 2 \(bad\) failed/);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'c'").all();
    assert.deepEqual(tables, []);
    assert.deepEqual(db.prepare('SELECT id FROM schema_migrations').pluck().all(), [1]);
    db.close();
  });
});
