// `npm run serve` runs dist/server/server.mjs with plain node (no tsx): the bundle scripts/build.mjs
// makes from electron/server.ts, built here into .tmp/ (inside the repository, so its
// dependencies resolve from node_modules as they do from dist/).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { serverOptions } from '../../scripts/build.mjs';
import { apiRoutes } from '../../shared/contract.ts';

const repoRoot = new URL('../..', import.meta.url).pathname;

describe('serve bundle', () => {
  let outDir = '';
  let bundle = '';
  before(async () => {
    mkdirSync(join(repoRoot, '.tmp'), { recursive: true });
    outDir = mkdtempSync(join(repoRoot, '.tmp', 'serve-bundle-'));
    await build({ ...serverOptions(outDir), sourcemap: false });
    bundle = join(outDir, 'server', 'server.mjs');
  });
  after(() => rmSync(outDir, { recursive: true, force: true }));

  test('runs under plain node: --help prints the usage', () => {
    const run = spawnSync(process.execPath, [bundle, '--help'], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Usage: npm run serve/);
  });

  test('starts the engine (store, CWMP, API) and shuts down cleanly on SIGTERM', async () => {
    const dataDir = join(outDir, 'data');
    const child = spawn(
      process.execPath,
      [bundle, '--data', dataDir, '--cwmp-host', '127.0.0.1', '--cwmp-port', '0', '--http-port', '0', '--cpe-auth', 'none'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      const apiLine = /API and UI {2}: (http:\/\/127\.0\.0\.1:\d+)/;
      while (!apiLine.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) assert.fail(`serve did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const api = apiLine.exec(out) ?? assert.fail(out);
      const token = /API token {3}: (\S+)/.exec(out)?.[1] ?? '';
      const res = await fetch(`${api[1]}${apiRoutes.serverInfo.path}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      const info = (await res.json()) as { cwmpUrl?: unknown };
      assert.match(String(info.cwmpUrl), /^http:\/\/127\.0\.0\.1:\d+\//);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, out);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
