import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, StoreError, type Store } from '../../electron/core/store/index.ts';
import { makeInform } from '../helpers/inform.ts';

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-store-cr-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'acs.sqlite');
}

const t0 = new Date('2024-05-01T00:00:00.000Z');

/** A store whose clock reads `clock.now`, with devices created by real Informs. */
function storeWithDevices(serials: string[], path: string = tempPath()): { store: Store; ids: string[]; clock: { now: Date } } {
  const clock = { now: t0 };
  const store = openStore({ path }, () => clock.now);
  const ids = serials.map(
    (serialNumber) =>
      store.informs.record({
        inform: makeInform({ serial: serialNumber, events: ['0 BOOTSTRAP'] }),
        remoteAddress: '192.0.2.1',
        cwmpVersion: '1.0',
        at: t0,
        warnings: [],
      }).deviceId,
  );
  return { store, ids, clock };
}

describe('store connection-request credentials', () => {
  test('set stores a pair with its source and time, get reads it back, set again replaces it', () => {
    const { store, ids, clock } = storeWithDevices(['S1']);
    const id = ids[0] ?? '';
    assert.equal(store.crCredentials.get(id), undefined);
    const stored = store.crCredentials.set(id, { username: 'cr-user', password: 'p@ss "word"', source: 'operator' });
    assert.deepEqual(stored, {
      deviceId: id,
      username: 'cr-user',
      password: 'p@ss "word"',
      source: 'operator',
      updatedAt: t0.toISOString(),
    });
    assert.deepEqual(store.crCredentials.get(id), stored);

    clock.now = new Date(t0.getTime() + 60_000);
    store.crCredentials.set(id, { username: 'deskacs-x', password: 'generated', source: 'acs' });
    assert.deepEqual(store.crCredentials.get(id), {
      deviceId: id,
      username: 'deskacs-x',
      password: 'generated',
      source: 'acs',
      updatedAt: clock.now.toISOString(),
    });
    store.close();
  });

  test('credentials survive reopening the database file', () => {
    const path = tempPath();
    const { store, ids } = storeWithDevices(['S1'], path);
    const id = ids[0] ?? '';
    store.crCredentials.set(id, { username: 'u', password: 'p', source: 'import' });
    store.close();
    const again = openStore({ path });
    assert.equal(again.crCredentials.get(id)?.password, 'p');
    again.close();
  });

  test('set refuses an unknown device and an empty username, naming the device but not the password', () => {
    const { store, ids } = storeWithDevices(['S1']);
    assert.throws(
      () => store.crCredentials.set('a0b1c2-Box-NOPE', { username: 'u', password: 'secret-1', source: 'operator' }),
      (err: unknown) => {
        assert.ok(err instanceof StoreError);
        assert.match(err.message, /a0b1c2-Box-NOPE: no such device/);
        assert.doesNotMatch(err.message, /secret-1/);
        return true;
      },
    );
    assert.throws(
      () => store.crCredentials.set(ids[0] ?? '', { username: '', password: 'secret-2', source: 'operator' }),
      /username is empty/,
    );
    assert.equal(store.crCredentials.get(ids[0] ?? ''), undefined);
    store.close();
  });

  test('remove deletes the pair and says whether there was one', () => {
    const { store, ids } = storeWithDevices(['S1']);
    const id = ids[0] ?? '';
    store.crCredentials.set(id, { username: 'u', password: 'p', source: 'operator' });
    assert.equal(store.crCredentials.remove(id), true);
    assert.equal(store.crCredentials.get(id), undefined);
    assert.equal(store.crCredentials.remove(id), false);
    store.close();
  });

  test('deleting the device deletes its credentials (ON DELETE CASCADE)', () => {
    const path = tempPath();
    const { store, ids } = storeWithDevices(['S1', 'S2'], path);
    const [a, b] = [ids[0] ?? '', ids[1] ?? ''];
    store.crCredentials.set(a, { username: 'u', password: 'p', source: 'operator' });
    store.crCredentials.set(b, { username: 'u2', password: 'p2', source: 'operator' });
    assert.equal(store.devices.remove(a), true);
    assert.equal(store.crCredentials.get(a), undefined);
    assert.equal(store.crCredentials.get(b)?.username, 'u2');
    store.close();
    const raw = new Database(path, { readonly: true });
    assert.deepEqual(raw.prepare('SELECT device_id FROM cr_credentials').pluck().all(), [b]);
    raw.close();
  });

  test('importMany stores rows as source import in one go, counting inserts and updates and reporting unknown devices and bad rows', () => {
    const { store, ids, clock } = storeWithDevices(['S1', 'S2', 'S3']);
    const [a, b, c] = [ids[0] ?? '', ids[1] ?? '', ids[2] ?? ''];
    store.crCredentials.set(a, { username: 'old', password: 'old', source: 'acs' });
    clock.now = new Date(t0.getTime() + 1000);
    const result = store.crCredentials.importMany([
      { deviceId: a, username: 'ua', password: 'pa' },
      { deviceId: 'ffffff-Ghost-1', username: 'ug', password: 'pg' },
      { deviceId: b, username: 'ub', password: 'pb' },
      { deviceId: c, username: '', password: 'pc' },
    ]);
    assert.deepEqual(result, {
      inserted: 1,
      updated: 1,
      unknownDevices: ['ffffff-Ghost-1'],
      invalid: [{ index: 3, deviceId: c, reason: 'the username is empty' }],
    });
    assert.deepEqual(store.crCredentials.get(a), {
      deviceId: a,
      username: 'ua',
      password: 'pa',
      source: 'import',
      updatedAt: clock.now.toISOString(),
    });
    assert.equal(store.crCredentials.get(b)?.source, 'import');
    assert.equal(store.crCredentials.get(c), undefined);
    store.close();
  });

  test('importMany is one transaction: a failure part-way leaves nothing written', () => {
    const { store, ids } = storeWithDevices(['S1', 'S2']);
    const [a, b] = [ids[0] ?? '', ids[1] ?? ''];
    // A missing password slips past the types (as a careless CSV parser could) and is refused by
    // NOT NULL on the second row, after the first row was written.
    const bad = { deviceId: b, username: 'ub', password: null as unknown as string };
    assert.throws(
      () => store.crCredentials.importMany([{ deviceId: a, username: 'ua', password: 'pa' }, bad]),
      /NOT NULL constraint failed/,
    );
    assert.equal(store.crCredentials.get(a), undefined, 'the first row was rolled back');
    store.close();
  });

  test('the table refuses a source outside operator, import, acs', () => {
    const path = tempPath();
    const { store, ids } = storeWithDevices(['S1'], path);
    store.close();
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    assert.throws(
      () => raw.prepare("INSERT INTO cr_credentials VALUES (?, 'u', 'p', 'guess', '2024-01-01T00:00:00.000Z')").run(ids[0] ?? ''),
      /CHECK constraint failed/,
    );
    assert.throws(
      () => raw.prepare("INSERT INTO cr_credentials VALUES ('nobody', 'u', 'p', 'acs', '2024-01-01T00:00:00.000Z')").run(),
      /FOREIGN KEY constraint failed/,
    );
    raw.close();
  });
});
