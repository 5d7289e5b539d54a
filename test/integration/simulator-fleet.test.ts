import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFleet } from '../../electron/simulator/fleet.ts';
import { ScriptedAcs, find } from './simulator-acs-helper.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('a fleet bootstraps N distinct devices through one connection-request listener', async (t) => {
  const acs = await ScriptedAcs.start();
  const fleet = await startFleet({ acsUrl: acs.url, devices: 6, model: 'tr098', serialPrefix: 'FLT', concurrency: 2 });
  t.after(async () => Promise.all([fleet.close(), acs.close()]));
  const summary = await fleet.bootstrap();
  assert.equal(summary.ok, 6);
  assert.equal(summary.failed, 0);
  assert.equal(summary.statuses['204'], 6);
  const serials = acs.informs().map((i) => find(i, 'SerialNumber')?.text);
  assert.deepEqual(new Set(serials), new Set(['FLT000001', 'FLT000002', 'FLT000003', 'FLT000004', 'FLT000005', 'FLT000006']));
  const origins = new Set(fleet.devices.map((d) => new URL(d.connectionRequestUrl ?? '').origin));
  assert.equal(origins.size, 1);
  assert.equal(fleet.summary().sessions, 6);
  assert.ok(summary.latencyMs.max >= summary.latencyMs.p50);
});

test('npm run simulate: the CLI bootstraps devices and prints a summary', async (t) => {
  const acs = await ScriptedAcs.start();
  t.after(() => acs.close());
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/simulator/cli.ts', '--acs', acs.url, '--devices', '3', '--model', 'tr181', '--serial-prefix', 'CLI'],
    { cwd: repoRoot },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, out);
  assert.match(out, /bootstrap: 3 sessions from 3 devices .* ok 3, failed 0/);
  assert.equal(acs.informs().length, 3);
});
