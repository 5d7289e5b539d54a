import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore, StoreError, type Store } from '../../electron/core/store/index.ts';
import {
  CPE_AUTH_SETTING,
  CpeAuthConfigError,
  ensureCpeAuthSettings,
  validateDeviceCredentials,
} from '../../electron/core/cwmp/auth/credentials.ts';

const root = mkdtempSync(join(tmpdir(), 'deskacs-store-settings-'));
process.on('exit', () => rmSync(root, { recursive: true, force: true }));
let stores = 0;

function tempPath(): string {
  return join(root, `acs-${++stores}.sqlite`);
}

const t0 = new Date('2024-03-01T00:00:00.000Z');

function clock(): { now: () => Date; set: (d: Date) => void } {
  let t = t0;
  return { now: () => t, set: (d) => (t = d) };
}

function open(path: string, now: () => Date = () => t0): Store {
  return openStore({ path }, now);
}

const isPort = (v: unknown): v is { port: number } => typeof v === 'object' && v !== null && 'port' in v && typeof v.port === 'number';

describe('store: settings', () => {
  test('values round-trip as JSON, survive reopening, and can be removed', () => {
    const path = tempPath();
    const store = open(path);
    assert.equal(store.settings.get('missing'), undefined);
    store.settings.set('ui', { theme: 'dark', columns: ['id', 'ip'] });
    store.settings.set('nothing', null);
    store.settings.set('ui', { theme: 'light', columns: ['id'] });
    store.close();
    const again = open(path);
    assert.deepEqual(again.settings.get('ui'), { theme: 'light', columns: ['id'] });
    assert.equal(again.settings.get('nothing'), null);
    assert.equal(again.settings.remove('ui'), true);
    assert.equal(again.settings.remove('ui'), false);
    assert.equal(again.settings.get('ui'), undefined);
    again.close();
  });

  test('a guard types the value and hides a value of another shape', () => {
    const store = open(tempPath());
    store.settings.set('listener', { port: 7547 });
    store.settings.set('broken', { port: 'many' });
    const listener = store.settings.get('listener', isPort);
    assert.equal(listener?.port, 7547);
    assert.equal(store.settings.get('broken', isPort), undefined);
    store.close();
  });

  test('records when a value was written', () => {
    const path = tempPath();
    const c = clock();
    const store = open(path, c.now);
    store.settings.set('k', 1);
    c.set(new Date('2024-03-02T00:00:00.000Z'));
    store.settings.set('k', 2);
    store.close();
    const db = new Database(path, { readonly: true });
    assert.deepEqual(db.prepare('SELECT key, value, updated_at FROM settings').all(), [
      { key: 'k', value: '2', updated_at: '2024-03-02T00:00:00.000Z' },
    ]);
    db.close();
  });
});

describe('store: CPE credentials', () => {
  test('set, get, find by username, replace, list and remove, for devices that never informed', () => {
    const c = clock();
    const store = open(tempPath(), c.now);
    const a = store.cpeCredentials.set('00D09E-Box-A', { username: 'cpe-a', password: 'pw-a' });
    assert.deepEqual(a, {
      deviceId: '00D09E-Box-A',
      username: 'cpe-a',
      password: 'pw-a',
      createdAt: t0.toISOString(),
      updatedAt: t0.toISOString(),
    });
    store.cpeCredentials.set('00D09E-Box-B', { username: 'cpe-b', password: 'pw-b' });
    assert.equal(store.devices.count(), 0, 'no foreign key: credentials precede the device');
    assert.deepEqual(store.cpeCredentials.get('00D09E-Box-A'), a);
    assert.equal(store.cpeCredentials.findByUsername('cpe-b')?.deviceId, '00D09E-Box-B');
    assert.equal(store.cpeCredentials.findByUsername('CPE-B'), undefined, 'usernames are case-sensitive');
    c.set(new Date('2024-03-05T00:00:00.000Z'));
    const replaced = store.cpeCredentials.set('00D09E-Box-A', { username: 'cpe-a2', password: 'pw-a2' });
    assert.deepEqual(replaced, {
      deviceId: '00D09E-Box-A',
      username: 'cpe-a2',
      password: 'pw-a2',
      createdAt: t0.toISOString(),
      updatedAt: '2024-03-05T00:00:00.000Z',
    });
    assert.equal(store.cpeCredentials.findByUsername('cpe-a'), undefined);
    assert.deepEqual(
      store.cpeCredentials.list().map((x) => [x.deviceId, x.username]),
      [
        ['00D09E-Box-A', 'cpe-a2'],
        ['00D09E-Box-B', 'cpe-b'],
      ],
    );
    assert.equal(store.cpeCredentials.remove('00D09E-Box-A'), true);
    assert.equal(store.cpeCredentials.remove('00D09E-Box-A'), false);
    assert.equal(store.cpeCredentials.get('00D09E-Box-A'), undefined);
    store.close();
  });

  test("refuses another device's username, naming the owner, and changes nothing", () => {
    const store = open(tempPath());
    store.cpeCredentials.set('dev-1', { username: 'shared', password: 'p1' });
    store.cpeCredentials.set('dev-2', { username: 'mine', password: 'p2' });
    assert.throws(
      () => store.cpeCredentials.set('dev-2', { username: 'shared', password: 'x' }),
      (err: unknown) => {
        assert.ok(err instanceof StoreError);
        assert.match(err.message, /'shared' is already used by device dev-1/);
        return true;
      },
    );
    assert.equal(store.cpeCredentials.get('dev-2')?.username, 'mine');
    assert.throws(() => store.cpeCredentials.set('dev-3', { username: '', password: 'p' }), StoreError);
    store.close();
  });
});

describe('store: device registrations', () => {
  test('add is idempotent, has/list/remove', () => {
    const c = clock();
    const store = open(tempPath(), c.now);
    assert.equal(store.registrations.has('X'), false);
    assert.deepEqual(store.registrations.add('X', 'lab unit'), { deviceId: 'X', note: 'lab unit', createdAt: t0.toISOString() });
    c.set(new Date('2024-03-02T00:00:00.000Z'));
    store.registrations.add('A');
    assert.deepEqual(store.registrations.add('X', 'moved to shop'), { deviceId: 'X', note: 'moved to shop', createdAt: t0.toISOString() });
    assert.equal(store.registrations.has('X'), true);
    assert.deepEqual(
      store.registrations.list().map((r) => r.deviceId),
      ['X', 'A'],
    );
    assert.equal(store.registrations.remove('X'), true);
    assert.equal(store.registrations.remove('X'), false);
    assert.equal(store.registrations.has('X'), false);
    store.close();
  });
});

describe('CPE auth settings', () => {
  test('a fresh install generates Digest credentials once and keeps them', () => {
    const path = tempPath();
    const store = open(path);
    const first = ensureCpeAuthSettings(store);
    assert.equal(first.mode, 'digest');
    assert.equal(first.realm, 'DeskACS');
    assert.equal(first.username, 'deskacs');
    assert.equal(first.unknownDevices, 'register');
    assert.match(first.password, /^[A-Za-z0-9]{20}$/);
    assert.deepEqual(store.settings.get(CPE_AUTH_SETTING), first);
    store.close();
    const again = open(path);
    assert.deepEqual(ensureCpeAuthSettings(again), first);
    again.close();
    const other = open(tempPath());
    assert.notEqual(ensureCpeAuthSettings(other).password, first.password);
    other.close();
  });

  test('overrides are applied and persisted; undefined fields are no override', () => {
    const path = tempPath();
    const store = open(path);
    const generated = ensureCpeAuthSettings(store);
    const o = ensureCpeAuthSettings(store, { mode: 'basic', username: 'acs-user', password: undefined, unknownDevices: 'refuse' });
    assert.deepEqual(o, { ...generated, mode: 'basic', username: 'acs-user', unknownDevices: 'refuse' });
    store.close();
    const again = open(path);
    assert.deepEqual(ensureCpeAuthSettings(again), o);
    assert.deepEqual(ensureCpeAuthSettings(again, { mode: 'none', password: 'Given-Pass' }), {
      ...o,
      mode: 'none',
      password: 'Given-Pass',
    });
    again.close();
  });

  test('invalid overrides throw, naming the field, and store nothing', () => {
    const store = open(tempPath());
    const before = ensureCpeAuthSettings(store);
    const bad: Array<[Parameters<typeof ensureCpeAuthSettings>[1], RegExp]> = [
      [{ username: 'a:b' }, /colon/],
      [{ password: '' }, /password must not be empty/],
      [{ realm: 'x\ny' }, /realm must not contain control characters/],
      [{ username: 'u'.repeat(300) }, /username is longer than 256/],
    ];
    for (const [overrides, message] of bad) {
      assert.throws(
        () => ensureCpeAuthSettings(store, overrides),
        (err: unknown) => err instanceof CpeAuthConfigError && message.test(err.message),
      );
    }
    assert.deepEqual(store.settings.get(CPE_AUTH_SETTING), before);
    store.close();
  });

  test('a damaged stored value keeps its valid fields and gets defaults for the rest', () => {
    const store = open(tempPath());
    store.settings.set(CPE_AUTH_SETTING, { mode: 'kerberos', username: 'kept', password: 42, unknownDevices: 'refuse' });
    const c = ensureCpeAuthSettings(store);
    assert.equal(c.mode, 'digest');
    assert.equal(c.username, 'kept');
    assert.equal(c.unknownDevices, 'refuse');
    assert.match(c.password, /^[A-Za-z0-9]{20}$/);
    assert.deepEqual(store.settings.get(CPE_AUTH_SETTING), c);
    store.close();
  });

  test('device credentials may not reuse the global username', () => {
    assert.throws(() => validateDeviceCredentials({ username: 'deskacs' }, { username: 'deskacs', password: 'p' }), CpeAuthConfigError);
    assert.throws(() => validateDeviceCredentials({ username: 'deskacs' }, { username: 'a:b', password: 'p' }), /colon/);
    assert.doesNotThrow(() => validateDeviceCredentials({ username: 'deskacs' }, { username: 'cpe-1', password: 'p' }));
  });
});
