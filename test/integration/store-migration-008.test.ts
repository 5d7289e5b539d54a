// Migration 008 folds inform_events into the session rows: a database written by the previous
// schema keeps every session and every event, in order, and orphan events become aborted sessions.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../electron/core/store/index.ts';
import { applyMigrations, MIGRATIONS } from '../../electron/core/store/migrations.ts';

function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-mig008-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'acs.sqlite');
}

/** A database at schema 7 with two devices, three sessions and their events, plus one orphan event. */
function schema7(path: string): void {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  applyMigrations(
    db,
    MIGRATIONS.filter((m) => m.id <= 7),
  );
  const device = db.prepare(
    `INSERT INTO devices (id, oui, product_class, serial_number, first_seen, last_inform, updated_at) VALUES (?, 'A1B2C3', 'PC', ?, ?, ?, ?)`,
  );
  device.run('A1B2C3-PC-S1', 'S1', '2026-01-01T00:00:00.000Z', '2026-01-01T02:00:00.000Z', '2026-01-01T02:00:00.000Z');
  device.run('A1B2C3-PC-S2', 'S2', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
  const session = db.prepare(
    `INSERT INTO sessions (device_id, started_at, ended_at, outcome, remote_address, cwmp_version, messages, warnings) VALUES (?, ?, ?, ?, '10.0.0.1', '1.0', ?, ?)`,
  );
  const event = db.prepare('INSERT INTO inform_events (device_id, session_id, code, command_key, at) VALUES (?, ?, ?, ?, ?)');
  const s1 = Number(session.run('A1B2C3-PC-S1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 'ok', 4, '[]').lastInsertRowid);
  event.run('A1B2C3-PC-S1', s1, '0 BOOTSTRAP', '', '2026-01-01T00:00:00.000Z');
  event.run('A1B2C3-PC-S1', s1, '1 BOOT', '', '2026-01-01T00:00:00.000Z');
  const s2 = Number(session.run('A1B2C3-PC-S2', '2026-01-01T00:00:00.000Z', null, 'aborted', 1, '["odd"]').lastInsertRowid);
  event.run('A1B2C3-PC-S2', s2, '2 PERIODIC', '', '2026-01-01T00:00:00.000Z');
  const s3 = Number(session.run('A1B2C3-PC-S1', '2026-01-01T02:00:00.000Z', '2026-01-01T02:00:01.000Z', 'ok', 2, '[]').lastInsertRowid);
  event.run('A1B2C3-PC-S1', s3, '7 TRANSFER COMPLETE', '', '2026-01-01T02:00:00.000Z');
  event.run('A1B2C3-PC-S1', s3, 'M Download', 'fw-"7"', '2026-01-01T02:00:00.000Z');
  event.run('A1B2C3-PC-S1', 999, '4 VALUE CHANGE', '', '2026-01-01T01:00:00.000Z');
  db.close();
}

describe('migration 008: events in the session row', () => {
  test('every session and event survives, in order, with the same session ids', () => {
    const path = tempDbPath();
    schema7(path);
    const store = openStore({ path });
    try {
      const sessions = store.sessions.listForDevice('A1B2C3-PC-S1', 10);
      assert.deepEqual(
        sessions.map((s) => [s.startedAt, s.outcome, s.messages]),
        [
          // The orphan event's session is appended, so it lists as the newest.
          ['2026-01-01T01:00:00.000Z', 'aborted', 0],
          ['2026-01-01T02:00:00.000Z', 'ok', 2],
          ['2026-01-01T00:00:00.000Z', 'ok', 4],
        ],
      );
      const events = store.events.listForDevice('A1B2C3-PC-S1', 10);
      assert.deepEqual(
        events.map((e) => [e.code, e.commandKey, e.at]),
        [
          ['4 VALUE CHANGE', '', '2026-01-01T01:00:00.000Z'],
          ['M Download', 'fw-"7"', '2026-01-01T02:00:00.000Z'],
          ['7 TRANSFER COMPLETE', '', '2026-01-01T02:00:00.000Z'],
          ['1 BOOT', '', '2026-01-01T00:00:00.000Z'],
          ['0 BOOTSTRAP', '', '2026-01-01T00:00:00.000Z'],
        ],
      );
      assert.equal(events[1]?.sessionId, sessions[1]?.id);
      assert.equal(events[1]?.sessionId, 3);
      assert.equal(events[4]?.sessionId, 1, 'the first session keeps its id');
      assert.deepEqual(store.sessions.get(2)?.warnings, ['odd']);
      assert.deepEqual(
        store.events.listForDevice('A1B2C3-PC-S1', 3).map((e) => e.code),
        ['4 VALUE CHANGE', 'M Download', '7 TRANSFER COMPLETE'],
      );
      assert.deepEqual(
        store.events.listForDevice('A1B2C3-PC-S2', 10).map((e) => [e.code, e.sessionId]),
        [['2 PERIODIC', 2]],
      );
    } finally {
      store.close();
    }
    const db = new Database(path, { readonly: true });
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('inform_events', 'sessions_next')`).all();
    db.close();
    assert.deepEqual(tables, []);
  });

  test('new sessions carry their events and deleting a device removes them', () => {
    const path = tempDbPath();
    schema7(path);
    const store = openStore({ path });
    try {
      const inform = {
        name: 'Inform' as const,
        deviceId: { manufacturer: 'M', oui: 'A1B2C3', productClass: 'PC', serialNumber: 'S2' },
        events: [
          { code: '6 CONNECTION REQUEST', commandKey: '' },
          { code: '2 PERIODIC', commandKey: '' },
        ],
        maxEnvelopes: 1,
        currentTime: '2026-01-02T00:00:00Z',
        retryCount: 0,
        parameterList: [],
      };
      const r = store.informs.record({
        inform,
        remoteAddress: '10.0.0.2',
        cwmpVersion: '1.0',
        at: new Date('2026-01-02T00:00:00Z'),
        warnings: [],
      });
      assert.ok(r.sessionId > 4, 'a new id above every migrated one');
      assert.deepEqual(
        store.events.listForDevice('A1B2C3-PC-S2', 10).map((e) => [e.code, e.sessionId]),
        [
          ['2 PERIODIC', r.sessionId],
          ['6 CONNECTION REQUEST', r.sessionId],
          ['2 PERIODIC', 2],
        ],
      );
      assert.equal(store.devices.remove('A1B2C3-PC-S2'), true);
      assert.deepEqual(store.events.listForDevice('A1B2C3-PC-S2', 10), []);
      assert.deepEqual(store.sessions.listForDevice('A1B2C3-PC-S2', 10), []);
    } finally {
      store.close();
    }
  });
});
