// Keeps `npm run bench` from rotting: runs its entry with tiny sizes (three scenarios) and checks
// the JSON it writes. Times nothing: figures on a shared machine are not test material.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;

function at(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<string | number, unknown>)[key] : undefined;
  return v;
}

test('npm run bench -- --quick writes figures for the scenarios it ran, with sessions counted and stored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-bench-smoke-'));
  try {
    const out = join(dir, 'bench-results.json');
    const args = [
      '--only',
      'inform,storm,history',
      '--quick',
      '--history',
      '30',
      '--seconds',
      '0.3',
      '--levels',
      '1,4',
      '--devices',
      '40',
      '--storm-concurrency',
      '8',
      '--out',
      out,
    ];
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/run.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(run.status, 0, `bench failed:\n${run.stdout}\n${run.stderr}`);
    const results = JSON.parse(readFileSync(out, 'utf8')) as unknown;

    assert.equal(at(results, 'meta', 'quick'), true);
    assert.deepEqual(Object.keys(at(results, 'scenarios') as object).sort(), ['history', 'inform', 'storm']);
    const levels = at(results, 'scenarios', 'inform', 'levels');
    assert.ok(Array.isArray(levels) && levels.length === 2);
    for (const level of levels) {
      for (const target of ['bare', 'serve']) {
        assert.ok(Number(at(level, target, 'sessions')) > 0, `no ${target} sessions at c=${String(at(level, 'concurrency'))}`);
        assert.ok(Number(at(level, target, 'latency', 'p99Ms')) > 0);
        assert.deepEqual(at(level, target, 'errors'), {});
      }
      assert.ok(Number(at(level, 'ratio')) > 0);
    }
    assert.equal((at(results, 'scenarios', 'inform', 'variants') as unknown[]).length, 2);
    assert.equal(at(results, 'scenarios', 'inform', 'durability', 'allStored'), true);
    assert.ok(Number(at(results, 'scenarios', 'inform', 'durability', 'acknowledged')) > 0);

    assert.equal(at(results, 'scenarios', 'storm', 'devices'), 40);
    assert.equal(at(results, 'scenarios', 'storm', 'stored', 'devices'), 40);
    assert.equal(at(results, 'scenarios', 'storm', 'allRegistered'), true);
    assert.equal(at(results, 'scenarios', 'storm', 'onlyDeliberate5xx'), true);
    assert.ok(Number(at(results, 'scenarios', 'storm', 'drainSeconds')) > 0);
    assert.match(run.stdout, /Inform throughput/);

    // 31 days of hourly sessions per device, 30 days kept: the 23 older than 720 hours go in
    // the first pass, one an hour later, none after that.
    assert.equal(at(results, 'scenarios', 'history', 'devices'), 30);
    assert.deepEqual(
      (at(results, 'scenarios', 'history', 'passes') as unknown[]).map((p) => at(p, 'rowsRemoved')),
      [30 * 23, 30, 0],
    );
    assert.equal(at(results, 'scenarios', 'history', 'sessionsAfter'), 30 * 720);
    assert.match(run.stdout, /History pruning/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
