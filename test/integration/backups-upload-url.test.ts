// The upload URL on the CWMP listener and how upload tasks end: a body over the size limit is
// refused with 413, a body cut in the middle, a wrong or expired token store nothing; a
// multipart POST keeps its file part; a TransferComplete success without a file fails the task,
// a TransferComplete fault fails it explained, one with an unknown CommandKey ends no task.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createBackupUrl } from '../../electron/core/files/upload-url.ts';
import { CpeConnection, send, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { informXml, peek, rpcXml } from '../helpers/cpe-messages.ts';

const TIMES = '<StartTime>2026-11-21T10:00:00Z</StartTime><CompleteTime>2026-11-21T10:00:05Z</CompleteTime>';

describe('the backup upload URL and upload tasks', () => {
  let h: Harness;
  let deviceId: string;

  const uploadUrl = (ttlMs?: number): string =>
    createBackupUrl(h.store, {
      direction: 'upload',
      deviceId,
      taskId: null,
      fileType: '1 Vendor Configuration File',
      username: '',
      password: '',
      baseUrl: h.cwmpUrl,
      fileName: 'config',
      now: new Date(),
      ...(ttlMs === undefined ? {} : { ttlMs }),
    });
  const backups = (): number => h.store.backups.listByDevice(deviceId).length;
  const partials = (): string[] => readdirSync(join(h.dataDir, 'backups', '.partial'));
  const lastFetch = async (): Promise<{ method: string; status: number; bytes: number }> =>
    (await h.acs.api.listFileFetches({ limit: 1 }))[0] ?? { method: '', status: 0, bytes: 0 };

  /** One scripted session: Inform, the CPE's own requests, then answers to what the ACS sends. */
  async function session(serial: string, requests: string[], answer: (method: string, body: string) => string): Promise<string[]> {
    const cpe = new CpeConnection(h.cwmpUrl);
    const sent: string[] = [];
    try {
      assert.equal((await cpe.post(informXml({ serial, events: ['2 PERIODIC'] }))).status, 200);
      for (const r of requests) assert.equal((await cpe.post(rpcXml(r, 'cpe-2'))).status, 200);
      let res = await cpe.post('');
      while (res.status === 200) {
        const { id, method } = peek(res.body);
        sent.push(res.body);
        res = await cpe.post(rpcXml(answer(method ?? '', res.body), id ?? ''));
      }
      assert.equal(res.status, 204);
      return sent;
    } finally {
      cpe.close();
    }
  }
  const accepted = (): string =>
    '<cwmp:UploadResponse><Status>1</Status><StartTime>0001-01-01T00:00:00Z</StartTime><CompleteTime>0001-01-01T00:00:00Z</CompleteTime></cwmp:UploadResponse>';
  const transferComplete = (key: string, code = 0, text = ''): string =>
    `<cwmp:TransferComplete><CommandKey>${key}</CommandKey><FaultStruct><FaultCode>${code}</FaultCode><FaultString>${text}</FaultString></FaultStruct>${TIMES}</cwmp:TransferComplete>`;

  /** An upload task sent to the scripted device: its CommandKey and its upload URL. */
  async function uploadSent(serial: string): Promise<{ taskId: number; key: string; url: string }> {
    const created = await h.acs.api.createTask({ id: deviceId, task: { name: 'upload' } });
    const [body = ''] = await session(serial, [], () => accepted());
    const key = /<CommandKey>([^<]*)<\/CommandKey>/.exec(body)?.[1] ?? '';
    const url = /<URL>([^<]*)<\/URL>/.exec(body)?.[1] ?? '';
    assert.match(url, /\/files\/u\/[A-Za-z0-9_-]{43}\/config$/);
    return { taskId: created.task.id, key, url: url.replaceAll('&amp;', '&') };
  }

  before(async () => {
    h = await startHarness({ backups: { firstDelayMs: null } });
    const cpe = new CpeConnection(h.cwmpUrl);
    assert.equal((await cpe.post(informXml({ serial: 'UPL-1', events: ['0 BOOTSTRAP'] }))).status, 200);
    assert.equal((await cpe.post('')).status, 204);
    cpe.close();
    deviceId = h.store.devices.search({ q: 'UPL-1' }).items[0]?.id ?? '';
    await h.acs.api.setBackupSettings({ maxUploadBytes: 4096 });
  });
  after(async () => h?.close());

  test('a body over maxUploadBytes answers 413 and stores nothing, declared or chunked', async () => {
    const big = Buffer.alloc(5000, 'x');
    const declared = await send(uploadUrl(), 'PUT', { 'Content-Length': String(big.length) }, big);
    assert.equal(declared.status, 413);
    const chunked = await send(uploadUrl(), 'PUT', { 'Transfer-Encoding': 'chunked' }, big);
    assert.equal(chunked.status, 413, chunked.body);
    assert.equal(backups(), 0);
    assert.deepEqual(partials(), []);
    assert.deepEqual(await lastFetch().then((f) => [f.method, f.status]), ['PUT', 413]);
  });

  test('a body cut in the middle stores nothing and is logged', async () => {
    const url = new URL(uploadUrl());
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`PUT ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Length: 2000\r\n\r\n${'a'.repeat(700)}`);
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
      socket.on('error', reject);
    });
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(backups(), 0);
    assert.deepEqual(partials(), []);
    const f = await lastFetch();
    assert.deepEqual([f.method, f.status, f.bytes], ['PUT', 400, 700]);
  });

  test('a wrong or expired token answers 404, logged', async () => {
    const wrong = await send(`${h.cwmpUrl}files/u/${'A'.repeat(43)}/config`, 'PUT', { 'Content-Length': '2' }, Buffer.from('hi'));
    assert.equal(wrong.status, 404);
    assert.deepEqual(await lastFetch().then((f) => [f.method, f.status]), ['PUT', 404]);
    const expired = await send(uploadUrl(-1), 'PUT', { 'Content-Length': '2' }, Buffer.from('hi'));
    assert.equal(expired.status, 404);
    const get = await send(uploadUrl(), 'GET', {}, null);
    assert.equal(get.status, 405);
    assert.equal(backups(), 0);
  });

  test('a multipart/form-data POST keeps its first file part', async () => {
    const boundary = '----deskacs1234';
    const file = 'Device.X=1\nDevice.Y=two\n';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nnot this\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cfg.txt"\r\nContent-Type: text/plain\r\n\r\n${file}\r\n` +
        `--${boundary}--\r\n`,
    );
    const res = await send(
      uploadUrl(),
      'POST',
      { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(body.length) },
      body,
    );
    assert.equal(res.status, 201, res.body);
    const [stored] = h.store.backups.listByDevice(deviceId);
    assert.ok(stored);
    const content = await h.acs.api.getBackup({ backupId: stored.id });
    assert.equal(content.text, file);
    assert.equal(stored.size, Buffer.byteLength(file));
    await h.acs.api.deleteBackup({ backupId: stored.id });
  });

  test('an upload task: TransferComplete success without a file fails it clearly; with the file it is done naming the backup', async () => {
    const first = await uploadSent('UPL-1');
    await session('UPL-1', [transferComplete(first.key)], () => '');
    const failed = await h.acs.api.getTask({ taskId: first.taskId });
    assert.equal(failed.status, 'fault');
    assert.match(failed.fault?.message ?? '', /no file arrived whole at its DeskACS upload URL/);
    const second = await uploadSent('UPL-1');
    const put = await send(second.url, 'PUT', { 'Content-Length': '11' }, Buffer.from('Device.Z=3\n'));
    assert.equal(put.status, 201);
    await session('UPL-1', [transferComplete(second.key)], () => '');
    const done = await h.acs.api.getTask({ taskId: second.taskId });
    assert.equal(done.status, 'done', JSON.stringify(done));
    const backupId = (done.result as { backupId: number }).backupId;
    assert.equal((await h.acs.api.getBackup({ backupId })).backup.taskId, second.taskId);
  });

  test('equal contents are stored once; bytes go with the last backup naming them, and with a deleted device', async () => {
    const body = Buffer.from('Device.Same=1\n');
    for (let i = 0; i < 2; i++) assert.equal((await send(uploadUrl(), 'PUT', { 'Content-Length': String(body.length) }, body)).status, 201);
    const files = (): string[] => readdirSync(join(h.dataDir, 'backups')).filter((n) => n !== '.partial');
    const [a, b] = h.store.backups.listByDevice(deviceId).filter((x) => x.size === body.length);
    assert.ok(a && b && a.sha256 === b.sha256);
    const before = files().length;
    await h.acs.api.deleteBackup({ backupId: a.id });
    assert.equal(files().length, before, 'still named by the other backup');
    await h.acs.api.deleteBackup({ backupId: b.id });
    assert.equal(files().length, before - 1);
    assert.equal((await send(uploadUrl(), 'PUT', { 'Content-Length': String(body.length) }, body)).status, 201);
    const cpe = new CpeConnection(h.cwmpUrl);
    assert.equal((await cpe.post(informXml({ serial: 'GONE-1', events: ['0 BOOTSTRAP'] }))).status, 200);
    assert.equal((await cpe.post('')).status, 204);
    cpe.close();
    const gone = h.store.devices.search({ q: 'GONE-1' }).items[0]?.id ?? '';
    const url = createBackupUrl(h.store, {
      direction: 'upload',
      deviceId: gone,
      taskId: null,
      fileType: '1 Vendor Configuration File',
      username: '',
      password: '',
      baseUrl: h.cwmpUrl,
      fileName: 'config',
      now: new Date(),
    });
    const own = Buffer.from('Device.Only=gone\n');
    assert.equal((await send(url, 'PUT', { 'Content-Length': String(own.length) }, own)).status, 201);
    const withGone = files().length;
    await h.acs.api.deleteDevice({ id: gone });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(files().length, withGone - 1, "the deleted device's bytes are removed");
    assert.equal((await send(url, 'PUT', { 'Content-Length': String(own.length) }, own)).status, 404);
  });

  test('a TransferComplete fault fails the task explained; an unknown CommandKey ends no task', async () => {
    const sent = await uploadSent('UPL-1');
    await session('UPL-1', [transferComplete('no-such-task')], () => '');
    const still = await h.acs.api.getTask({ taskId: sent.taskId });
    assert.equal(still.status, 'running', 'a TransferComplete naming no task leaves the waiting one alone');
    await session('UPL-1', [transferComplete(sent.key, 9011, 'Upload failure')], () => '');
    const failed = await h.acs.api.getTask({ taskId: sent.taskId });
    assert.equal(failed.status, 'fault');
    assert.equal(failed.fault?.code, 9011);
    assert.ok((failed.fault?.detail as { explanation?: string } | undefined)?.explanation);
    const late = await send(sent.url, 'PUT', { 'Content-Length': '2' }, Buffer.from('hi'));
    assert.equal(late.status, 404, 'the URL ends with its task');
  });
});
