// `npm run dev` (scripts/dev.mjs) without Electron: its arguments, and that the Vite dev server
// serves the renderer and the watch build writes main and preload, then all stop together.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DevUsageError, parseDevArgs } from '../../scripts/dev.mjs';

const repoRoot = new URL('../..', import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('npm run dev', () => {
  test('arguments: defaults, port, --no-electron, Electron arguments after --', () => {
    assert.deepEqual(parseDevArgs([]), { port: 5173, electron: true, outDir: null, electronArgs: [] });
    assert.deepEqual(parseDevArgs(['--port', '6000', '--no-electron', '--out-dir', '/tmp/o']), {
      port: 6000,
      electron: false,
      outDir: '/tmp/o',
      electronArgs: [],
    });
    assert.deepEqual(parseDevArgs(['--', '--inspect=9229', '--port']), {
      port: 5173,
      electron: true,
      outDir: null,
      electronArgs: ['--inspect=9229', '--port'],
    });
    assert.equal(parseDevArgs(['--help']), 'help');
  });

  test('bad arguments are refused by name', () => {
    for (const [argv, message] of [
      [['--port'], /--port needs a value/],
      [['--port', 'x'], /--port must be 1-65535/],
      [['--port', '70000'], /--port must be 1-65535/],
      [['--bogus'], /unknown option --bogus/],
      [['--out-dir', '/tmp/o'], /--out-dir needs --no-electron/],
    ] as const) {
      assert.throws(
        () => parseDevArgs(argv),
        (err: unknown) => err instanceof DevUsageError && message.test(err.message),
      );
    }
  });

  test('--no-electron: builds main and preload, serves the renderer with hot reload, stops on SIGTERM', async () => {
    const port = await freePort();
    const outDir = mkdtempSync(join(tmpdir(), 'deskacs-dev-'));
    const child = spawn(process.execPath, ['scripts/dev.mjs', '--no-electron', '--port', String(port), '--out-dir', outDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (!out.includes('dev: ready')) {
        if (Date.now() > deadline || child.exitCode !== null) assert.fail(`dev did not become ready:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(existsSync(join(outDir, 'main', 'main.cjs')), out);
      assert.ok(existsSync(join(outDir, 'preload', 'preload.cjs')), out);
      const res = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<div id="root"><\/div>/);
      // Served by the dev server (hot reload client), not a built file.
      assert.match(html, /\/@vite\/client/);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, out);
      await assert.rejects(fetch(`http://127.0.0.1:${port}/`), 'the dev server stopped with it');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
