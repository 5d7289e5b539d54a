// scripts/test-reporter.mjs, run by node's test runner over a throwaway test file: the closing
// line counts every outcome, including a skipped describe() (which reports no test of its own).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const reporter = new URL('../../scripts/test-reporter.mjs', import.meta.url).pathname;

function runReporter(source: string): { lines: string[]; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'deskacs-reporter-'));
  try {
    const file = join(dir, 'fixture.test.mjs');
    writeFileSync(file, source);
    const run = spawnSync(process.execPath, ['--test', '--test-reporter', reporter, '--test-reporter-destination', 'stdout', file], {
      encoding: 'utf8',
      timeout: 30_000,
      env: childEnv(),
    });
    return { lines: run.stdout.trimEnd().split('\n'), status: run.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Without NODE_TEST_CONTEXT, which would make the child report to this runner instead. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

describe('test reporter', () => {
  test('a skipped suite counts as skipped, with its reason, and the verdict is the last line', () => {
    const { lines, status } = runReporter(`
import { describe, test } from 'node:test';
describe('needs electron', { skip: 'no Electron binary here' }, () => {
  test('one', () => {});
  test('two', () => {});
});
describe('runs', () => {
  test('passes', () => {});
  test.skip('skipped test', () => {});
});
`);
    assert.equal(status, 0);
    assert.equal(lines.at(-1), '1 passed, 0 failed, 2 skipped');
    assert.ok(lines.includes('skip    needs electron (suite) # SKIP no Electron binary here'), lines.join('\n'));
  });

  test('a failure is counted and detailed before the verdict', () => {
    const { lines, status } = runReporter(`
import { test } from 'node:test';
test('breaks', () => { throw new Error('boom'); });
test('holds', () => {});
`);
    assert.notEqual(status, 0);
    assert.equal(lines.at(-1), '1 passed, 1 failed, 0 skipped');
    assert.ok(lines.some((l) => l.includes('boom')));
  });
});
