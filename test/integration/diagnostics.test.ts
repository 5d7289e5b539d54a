// Diagnostics run by simulated devices end to end (issue #16, items 3 and 4): ping, traceroute
// and both TR-143 speed tests (DeskACS serving and taking the bytes on its CWMP listener) on a
// TR-181 and a TR-098 device, each one task that waits for '8 DIAGNOSTICS COMPLETE' and ends
// with a readable result kept in the device's history; nslookup; a diagnostic the device refuses
// (9000) or lacks (not in its tree) fails explained; one that never completes times out; the
// device log read on demand; a vendor log file uploaded, kept and read back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TaskRecord } from '../../shared/models.ts';
import type { DiagnosticRun, PingResult, SpeedResult, TracerouteResult } from '../../shared/models-diagnostics.ts';
import type { TaskSpec } from '../../shared/tasks.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { type DiagnosticsBehaviour, runDiagnostic } from '../../electron/simulator/diagnostics.ts';
import type { AcsConfig } from '../../electron/core/acs-types.ts';
import { assembleAcs } from '../../electron/core/acs.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { apiGet, startHarness, type Harness } from '../helpers/acs-harness.ts';

const DOWNLOAD_BYTES = 2 * 1024 * 1024;
const UPLOAD_BYTES = 1024 * 1024;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function startDevice(
  h: Harness,
  serial: string,
  model: 'tr181' | 'tr098',
  diagnostics: DiagnosticsBehaviour,
): Promise<{ sim: SimulatorHandle; id: string }> {
  const sim = await startSimulator({ acsUrl: h.cwmpUrl, model, serial, connectionRequest: false, diagnostics });
  await sim.idle();
  if (sim.sessions.length === 0) await sim.runSession();
  const id = h.store.devices.search({ q: serial }).items[0]?.id ?? '';
  assert.notEqual(id, '', `${serial} did not bootstrap`);
  await h.acs.api.createTask({ id, task: { name: 'refresh' } });
  await sim.runSession();
  await sim.idle();
  return { sim, id };
}

/** Waits (bounded) until the task has ended; the device opens its own session when the diagnostic completes. */
async function settled(h: Harness, taskId: number, maxMs = 20_000): Promise<TaskRecord> {
  const until = Date.now() + maxMs;
  for (;;) {
    const task = await h.acs.api.getTask({ taskId });
    if (task.status !== 'queued' && task.status !== 'running') return task;
    if (Date.now() > until) assert.fail(`task ${taskId} still ${task.status}: ${JSON.stringify(task)}`);
    await sleep(20);
  }
}

async function runTask(h: Harness, dev: { sim: SimulatorHandle; id: string }, task: TaskSpec): Promise<TaskRecord> {
  const created = await h.acs.api.createTask({ id: dev.id, task });
  await dev.sim.runSession();
  const waiting = await h.acs.api.getTask({ taskId: created.task.id });
  assert.equal(waiting.status, 'running', JSON.stringify(waiting));
  assert.equal(waiting.awaiting, 'diagnostics', 'the task waits for 8 DIAGNOSTICS COMPLETE');
  assert.match(String((waiting.result as { reason?: string }).reason), /waiting for it to report 8 DIAGNOSTICS COMPLETE/);
  const done = await settled(h, created.task.id);
  assert.equal(done.status, 'done', JSON.stringify(done));
  return done;
}

function resultOf<T>(task: TaskRecord): T {
  return (task.result as { diagnostic: T }).diagnostic;
}

describe('diagnostics run by simulated devices', () => {
  let h: Harness;
  let tr181: { sim: SimulatorHandle; id: string };
  let tr098: { sim: SimulatorHandle; id: string };

  before(async () => {
    h = await startHarness({
      diagnostics: { downloadBytes: DOWNLOAD_BYTES, uploadBytes: UPLOAD_BYTES, checkMs: 50 },
      backups: { firstDelayMs: null },
    });
    tr181 = await startDevice(h, 'DIAG-181', 'tr181', { delayMs: 150, unsupported: ['traceroute'] });
    tr098 = await startDevice(h, 'DIAG-098', 'tr098', { delayMs: 150 });
  });
  after(async () => {
    await tr181?.sim.close();
    await tr098?.sim.close();
    await h?.close();
  });

  test('a ping on TR-181 and on TR-098: 4 of 4 replies, loss and RTT min/avg/max, kept in the history', async () => {
    for (const dev of [tr181, tr098]) {
      const task = await runTask(h, dev, { name: 'ping', host: '127.0.0.1', count: 4 });
      const ping = resultOf<PingResult>(task);
      assert.deepEqual([ping.kind, ping.host, ping.sent, ping.received, ping.lossPercent], ['ping', '127.0.0.1', 4, 4, 0]);
      assert.ok(ping.rttMinMs !== null && ping.rttAvgMs !== null && ping.rttMaxMs !== null, JSON.stringify(ping));
      assert.ok(ping.rttMinMs <= ping.rttAvgMs && ping.rttAvgMs <= ping.rttMaxMs, JSON.stringify(ping));
      const raw = (task.result as { raw: Record<string, string> }).raw;
      const state = Object.entries(raw).find(([k]) => k.endsWith('DiagnosticsState'));
      assert.equal(state?.[1], 'Complete');
      const history = await h.acs.api.listDiagnostics({ id: dev.id });
      assert.equal(history[0]?.taskId, task.id, 'newest first');
      assert.deepEqual([history[0]?.kind, history[0]?.state], ['ping', 'done']);
      assert.deepEqual(history[0]?.result, ping);
    }
    const http = await apiGet(h, `/api/devices/${encodeURIComponent(tr098.id)}/diagnostics`);
    assert.equal(http.status, 200);
    assert.equal((http.json as DiagnosticRun[])[0]?.object, 'InternetGatewayDevice.IPPingDiagnostics.');
  });

  test('a traceroute on TR-098 lists its hops with addresses and times (HopHost/HopRTTimes read)', async () => {
    const task = await runTask(h, tr098, { name: 'traceroute', host: '192.0.2.80', maxHops: 10 });
    const trace = resultOf<TracerouteResult>(task);
    assert.equal(trace.hops.length, 4);
    assert.deepEqual(
      trace.hops.map((hop) => hop.address),
      ['100.64.0.1', '203.0.113.1', '198.51.100.7', '192.0.2.80'],
    );
    assert.ok(trace.hops.every((hop) => typeof hop.rttMs === 'number' && hop.rttMs > 0));
    assert.equal(tr098.sim.model.value('InternetGatewayDevice.TraceRouteDiagnostics.MaxHopCount'), '10');
  });

  test('a traceroute on TR-181 the device refuses with 9000 fails, explained, and is listed as failed', async () => {
    const created = await h.acs.api.createTask({ id: tr181.id, task: { name: 'traceroute', host: '8.8.8.8' } });
    await tr181.sim.runSession();
    const task = await settled(h, created.task.id);
    assert.equal(task.status, 'fault');
    assert.equal(task.fault?.code, 9000);
    assert.match(task.fault?.message ?? '', /does not support the traceroute/);
    assert.match(String((task.fault?.detail as { explanation?: string } | undefined)?.explanation), /does not offer the traceroute/);
    const run = (await h.acs.api.listDiagnostics({ id: tr181.id })).find((d) => d.taskId === task.id);
    assert.equal(run?.state, 'failed');
    assert.match(run?.error?.explanation ?? '', /TR-143/);
  });

  test('download and upload speed tests on both models move the bytes through DeskACS and read as Mbit/s', async () => {
    for (const dev of [tr181, tr098]) {
      for (const direction of ['download', 'upload'] as const) {
        const task = await runTask(h, dev, { name: 'speedTest', direction });
        const speed = resultOf<SpeedResult>(task);
        const bytes = direction === 'download' ? DOWNLOAD_BYTES : UPLOAD_BYTES;
        assert.deepEqual([speed.direction, speed.bytes], [direction, bytes], JSON.stringify(speed));
        assert.ok(speed.durationMs !== null && speed.durationMs > 0, JSON.stringify(speed));
        assert.ok(speed.mbps !== null && speed.mbps > 0, JSON.stringify(speed));
        assert.match(speed.bomTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        const row = h.store.diagnostics.byTask(task.id);
        assert.equal(row?.bytesMoved, bytes, `DeskACS ${direction === 'download' ? 'served' : 'received'} the test's bytes`);
        const late = await fetch(`${h.cwmpUrl}files/s/${row?.token ?? ''}/x.bin`);
        assert.equal(late.status, 404, 'the test URL ends with its run');
      }
    }
  });

  test('an nslookup on TR-181 answers; on TR-098 without the object it fails without asking the device', async () => {
    const task = await runTask(h, tr181, { name: 'nslookup', host: 'localhost', dnsServer: '192.0.2.53' });
    const ns = resultOf<{ answers: { ipAddresses: string[]; status: string; dnsServerIp: string }[] }>(task);
    assert.deepEqual(
      ns.answers.map((a) => [a.status, a.ipAddresses, a.dnsServerIp]),
      [['Success', ['127.0.0.1'], '192.0.2.53']],
    );
    const created = await h.acs.api.createTask({ id: tr098.id, task: { name: 'nslookup', host: 'example.com' } });
    await tr098.sim.runSession();
    const missing = await settled(h, created.task.id);
    assert.equal(missing.status, 'fault');
    assert.match(
      missing.fault?.message ?? '',
      /does not support the DNS lookup: its parameter tree has no InternetGatewayDevice\.DNS\.Diagnostics/,
    );
  });

  test('bad diagnostic requests are refused with the field named', async () => {
    await assert.rejects(h.acs.api.createTask({ id: tr181.id, task: { name: 'ping' } }), /'host' is required/);
    await assert.rejects(h.acs.api.createTask({ id: tr181.id, task: { name: 'ping', host: 'a b' } }), /'host' must be a host name/);
    await assert.rejects(
      h.acs.api.createTask({ id: tr181.id, task: { name: 'ping', host: 'x', count: 0 } }),
      /'count' must be a whole number/,
    );
    await assert.rejects(h.acs.api.createTask({ id: tr181.id, task: { name: 'speedTest', direction: 'sideways' } }), /'direction'/);
    await assert.rejects(h.acs.api.listDiagnostics({ id: 'no-such-device' }), /no device/);
  });

  test('the device log is read on demand; a vendor log file uploads, is kept and reads back', async () => {
    const path = 'Device.DeviceInfo.DeviceLog';
    const stored = await h.acs.api.getDeviceLog({ id: tr181.id });
    assert.equal(stored.path, path);
    assert.match(stored.text ?? '', /pppd: PPPoE session/);
    const created = await h.acs.api.createTask({ id: tr181.id, task: { name: 'getParameterValues', names: [path] } });
    await tr181.sim.runSession();
    assert.equal((await h.acs.api.getTask({ taskId: created.task.id })).status, 'done');
    const read = await apiGet(h, `/api/devices/${encodeURIComponent(tr181.id)}/log`);
    assert.equal(read.status, 200);
    const log = read.json as { text: string; readAt: string };
    assert.match(log.text, /diagnostics: ping 127\.0\.0\.1 complete/, 'the line the earlier ping left');
    assert.ok(Date.parse(log.readAt) >= Date.parse(stored.readAt ?? ''));

    const upload = await h.acs.api.createTask({ id: tr181.id, task: { name: 'upload', fileType: '2 Vendor Log File' } });
    await tr181.sim.runSession();
    const done = await settled(h, upload.task.id);
    assert.equal(done.status, 'done', JSON.stringify(done));
    const backupId = (done.result as { backupId: number }).backupId;
    const listed = (await h.acs.api.listBackups({ id: tr181.id })).find((b) => b.id === backupId);
    assert.equal(listed?.fileType, '2 Vendor Log File');
    const content = await h.acs.api.getBackup({ backupId });
    assert.match(content.text ?? '', /simulated device log/);
    assert.match(content.text ?? '', /diagnostics: ping 127\.0\.0\.1 complete/);
  });
});

describe('a diagnostic the device never completes', () => {
  let h: Harness;
  let dev: { sim: SimulatorHandle; id: string };

  before(async () => {
    h = await startHarness({ diagnostics: { timeoutMs: 600, checkMs: 50 } });
    dev = await startDevice(h, 'DIAG-NEVER', 'tr181', { never: ['ping'] });
  });
  after(async () => {
    await dev?.sim.close();
    await h?.close();
  });

  test('waits with its reason, then fails: the device did not complete the ping within the timeout', async () => {
    const created = await h.acs.api.createTask({ id: dev.id, task: { name: 'ping', host: '192.0.2.1' } });
    await dev.sim.runSession();
    const waiting = await h.acs.api.getTask({ taskId: created.task.id });
    assert.equal(waiting.awaiting, 'diagnostics');
    assert.match(String((waiting.result as { reason?: string }).reason), /running the ping to 192\.0\.2\.1.*\(at most until \d{4}-/);
    const [run] = await h.acs.api.listDiagnostics({ id: dev.id });
    assert.equal(run?.state, 'waiting');
    assert.notEqual(run?.deadline, null);
    const task = await settled(h, created.task.id);
    assert.equal(task.status, 'fault');
    assert.equal(task.fault?.message, 'the device did not complete the ping within 1 s');
    const [after] = await h.acs.api.listDiagnostics({ id: dev.id });
    assert.deepEqual([after?.state, after?.reason], ['failed', 'the device did not complete the ping within 1 s']);
  });
});

describe('a diagnostic across an ACS restart', () => {
  test('the run waits in SQLite: a new ACS on the same data reads the results at 8 DIAGNOSTICS COMPLETE', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-diag-restart-'));
    const config = (port: number): AcsConfig => ({
      dataDir,
      cwmpHost: '127.0.0.1',
      cwmpPort: port,
      httpHost: '127.0.0.1',
      httpPort: null,
      webRoot: null,
      sessionTimeoutMs: 5_000,
      maxConcurrentSessions: 10,
      cpeAuth: { mode: 'none' },
      log: silentLogger,
    });
    let first: Awaited<ReturnType<typeof assembleAcs>> | undefined = await assembleAcs(config(0));
    const port = Number(new URL(first.acs.info.cwmpUrl).port);
    const sim = await startSimulator({
      acsUrl: first.acs.info.cwmpUrl,
      model: 'tr098',
      serial: 'DIAG-RESTART',
      connectionRequest: false,
      diagnostics: { never: ['ping'] },
    });
    try {
      await sim.idle();
      if (sim.sessions.length === 0) await sim.runSession();
      const id = first.store.devices.search({ q: 'DIAG-RESTART' }).items[0]?.id ?? '';
      await first.acs.api.createTask({ id, task: { name: 'refresh' } });
      await sim.runSession();
      const created = await first.acs.api.createTask({ id, task: { name: 'ping', host: '127.0.0.1' } });
      await sim.runSession();
      assert.equal((await first.acs.api.getTask({ taskId: created.task.id })).awaiting, 'diagnostics');
      await first.acs.close();
      first = undefined;

      const second = await assembleAcs(config(port));
      try {
        // The device finishes while DeskACS was away, and says so in its next session.
        await runDiagnostic(sim.model, 'InternetGatewayDevice.IPPingDiagnostics.', 'ping');
        await sim.runSession(['8 DIAGNOSTICS COMPLETE']);
        const task = await second.acs.api.getTask({ taskId: created.task.id });
        assert.equal(task.status, 'done', JSON.stringify(task));
        assert.deepEqual([resultOf<PingResult>(task).received, resultOf<PingResult>(task).lossPercent], [4, 0]);
        const [run] = await second.acs.api.listDiagnostics({ id });
        assert.deepEqual([run?.taskId, run?.state], [created.task.id, 'done']);
      } finally {
        await second.acs.close();
      }
    } finally {
      await sim.close();
      await first?.acs.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
