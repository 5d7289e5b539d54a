// Replies wait for the disk, the event loop does not: commits skip their fsync and WalSync
// makes them durable with fdatasync off the main thread; InformResponse goes out only then.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStore, type DurableCallback, type Store } from '../../electron/core/store/index.ts';
import { WalSync } from '../../electron/core/store/wal-sync.ts';
import { CpeConnection, startHarness, type Harness, type RawResponse } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';
import { makeInform } from '../helpers/inform.ts';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-walsync-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function recordInform(store: Store, serial: string): void {
  store.informs.record({ inform: makeInform({ serial }), remoteAddress: '192.0.2.1', cwmpVersion: '1.0', at: new Date(), warnings: [] });
}

/** Callbacks that record their tag and error, in the order they are called. */
function collector(): { cb: (tag: string) => DurableCallback; calls: { tag: string; err: Error | null }[] } {
  const calls: { tag: string; err: Error | null }[] = [];
  return { calls, cb: (tag) => (err) => calls.push({ tag, err }) };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(check(), what);
}

describe('WalSync', () => {
  test('requests made while a sync runs share the next one: 20 commits, 2 fdatasyncs, every callback called once', async () => {
    const path = join(tempDir(), 'x-wal');
    writeFileSync(path, 'frames');
    const sync = new WalSync(path);
    assert.equal(sync.usable(), true);
    const c = collector();
    for (let i = 0; i < 20; i++) sync.request(c.cb(`r${i}`));
    assert.equal(c.calls.length, 0, 'nothing is durable before the sync has run');
    await until(() => c.calls.length === 20, 'all callbacks called');
    assert.equal(sync.syncs, 2);
    assert.deepEqual(
      c.calls.map((x) => x.tag),
      Array.from({ length: 20 }, (_, i) => `r${i}`),
    );
    assert.ok(c.calls.every((x) => x.err === null));
    sync.close();
  });

  test('a WAL file replaced while the sync ran is reported as an error, not trusted', async () => {
    const dir = tempDir();
    const path = join(dir, 'x-wal');
    writeFileSync(path, 'frames');
    writeFileSync(join(dir, 'other'), 'other');
    const sync = new WalSync(path);
    assert.equal(sync.usable(), true);
    const c = collector();
    sync.request(c.cb('a'));
    renameSync(join(dir, 'other'), path);
    await until(() => c.calls.length === 1, 'callback called');
    assert.match(String(c.calls[0]?.err), /replaced/);
    // The next request reopens the file that is there now and succeeds.
    sync.request(c.cb('b'));
    await until(() => c.calls.length === 2, 'second callback called');
    assert.equal(c.calls[1]?.err, null);
    sync.close();
  });

  test('close() syncs what waits for the next sync at once; the running sync still answers', async () => {
    const path = join(tempDir(), 'x-wal');
    writeFileSync(path, 'frames');
    const sync = new WalSync(path);
    sync.usable();
    const c = collector();
    sync.request(c.cb('running'));
    sync.request(c.cb('waiting'));
    sync.close();
    assert.deepEqual(c.calls, [{ tag: 'waiting', err: null }]);
    await until(() => c.calls.length === 2, 'the running sync answered');
    sync.request(c.cb('after close'));
    assert.match(String(c.calls[2]?.err), /closed/);
  });

  test('a WAL file that does not exist is not usable', () => {
    assert.equal(new WalSync(join(tempDir(), 'missing', 'x-wal')).usable(), false);
  });
});

describe('store.deferredSyncTransaction', () => {
  test('the commit is readable at once and durable later', async () => {
    const store = openStore({ path: join(tempDir(), 'acs.sqlite') });
    const c = collector();
    store.deferredSyncTransaction(() => recordInform(store, 'D1'), c.cb('d1'));
    assert.equal(c.calls.length, 0);
    assert.notEqual(store.devices.get('A0B1C2-Box-D1'), undefined, 'committed and readable before the sync');
    await until(() => c.calls.length === 1, 'durable callback');
    assert.equal(c.calls[0]?.err, null);
    store.close();
  });

  test('a transaction that throws is rolled back and its callback never runs', async () => {
    const store = openStore({ path: join(tempDir(), 'acs.sqlite') });
    const c = collector();
    assert.throws(() =>
      store.deferredSyncTransaction(() => {
        recordInform(store, 'GONE');
        throw new Error('boom');
      }, c.cb('gone')),
    );
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(c.calls.length, 0);
    assert.equal(store.devices.get('A0B1C2-Box-GONE'), undefined);
    store.close();
  });

  test('nested inside another transaction it refuses, and nothing of it is written', () => {
    const store = openStore({ path: join(tempDir(), 'acs.sqlite') });
    const c = collector();
    assert.throws(
      () => store.transaction(() => store.deferredSyncTransaction(() => recordInform(store, 'N1'), c.cb('n1'))),
      /cannot run inside/,
    );
    assert.equal(c.calls.length, 0);
    assert.equal(store.devices.get('A0B1C2-Box-N1'), undefined);
    store.close();
  });

  test('in memory there is no WAL: the commit is synchronous and the callback runs before it returns', () => {
    const store = openStore({ memory: true });
    const c = collector();
    store.deferredSyncTransaction(() => recordInform(store, 'M1'), c.cb('m1'));
    assert.deepEqual(c.calls, [{ tag: 'm1', err: null }]);
    store.close();
  });
});

describe('CWMP replies wait for the disk', () => {
  let h: Harness;
  const held: DurableCallback[] = [];
  before(async () => {
    h = await startHarness();
    // Fault injection at the store's seam: the commit happens, its "on disk" is held back.
    const real = h.store.deferredSyncTransaction.bind(h.store);
    h.store.deferredSyncTransaction = (fn, onDurable) => real(fn, (err) => (err === null ? held.push(onDurable) : onDurable(err)));
  });
  after(async () => {
    for (const cb of held.splice(0)) cb(null);
    await h.close();
  });

  test('the InformResponse is sent only once the Inform is on disk', async () => {
    const cpe = new CpeConnection(h.cwmpUrl);
    let reply = undefined as RawResponse | undefined;
    const pending = cpe.post(informXml({ serial: 'HELD1' })).then((r) => (reply = r));
    await until(() => held.length === 1, 'the Inform was committed');
    assert.notEqual(h.store.devices.get('00AA11-HG1-HELD1'), undefined);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(reply, undefined, 'no reply before the sync');
    held.shift()?.(null);
    assert.equal((await pending).status, 200);
    assert.equal((await cpe.post('')).status, 204, 'an empty POST carries nothing durable: answered without waiting');
    cpe.close();
  });

  test('a failed sync answers 503 + Retry-After and ends the session, so the CPE starts over with its Inform', async () => {
    const cpe = new CpeConnection(h.cwmpUrl);
    const pending = cpe.post(informXml({ serial: 'HELD2' }));
    await until(() => held.length === 1, 'the Inform was committed');
    held.shift()?.(new Error('EIO: i/o error, fdatasync'));
    const failed = await pending;
    assert.equal(failed.status, 503);
    assert.ok(failed.headers['retry-after'] !== undefined);
    assert.equal((await cpe.post('')).status, 400, 'the session is gone');
    cpe.close();
  });
});
