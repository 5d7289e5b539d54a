// The log files: written asynchronously, rotated by size with N files kept, secrets masked.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loggedPath } from '../../electron/core/cwmp/access-log.ts';
import { createLogger, redact } from '../../electron/core/log.ts';
import { createRotatingFile } from '../../electron/core/log-file.ts';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'deskacs-logs-'));

test('the file is rotated at its size limit and only `keep` rotated files are kept', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'app.log');
    const file = createRotatingFile({ path, maxBytes: 1000, keep: 3 });
    const line = `${'x'.repeat(99)}`; // 100 bytes with its newline
    for (let i = 0; i < 95; i += 1) file.write(line);
    await file.flush();
    const names = readdirSync(dir).sort();
    assert.deepEqual(names, ['app.log', 'app.log.1', 'app.log.2', 'app.log.3']);
    for (const name of names) assert.ok(statSync(join(dir, name)).size <= 1000, `${name} is within the limit`);
    // 95 lines: 9 full files of 10 lines rotated away or kept, and 5 lines in the current one.
    assert.equal(readFileSync(path, 'utf8').split('\n').length - 1, 5);
    assert.equal(readFileSync(join(dir, 'app.log.1'), 'utf8').split('\n').length - 1, 10);
    assert.equal(file.dropped, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('writing does not wait for the disk, and flush makes every line durable in order', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'app.log');
    const file = createRotatingFile({ path });
    for (let i = 0; i < 500; i += 1) file.write(`line ${i}`);
    // Nothing has been awaited yet: the lines are queued, not written synchronously.
    assert.ok(!existsSync(path) || readFileSync(path, 'utf8').split('\n').length < 501);
    await file.flush();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 500);
    assert.equal(lines[499], 'line 499');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file that cannot be written drops lines and never throws', async () => {
  const dir = tempDir();
  try {
    const file = createRotatingFile({ path: join(dir, 'missing-folder', 'app.log') });
    file.write('lost');
    await file.flush();
    assert.equal(file.dropped, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('secret fields are masked in the log file and on the console, nested ones too', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'app.log');
    const shown: string[] = [];
    const log = createLogger({ console: (l) => shown.push(l), file: path });
    log.warn('credentials changed', {
      username: 'admin',
      password: 'hunter2',
      auth: { authorization: 'Digest abc', token: 't0k' },
      commandKey: 'ck1',
    });
    await log.flush();
    const text = readFileSync(path, 'utf8') + shown.join('\n');
    for (const secret of ['hunter2', 'Digest abc', 't0k']) assert.ok(!text.includes(secret), `${secret} is not written`);
    assert.match(text, /admin/);
    assert.match(text, /ck1/);
    assert.deepEqual(redact({ wifiKey: 'k', key: 'v', preSharedKey: 'p', commandKey: 'c' }), {
      wifiKey: '••••••',
      key: '••••••',
      preSharedKey: '••••••',
      commandKey: 'c',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('access log paths keep the kind of a file transfer but never its token', () => {
  assert.equal(loggedPath('/files/u/abcdef0123456789?x=1'), '/files/u/…');
  assert.equal(loggedPath('/files/abcdef0123456789'), '/files/…');
  assert.equal(loggedPath('/cwmp?foo'), '/cwmp');
});
