// Runs `serve` as a child process, storms it with Informs, kills it with SIGKILL mid-storm and
// checks that every Inform whose InformResponse went out is in the store.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../electron/core/store/index.ts';
import { CpeConnection } from '../helpers/acs-harness.ts';
import { informXml } from '../helpers/cpe-messages.ts';

const root = new URL('../..', import.meta.url).pathname;

function startServe(dataDir: string): Promise<{ child: ChildProcess; cwmpUrl: string; apiUrl: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/server.ts',
      '--data',
      dataDir,
      '--cwmp-port',
      '0',
      '--http-port',
      '0',
      '--cwmp-host',
      '127.0.0.1',
      '--cpe-auth',
      'none',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 20_000);
    const poll = setInterval(() => {
      const cwmp = /local: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      const api = /API and UI {2}: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (cwmp?.[1] !== undefined && api?.[1] !== undefined) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ child, cwmpUrl: cwmp[1], apiUrl: api[1], output: () => out });
      }
    }, 50);
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

describe('serve as a child process', () => {
  test('SIGKILL during an Inform storm loses no Inform whose InformResponse was sent', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-kill-'));
    try {
      const serve = await startServe(dataDir);
      const acknowledged = new Set<string>();
      let stop = false;
      const worker = async (w: number): Promise<void> => {
        for (let i = 0; !stop; i++) {
          const cpe = new CpeConnection(serve.cwmpUrl);
          try {
            const serial = `K${w}x${i}`;
            const res = await cpe.post(informXml({ serial, events: ['0 BOOTSTRAP', '1 BOOT'] }));
            if (res.status === 200 && res.body.includes('InformResponse')) acknowledged.add(serial);
            await cpe.post('');
          } catch {
            return; // the server is gone
          } finally {
            cpe.close();
          }
        }
      };
      const workers = Array.from({ length: 16 }, (_, w) => worker(w));
      await sleep(1500);
      serve.child.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
      await new Promise((r) => (serve.child.exitCode !== null ? r(null) : serve.child.once('exit', r)));
      assert.ok(acknowledged.size > 20, `only ${acknowledged.size} Informs were acknowledged before the kill`);

      const store = openStore({ path: join(dataDir, 'deskacs.sqlite') });
      try {
        const missing = [...acknowledged].filter((serial) => store.devices.get(`00AA11-HG1-${serial}`) === undefined);
        assert.deepEqual(missing, [], `${missing.length} acknowledged Informs were lost`);
        for (const serial of [...acknowledged].slice(0, 50)) {
          const codes = store.events
            .listForDevice(`00AA11-HG1-${serial}`, 5)
            .map((e) => e.code)
            .sort();
          assert.deepEqual(codes, ['0 BOOTSTRAP', '1 BOOT']);
        }
      } finally {
        store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('SIGTERM closes cleanly: exit code 0 and nothing lost', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-term-'));
    try {
      const serve = await startServe(dataDir);
      const cpe = new CpeConnection(serve.cwmpUrl);
      await cpe.post(informXml({ serial: 'TERM' }));
      await cpe.post('');
      cpe.close();
      const code = await new Promise<number | null>((resolve) => {
        serve.child.once('exit', (c) => resolve(c));
        serve.child.kill('SIGTERM');
      });
      assert.equal(code, 0, serve.output());
      const store = openStore({ path: join(dataDir, 'deskacs.sqlite') });
      try {
        assert.equal(store.sessions.listForDevice('00AA11-HG1-TERM', 1)[0]?.outcome, 'ok');
        assert.equal(store.recovered.abortedSessions, 0);
      } finally {
        store.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
