// The file library: chunked uploads through the validated API, the raw HTTP POST and the
// octet-stream bytes mapping, duplicates, refusals, metadata from the name, and deletion.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { AddFileResult, FileRecord, FileUpload } from '../../shared/models-files.ts';
import { createEventHub } from '../../electron/core/events.ts';
import { silentLogger } from '../../electron/core/log.ts';
import { createFileService } from '../../electron/core/services/files.ts';
import { send, startHarness, type Harness } from '../helpers/acs-harness.ts';
import { tempStore } from '../helpers/temp-store.ts';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('the file library', () => {
  let h: Harness;
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${h.acs.info.apiToken}` });
  const storedPath = (f: FileRecord): string => join(h.dataDir, 'files', f.sha256);

  async function rawPost(query: string, body: Buffer): Promise<{ status: number; json: unknown }> {
    const res = await send(`${h.apiUrl}/api/files?${query}`, 'POST', { ...auth(), 'Content-Length': String(body.length) }, body);
    return { status: res.status, json: JSON.parse(res.body) as unknown };
  }

  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.close();
  });

  test('a chunked upload over the API stores the bytes under their SHA-256, with the version read from the name', async () => {
    const bytes = Buffer.from('SoftwareVersion=V5R020C10S115\n'.padEnd(70_000, 'x'));
    const changes: number[] = [];
    const off = h.acs.events.on('filesChanged', (e) => changes.push(e.fileId));
    const { uploadId } = await h.acs.api.beginFileUpload({ name: 'HG8245H_V5R020C10S115.bin', size: bytes.length });
    let progress: FileUpload = { uploadId, received: 0 };
    for (let at = 0; at < bytes.length; at += 32_768) {
      progress = await h.acs.api.appendFileUpload({ uploadId, offset: at, chunk: new Uint8Array(bytes.subarray(at, at + 32_768)) });
    }
    assert.equal(progress.received, bytes.length);
    const { file, duplicate } = await h.acs.api.finishFileUpload({ uploadId });
    off();
    assert.equal(duplicate, false);
    assert.equal(file.size, bytes.length);
    assert.equal(file.sha256, sha(bytes));
    assert.deepEqual(
      [file.version, file.manufacturer, file.productClass, file.fileType],
      ['V5R020C10S115', 'Huawei', 'HG8245H', '1 Firmware Upgrade Image'],
    );
    assert.deepEqual(readFileSync(storedPath(file)), bytes);
    assert.deepEqual(changes, [file.id]);
    assert.deepEqual(readdirSync(join(h.dataDir, 'files', '.partial')), [], 'no temporary file left');
    assert.equal((await h.acs.api.getFile({ fileId: file.id })).name, 'HG8245H_V5R020C10S115.bin');
  });

  test('the raw POST stores the file; the same bytes again are recognised as a duplicate and stored once', async () => {
    const bytes = Buffer.from('routeros firmware\n'.repeat(5000));
    const first = await rawPost('name=routeros-7.15.2-arm.npk&oui=E48D8C', bytes);
    assert.equal(first.status, 200, JSON.stringify(first.json));
    const added = first.json as AddFileResult;
    assert.equal(added.duplicate, false);
    assert.equal(added.file.sha256, sha(bytes));
    assert.equal(added.file.size, bytes.length);
    assert.deepEqual([added.file.version, added.file.manufacturer, added.file.oui], ['7.15.2', 'MikroTik', 'E48D8C']);

    const { uploadId } = await h.acs.api.beginFileUpload({ name: 'copy.npk', size: bytes.length });
    await h.acs.api.appendFileUpload({ uploadId, offset: 0, chunk: new Uint8Array(bytes) });
    const again = await h.acs.api.finishFileUpload({ uploadId });
    assert.equal(again.duplicate, true);
    assert.equal(again.file.id, added.file.id);
    const second = (await rawPost('name=other-name.npk', bytes)).json as AddFileResult;
    assert.equal(second.duplicate, true);
    assert.equal((await h.acs.api.listFiles({})).filter((f) => f.sha256 === sha(bytes)).length, 1);
  });

  test('appendFileUpload over HTTP: an application/octet-stream body is the chunk, the offset in the query', async () => {
    const bytes = Buffer.from('0123456789abcdef'.repeat(1000));
    const begin = await send(
      `${h.apiUrl}/api/files/uploads`,
      'POST',
      { ...auth(), 'Content-Type': 'application/json' },
      Buffer.from(JSON.stringify({ name: 'Archer_C6_V3_250319.bin', size: bytes.length })),
    );
    const { uploadId } = JSON.parse(begin.body) as FileUpload;
    const put = (offset: number, chunk: Buffer) =>
      send(
        `${h.apiUrl}/api/files/uploads/${uploadId}?offset=${offset}`,
        'PUT',
        { ...auth(), 'Content-Type': 'application/octet-stream', 'Content-Length': String(chunk.length) },
        chunk,
      );
    const one = await put(0, bytes.subarray(0, 10_000));
    assert.equal(one.status, 200, one.body);
    assert.equal((JSON.parse(one.body) as FileUpload).received, 10_000);
    const wrong = await put(5, bytes.subarray(10_000));
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /'offset' must be 10000/);
    assert.equal((await put(10_000, bytes.subarray(10_000))).status, 200);
    const finish = await send(`${h.apiUrl}/api/files/uploads/${uploadId}/finish`, 'POST', auth(), null);
    const { file } = JSON.parse(finish.body) as AddFileResult;
    assert.equal(file.sha256, sha(bytes));
    assert.deepEqual([file.manufacturer, file.version, file.productClass], ['TP-Link', 'V3_250319', 'Archer C6']);
    const noBytes = await send(
      `${h.apiUrl}/api/files/${file.id}`,
      'PUT',
      { ...auth(), 'Content-Type': 'application/octet-stream', 'Content-Length': '3' },
      Buffer.from('abc'),
    );
    assert.equal(noBytes.status, 400);
    assert.match(noBytes.body, /takes no bytes/);
  });

  test('refused: an empty file, a wrong offset, a size mismatch at finish, an unknown upload', async () => {
    const empty = await rawPost('name=empty.bin', Buffer.alloc(0));
    assert.equal(empty.status, 400);
    assert.match(JSON.stringify(empty.json), /the file is empty/);
    await assert.rejects(h.acs.api.beginFileUpload({ name: 'empty.bin', size: 0 }), { code: 'bad_request' });

    const { uploadId } = await h.acs.api.beginFileUpload({ name: 'part.bin', size: 10 });
    await assert.rejects(h.acs.api.appendFileUpload({ uploadId, offset: 3, chunk: new Uint8Array(3) }), {
      code: 'bad_request',
      message: /'offset' must be 0/,
    });
    await h.acs.api.appendFileUpload({ uploadId, offset: 0, chunk: new Uint8Array(4) });
    await assert.rejects(h.acs.api.finishFileUpload({ uploadId }), {
      code: 'bad_request',
      message: /received 4 of the announced 10 bytes/,
    });
    await assert.rejects(h.acs.api.appendFileUpload({ uploadId, offset: 4, chunk: new Uint8Array(7) }), {
      code: 'bad_request',
      message: /more than the announced 10/,
    });
    assert.deepEqual(await h.acs.api.cancelFileUpload({ uploadId }), { removed: true });
    await assert.rejects(h.acs.api.finishFileUpload({ uploadId }), { code: 'not_found' });
    await assert.rejects(h.acs.api.appendFileUpload({ uploadId: 'nope', offset: 0, chunk: new Uint8Array(1) }), { code: 'not_found' });
    const badType = await rawPost('name=x.bin&fileType=firmware', Buffer.from('x'));
    assert.equal(badType.status, 400);
    assert.match(JSON.stringify(badType.json), /'fileType' must be a TR-069 file type/);
  });

  test('metadata is editable; delete removes the row and the bytes', async () => {
    const bytes = Buffer.from('delete me\n');
    const { file } = (await rawPost('name=fw.bin', bytes)).json as AddFileResult;
    assert.equal(file.version, '');
    const changed = await h.acs.api.updateFile({ fileId: file.id, version: '1.2.3', productClass: 'HG1', name: 'fw-1.2.3.bin' });
    assert.deepEqual([changed.version, changed.productClass, changed.name], ['1.2.3', 'HG1', 'fw-1.2.3.bin']);
    assert.ok(existsSync(storedPath(file)));
    assert.deepEqual(await h.acs.api.deleteFile({ fileId: file.id }), { removed: true });
    assert.equal(existsSync(storedPath(file)), false);
    await assert.rejects(h.acs.api.getFile({ fileId: file.id }), { code: 'not_found' });
    assert.deepEqual(await h.acs.api.deleteFile({ fileId: file.id }), { removed: false });
  });
});

test('a file larger than the free disk space is refused before anything is written, naming both sizes', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-files-'));
  const files = createFileService({
    store: tempStore('files'),
    events: createEventHub(),
    dataDir,
    log: silentLogger,
    now: () => new Date(),
    freeBytes: async () => 1000,
  });
  try {
    await assert.rejects(files.begin({ name: 'big.bin', size: 5000 }), {
      code: 'bad_request',
      message: /the file \(5000 bytes\) is larger than the free disk space \(1000 bytes\)/,
    });
    await assert.rejects(files.addStream({ name: 'big.bin' }, Readable.from([Buffer.alloc(10)]), 5000), {
      code: 'bad_request',
      message: /free disk space/,
    });
    assert.deepEqual(readdirSync(join(dataDir, 'files', '.partial')), []);
  } finally {
    await files.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('uploads a previous run left unfinished are removed when the library starts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-files-'));
  const deps = { store: tempStore('files'), events: createEventHub(), dataDir, log: silentLogger, now: () => new Date() };
  const first = createFileService(deps);
  const { uploadId } = await first.begin({ name: 'half.bin', size: 100 });
  await first.append(uploadId, 0, new Uint8Array(50));
  assert.deepEqual(readdirSync(join(dataDir, 'files', '.partial')), [uploadId]);
  // The process died: the upload's state in memory is gone, its bytes are not.
  const second = createFileService(deps);
  try {
    assert.deepEqual(readdirSync(join(dataDir, 'files', '.partial')), []);
    await assert.rejects(second.finish(uploadId), { code: 'not_found' });
  } finally {
    await second.close();
    await first.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
