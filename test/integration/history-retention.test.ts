// The history retention service and its API: the setting is validated and saved, a pass prunes
// with it and reports what it removed, passes do not overlap, stopping cuts a pass short
// cleanly, and the scheduler runs passes on its own.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AcsError } from '../../shared/errors.ts';
import type { DeviceDetail, HistoryPruneReport, HistorySettings } from '../../shared/models.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { createHistoryRetention, defaultRetention } from '../../electron/core/services/history-retention.ts';
import { openStore, type Store } from '../../electron/core/store/index.ts';
import { apiGet, apiPost, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { makeInform } from '../helpers/inform.ts';

const DAY = 86_400_000;
const today = new Date('2026-11-21T12:00:00Z');
const daysAgo = (n: number): Date => new Date(today.getTime() - n * DAY);

/** `count` devices with one ended session per day for `days` days, the newest today. */
function fill(store: Store, count: number, days: number, prefix = 'H'): string[] {
  const ids: string[] = [];
  for (let d = 0; d < count; d++) {
    let id = '';
    for (let n = days - 1; n >= 0; n--) {
      const r = store.informs.record({
        inform: makeInform({ serial: `${prefix}${d}` }),
        remoteAddress: '127.0.0.1',
        cwmpVersion: '1.0',
        at: daysAgo(n),
        warnings: [],
      });
      store.sessions.end(r.sessionId, 'ok', { messages: 2, warnings: [] }, daysAgo(n));
      id = r.deviceId;
    }
    ids.push(id);
  }
  return ids;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-retention-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('history retention service', () => {
  test('defaults, validation naming the field, and the setting survives a restart', async () => {
    const path = join(tempDir(), 'acs.sqlite');
    const store = openStore({ path });
    const svc = createHistoryRetention({ store, log: silentLogger, firstDelayMs: null });
    assert.deepEqual({ days: svc.settings().days, keepPerDevice: svc.settings().keepPerDevice }, defaultRetention);
    assert.equal(svc.settings().lastPrune, null);
    assert.equal(svc.settings().nextPruneAt, null);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ days: 0 }, /'days'/],
      [{ days: 1.5 }, /'days'/],
      [{ days: '30' }, /'days'/],
      [{ days: 3651 }, /'days'/],
      [{ keepPerDevice: 0 }, /'keepPerDevice'/],
      [{ keepPerDevice: 1001 }, /'keepPerDevice'/],
    ];
    for (const [changes, field] of bad) {
      assert.throws(
        () => svc.update(changes),
        (err: unknown) => err instanceof AcsError && err.code === 'bad_request' && field.test(err.message),
      );
    }
    assert.deepEqual(svc.settings().days, defaultRetention.days, 'a refused change saves nothing');
    const saved = svc.update({ days: 7 });
    assert.equal(saved.days, 7);
    assert.equal(saved.keepPerDevice, defaultRetention.keepPerDevice);
    await svc.close();
    store.close();
    const reopened = openStore({ path });
    const again = createHistoryRetention({ store: reopened, log: silentLogger, firstDelayMs: null });
    assert.equal(again.settings().days, 7);
    await again.close();
    reopened.close();
  });

  test('a pass prunes with the saved setting and its report is kept', async () => {
    const store = openStore({ path: join(tempDir(), 'acs.sqlite') });
    const ids = fill(store, 5, 12);
    const svc = createHistoryRetention({ store, log: silentLogger, firstDelayMs: null, now: () => today, batchDevices: 2, batchRows: 7 });
    svc.update({ days: 5, keepPerDevice: 3 });
    const report = await svc.pruneNow();
    // Sessions 0-11 days old; older than 5 days: 6-11 (and day 5 exactly is not older).
    assert.equal(report.removed.sessions, 5 * 6);
    assert.equal(report.devices, 5);
    assert.equal(report.interrupted, false);
    for (const id of ids) assert.equal(store.sessions.listForDevice(id, 100).length, 6);
    assert.deepEqual(svc.settings().lastPrune, report);
    await svc.close();
    store.close();
  });

  test('passes do not overlap; stopping cuts a running pass short and refuses new ones', async () => {
    const store = openStore({ path: join(tempDir(), 'acs.sqlite') });
    fill(store, 30, 3);
    const svc = createHistoryRetention({ store, log: silentLogger, firstDelayMs: null, now: () => today, batchDevices: 1 });
    svc.update({ days: 1, keepPerDevice: 1 });
    const first = svc.pruneNow();
    assert.equal(svc.pruneNow(), first, 'a second request joins the running pass');
    assert.equal(svc.settings().pruning, true);
    await svc.close();
    const report: HistoryPruneReport = await first;
    assert.equal(report.interrupted, true);
    assert.ok(report.devices < 30, `stopped after ${report.devices} devices`);
    await assert.rejects(svc.pruneNow(), (err: unknown) => err instanceof AcsError && err.code === 'unavailable');
    store.close();
  });

  test('"prune now" after a change does not join a pass running with the old setting', async () => {
    const store = openStore({ path: join(tempDir(), 'acs.sqlite') });
    fill(store, 10, 5);
    const svc = createHistoryRetention({ store, log: silentLogger, firstDelayMs: null, now: () => today, batchDevices: 1 });
    svc.update({ days: 100, keepPerDevice: 1 });
    const old = svc.pruneNow();
    assert.equal(svc.pruneNow(), old, 'same setting: joined');
    svc.update({ days: 2 });
    const fresh = svc.pruneNow();
    assert.notEqual(fresh, old);
    assert.equal((await old).removed.sessions, 0);
    // Sessions 0-4 days old; older than 2 days: 3 and 4.
    assert.equal((await fresh).removed.sessions, 10 * 2);
    await svc.close();
    store.close();
  });

  test('the scheduler runs a first pass after its delay, then plans the next', async () => {
    const store = openStore({ path: join(tempDir(), 'acs.sqlite') });
    fill(store, 2, 40);
    const svc = createHistoryRetention({ store, log: silentLogger, firstDelayMs: 1, intervalMs: 3_600_000, now: () => today });
    while (svc.settings().lastPrune === null) await new Promise((r) => setTimeout(r, 5));
    const s = svc.settings();
    assert.equal(s.lastPrune?.removed.sessions, 2 * (40 - 30 - 1)); // default: 30 days, 20 kept
    while (svc.settings().nextPruneAt === null) await new Promise((r) => setTimeout(r, 5));
    assert.equal(svc.settings().nextPruneAt, new Date(today.getTime() + 3_600_000).toISOString());
    await svc.close();
    assert.equal(svc.settings().nextPruneAt, null);
    store.close();
  });
});

describe('history retention API', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ historyPruning: { firstDelayMs: null } });
  });
  after(async () => {
    await h.close();
  });

  test('GET, PUT and bad values over HTTP', async () => {
    const initial = (await apiGet(h, '/api/settings/history')).json as HistorySettings;
    assert.equal(initial.days, defaultRetention.days);
    const put = await apiPost(h, '/api/settings/history', { days: 10, keepPerDevice: 2 }, 'PUT');
    assert.equal(put.status, 200, JSON.stringify(put.json));
    assert.equal((put.json as HistorySettings).days, 10);
    for (const body of [{ days: 0 }, { days: 'ten' }, { colour: 'red' }, [1], 'x']) {
      const r = await apiPost(h, '/api/settings/history', body, 'PUT');
      assert.equal(r.status, 400, `${JSON.stringify(body)} -> ${r.status}`);
    }
    assert.equal(((await apiGet(h, '/api/settings/history')).json as HistorySettings).days, 10);
  });

  test('POST prune removes old sessions; the device keeps its newest', async () => {
    // Sessions stamped in the past relative to the real clock, which the harness uses.
    const now = Date.now();
    let id = '';
    for (let n = 20; n >= 1; n--) {
      const at = new Date(now - n * DAY + 3_600_000); // an hour short of n days old
      const r = h.store.informs.record({
        inform: makeInform({ serial: 'APIPRUNE' }),
        remoteAddress: '127.0.0.1',
        cwmpVersion: '1.0',
        at,
        warnings: [],
      });
      h.store.sessions.end(r.sessionId, 'ok', { messages: 2, warnings: [] }, at);
      id = r.deviceId;
    }
    await apiPost(h, '/api/settings/history', { days: 10, keepPerDevice: 2 }, 'PUT');
    const r = await apiPost(h, '/api/settings/history/prune', {});
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal((r.json as HistoryPruneReport).removed.sessions, 10);
    const detail = (await apiGet(h, `/api/devices/${encodeURIComponent(id)}`)).json as DeviceDetail;
    assert.equal(detail.sessions.length, 10);
    assert.deepEqual(((await apiGet(h, '/api/settings/history')).json as HistorySettings).lastPrune, r.json);
  });
});
