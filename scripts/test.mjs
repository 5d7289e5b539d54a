// Runs the test suite with node's test runner under tsx. Node 20 does not expand globs in
// --test, so the files are listed here. `npm test -- unit` runs only files under test/unit.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const dirs = ['test/unit', 'test/integration', 'test/e2e'];

function collect(dir) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...collect(path));
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const files = dirs.flatMap(collect).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const args = [
  '--import',
  'tsx',
  '--test',
  '--test-reporter',
  join(root, 'scripts/test-reporter.mjs'),
  '--test-reporter-destination',
  'stdout',
  '--test-concurrency',
  '2',
  ...files.map((f) => relative(process.cwd(), join(root, f))),
];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root, env: { ...process.env } });
process.exit(result.status ?? 1);
