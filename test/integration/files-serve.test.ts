// Library files served to CPEs on the CWMP listener: a simulator device given a download task
// with a fileId fetches the file from DeskACS at its per-transfer URL; HEAD and Range requests;
// wrong and expired URLs refused with 404; every fetch logged.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AddFileResult, FileFetch } from '../../shared/models-files.ts';
import type { TaskRecord } from '../../shared/models.ts';
import { createTransferUrl } from '../../electron/core/files/transfer-url.ts';
import { startSimulator, type SimulatorHandle } from '../../electron/simulator/index.ts';
import { send, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { eventually } from '../helpers/e2e-devices.ts';

interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function fetchUrl(url: string, method = 'GET', headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving library files to CPEs', () => {
  let h: Harness;
  let sim: SimulatorHandle;
  let deviceId: string;
  const firmware = Buffer.from(`SoftwareVersion=3.1.4\n${'firmware image bytes\n'.repeat(2000)}`);
  let fileId: number;

  /** A URL for the device and the file made the way a Download RPC's is (no task: only the clock ends it). */
  const urlFor = (ttlMs?: number, creds = { username: '', password: '' }): string =>
    createTransferUrl(h.store, {
      fileId,
      fileName: 'fw-3.1.4.bin',
      deviceId,
      taskId: null,
      ...creds,
      baseUrl: h.cwmpUrl,
      now: new Date(),
      ...(ttlMs === undefined ? {} : { ttlMs }),
    });

  before(async () => {
    // CPE authentication on: file fetches must not need the ACS's credentials.
    h = await startHarness({ cpeAuth: { mode: 'basic', username: 'acs', password: 'acs-secret' } });
    sim = await startSimulator({
      acsUrl: h.cwmpUrl,
      model: 'tr181',
      serial: 'FILES-1',
      connectionRequest: false,
      username: 'acs',
      password: 'acs-secret',
    });
    await sim.idle();
    if (sim.sessions.length === 0) await sim.runSession();
    const device = h.store.devices.search({ q: 'FILES-1' }).items[0];
    assert.ok(device, 'the simulator did not bootstrap');
    deviceId = device.id;
    const res = await send(
      `${h.apiUrl}/api/files?name=fw-3.1.4.bin`,
      'POST',
      { Authorization: `Bearer ${h.acs.info.apiToken}`, 'Content-Length': String(firmware.length) },
      firmware,
    );
    assert.equal(res.status, 200, res.body);
    fileId = (JSON.parse(res.body) as AddFileResult).file.id;
  });
  after(async () => {
    await sim?.close();
    await h?.close();
  });

  test('a download task with fileId: the device fetches the file from DeskACS, the fetch is logged with the device', async () => {
    const created = await h.acs.api.createTask({ id: deviceId, task: { name: 'download', fileId } });
    const args = h.store.tasks.get(created.task.id)?.args as Record<string, unknown>;
    assert.deepEqual([args.fileType, args.fileSize, args.targetFileName], ['1 Firmware Upgrade Image', firmware.length, 'fw-3.1.4.bin']);
    const session = await sim.runSession();
    assert.ok(session.rpcs.includes('Download'), JSON.stringify(session));
    await sim.idle();
    await sim.idle();
    assert.equal(sim.model.get('Device.DeviceInfo.SoftwareVersion')?.value, '3.1.4', 'the device installed the bytes DeskACS served');
    const transfers = h.store.fileFetches.transfersOfTask(created.task.id);
    assert.equal(transfers.length, 1);
    assert.equal(transfers[0]?.deviceId, deviceId);
    const fetches = await h.acs.api.listFileFetches({ fileId });
    const got = fetches.find((f) => f.deviceId === deviceId && f.method === 'GET');
    assert.ok(got, JSON.stringify(fetches));
    assert.deepEqual([got.status, got.bytes, got.remoteAddress.endsWith('127.0.0.1')], [200, firmware.length, true]);
    assert.equal((await h.acs.api.getFile({ fileId })).transfers, 1, 'the file counts the task that transferred it');
    const task = (await h.acs.api.getTask({ taskId: created.task.id })) as TaskRecord;
    assert.equal(task.status, 'done', JSON.stringify(task));
    // The transfer is over: its URL no longer works.
    const token = transfers[0]?.token ?? '';
    assert.equal((await fetchUrl(`${h.cwmpUrl}files/${token}/fw.bin`)).status, 404);
  });

  test('a download names the file or a URL, not both; an unknown file is not_found', async () => {
    await assert.rejects(h.acs.api.createTask({ id: deviceId, task: { name: 'download', fileId: 99_999 } }), { code: 'not_found' });
    await assert.rejects(h.acs.api.createTask({ id: deviceId, task: { name: 'download', fileId, url: 'http://x/fw.bin' } }), {
      code: 'bad_request',
      message: /'url' or 'fileId', not both/,
    });
  });

  test('HEAD answers the headers alone; a Range request answers 206 with exactly those bytes; outside the file 416', async () => {
    const url = urlFor();
    const head = await fetchUrl(url, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(firmware.length));
    assert.equal(head.headers['accept-ranges'], 'bytes');
    assert.equal(head.body.length, 0);
    const part = await fetchUrl(url, 'GET', { Range: 'bytes=100-1099' });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], `bytes 100-1099/${firmware.length}`);
    assert.deepEqual(part.body, firmware.subarray(100, 1100));
    const tail = await fetchUrl(url, 'GET', { Range: 'bytes=-5' });
    assert.deepEqual(tail.body, firmware.subarray(firmware.length - 5));
    const outside = await fetchUrl(url, 'GET', { Range: `bytes=${firmware.length}-` });
    assert.equal(outside.status, 416);
    assert.equal(outside.headers['content-range'], `bytes */${firmware.length}`);
    const whole = await fetchUrl(url);
    assert.deepEqual(whole.body, firmware);
    // A fetch is logged when the server has finished sending, which may be just after the client read the last byte.
    const recent = async () => (await h.acs.api.listFileFetches({ deviceId, limit: 5 })).map((f) => [f.method, f.status, f.bytes]);
    await eventually('the five fetches are logged', async () => (await recent())[0]?.[1] === 200, 5000);
    const logged = await recent();
    assert.deepEqual(logged, [
      ['GET', 200, firmware.length],
      ['GET', 416, 0],
      ['GET', 206, 5],
      ['GET', 206, 1000],
      ['HEAD', 200, 0],
    ]);
  });

  test('a wrong token and an expired one get 404 and are logged without a device', async () => {
    // Earlier tests' fetches may still be being logged: wait until the log is quiet.
    let newest = -1;
    await eventually(
      'earlier fetches are logged',
      async () => {
        const id = (await h.acs.api.listFileFetches({ limit: 1 }))[0]?.id ?? 0;
        const quiet = id === newest;
        newest = id;
        return quiet;
      },
      5000,
    );
    const before = newest;
    const wrong = await fetchUrl(`${h.cwmpUrl}files/${'A'.repeat(43)}/fw.bin`);
    assert.equal(wrong.status, 404);
    const expired = await fetchUrl(urlFor(-1000));
    assert.equal(expired.status, 404);
    const refused = async () => (await h.acs.api.listFileFetches({ limit: 10 })).filter((f: FileFetch) => f.id > before);
    await eventually('both refusals are logged', async () => (await refused()).length >= 2, 5000);
    const logged = await refused();
    assert.deepEqual(
      logged.map((f) => [f.status, f.deviceId, f.fileId]),
      [
        [404, null, null],
        [404, null, null],
      ],
    );
  });

  test('per-transfer Basic credentials: refused without them (401), served with them', async () => {
    const url = urlFor(undefined, { username: 'cpe', password: 'dl-secret' });
    const refused = await fetchUrl(url);
    assert.equal(refused.status, 401);
    assert.match(String(refused.headers['www-authenticate']), /^Basic /);
    const ok = await fetchUrl(url, 'GET', { Authorization: `Basic ${Buffer.from('cpe:dl-secret').toString('base64')}` });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, firmware);
  });
  test('a file is not deleted while a rollout that is not over uses it; once cancelled, it is, bytes included', async () => {
    const bytes = Buffer.from('SoftwareVersion=4.0.0\nrollout image\n');
    const res = await send(
      `${h.apiUrl}/api/files?name=fw-4.0.0.bin`,
      'POST',
      { Authorization: `Bearer ${h.acs.info.apiToken}`, 'Content-Length': String(bytes.length) },
      bytes,
    );
    const { file } = JSON.parse(res.body) as AddFileResult;
    // A maintenance window two hours from now: the rollout waits, it is not over.
    const hhmm = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    const window = { start: hhmm(new Date(Date.now() + 2 * 3_600_000)), end: hhmm(new Date(Date.now() + 3 * 3_600_000)) };
    const rollout = await h.acs.api.createRollout({
      fileId: file.id,
      selection: { ids: [deviceId] },
      waveSizes: [1],
      concurrency: 1,
      failureThreshold: 0.5,
      window,
    });
    assert.notEqual(rollout.state, 'done', JSON.stringify(rollout));
    await assert.rejects(h.acs.api.deleteFile({ fileId: file.id }), { code: 'conflict', message: /rollout/ });
    assert.equal((await h.acs.api.getFile({ fileId: file.id })).rollouts, 1);
    await h.acs.api.cancelRollout({ rolloutId: rollout.id });
    assert.deepEqual(await h.acs.api.deleteFile({ fileId: file.id }), { removed: true });
    assert.equal(existsSync(join(h.dataDir, 'files', file.sha256)), false);
  });
});
