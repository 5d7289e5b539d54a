// Offline packaging check: runs electron-builder against a placeholder Electron (no download)
// with the real electron-builder.yml, then checks the app layout it produced: app.asar holds the
// built app and package.json, better-sqlite3's addon is unpacked, dev dependencies stay out.
// npmRebuild is ALWAYS off here: a rebuild would target node's ABI or delete
// node_modules/better-sqlite3/build (see shared/docs/stack-notes.md).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');

function fail(message) {
  console.error(`package-check: FAILED: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

/** The folder electron-builder copies instead of an unpacked Electron zip. */
function placeholderElectron(dir) {
  const version = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "placeholder Electron for the offline packaging check" >&2\nexit 1\n');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), `${version}\n`);
  writeFileSync(join(dir, 'LICENSE'), 'placeholder\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>placeholder</p>\n');
  return version;
}

function runBuilder(electronDist, output) {
  const cli = join(root, 'node_modules/electron-builder/cli.js');
  const args = [
    cli,
    '--linux',
    '--dir',
    '--publish',
    'never',
    '-c.npmRebuild=false',
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${output}`,
  ];
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: 'true' },
    timeout: 120_000,
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    fail(`electron-builder exited with ${result.status ?? result.signal ?? result.error?.message}`);
  }
}

/**
 * Reads an asar archive. Format: a pickle holding the header size, then a pickle holding the
 * JSON header (a tree of { files: { name: entry } }), then the file data; see @electron/asar.
 */
function openAsar(file) {
  const buf = readFileSync(file);
  const headerSize = buf.readUInt32LE(4);
  const jsonSize = buf.readInt32LE(12);
  if (16 + jsonSize > 8 + headerSize) fail(`${file} has a corrupt header`);
  const header = JSON.parse(buf.subarray(16, 16 + jsonSize).toString('utf8'));
  const files = new Map();
  const walk = (node, prefix) => {
    for (const [name, entry] of Object.entries(node.files ?? {})) {
      const path = `${prefix}${name}`;
      if (entry.files) walk(entry, `${path}/`);
      else files.set(path, entry);
    }
  };
  walk(header, '');
  const read = (path) => {
    const entry = files.get(path);
    if (entry.unpacked) return readFileSync(join(`${file}.unpacked`, path));
    const start = 8 + headerSize + Number(entry.offset);
    return buf.subarray(start, start + entry.size);
  };
  return { files, read };
}

/** name@version of every package in the archive (electron-builder may re-hoist them). */
function packagedPackages(asar) {
  const out = new Set();
  for (const path of asar.files.keys()) {
    if (!/(^|\/)node_modules\/(@[^/]+\/)?[^/@][^/]*\/package\.json$/.test(path)) continue;
    const manifest = JSON.parse(asar.read(path).toString('utf8'));
    if (manifest.name && manifest.version) out.add(`${manifest.name}@${manifest.version}`);
  }
  return out;
}

function checkLayout(output) {
  const resources = join(output, 'linux-unpacked', 'resources');
  const asarFile = join(resources, 'app.asar');
  if (!existsSync(asarFile)) fail(`no ${asarFile}: electron-builder produced no asar`);
  const asar = openAsar(asarFile);
  const { files } = asar;
  for (const p of ['package.json', 'dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
    if (!files.has(p) || files.get(p).unpacked) fail(`app.asar lacks ${p}`);
  }
  const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  if (!files.get(addon)?.unpacked) fail(`app.asar does not mark ${addon} as unpacked`);
  if (!existsSync(join(resources, 'app.asar.unpacked', addon))) fail(`app.asar.unpacked lacks ${addon}`);
  if (!files.has('node_modules/better-sqlite3/lib/index.js')) fail('better-sqlite3/lib is not packaged');

  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const needed = runtimeDependencies(pkg);
  const packaged = packagedPackages(asar);
  const missing = [...needed.values()].filter((id) => !packaged.has(id));
  if (missing.length > 0) fail(`production dependencies missing from app.asar: ${missing.join(', ')}`);
  const neededNames = new Set([...needed.values()].map((id) => id.slice(0, id.lastIndexOf('@'))));
  const leaked = Object.keys(pkg.devDependencies ?? {}).filter(
    (dep) => !neededNames.has(dep) && files.has(`node_modules/${dep}/package.json`),
  );
  if (leaked.length > 0) fail(`dev dependencies were packaged: ${leaked.join(', ')}`);
  const buildOnly = [...files.keys()].filter(
    (p) =>
      p.startsWith('node_modules/better-sqlite3/deps/') || p.startsWith('dist/server/') || (p.startsWith('dist/') && p.endsWith('.map')),
  );
  if (buildOnly.length > 0) fail(`build-only files were packaged, e.g. ${buildOnly[0]}`);
  return files.size;
}

/**
 * Every installed package the app needs at run time (dependencies, transitively) as a map from
 * its node_modules path to name@version, resolved the way Node does: nested first, then upward.
 */
function runtimeDependencies(pkg) {
  const seen = new Map();
  const visit = (manifest, fromDir) => {
    const optional = manifest.optionalDependencies ?? {};
    for (const name of [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(optional)]) {
      const dir = locatePackage(name, fromDir);
      if (dir === null) {
        if (name in optional) continue;
        fail(`${name} (needed by ${manifest.name}) is not installed: run npm ci`);
      }
      if (seen.has(dir)) continue;
      const dep = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      seen.set(dir, `${dep.name}@${dep.version}`);
      visit(dep, dir);
    }
  };
  visit(pkg, '');
  return seen;
}

function locatePackage(name, fromDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    if (existsSync(join(root, candidate, 'package.json'))) return candidate;
    if (dir === '') return null;
    // Up one level: node_modules/a/node_modules/b -> node_modules/a -> (root).
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

/** The check must leave the dev machine's better-sqlite3 working (npmRebuild would not). */
function checkSqliteStillLoads() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    encoding: 'utf8',
  });
  if (probe.status !== 0) fail(`better-sqlite3 no longer loads in node after packaging:\n${probe.stderr}`);
}

function main() {
  const started = Date.now();
  for (const built of ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(root, built))) fail(`${built} is missing: run \`npm run build\` first`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'deskacs-package-'));
  try {
    const electronDist = join(tmp, 'electron-dist');
    const version = placeholderElectron(electronDist);
    const output = join(tmp, 'release');
    runBuilder(electronDist, output);
    const count = checkLayout(output);
    checkSqliteStillLoads();
    console.log(`package-check: ok (Electron ${version} placeholder, ${count} files in app.asar, ${Date.now() - started} ms)`);
  } finally {
    if (keep) console.log(`package-check: kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  if (process.exitCode !== 1) {
    console.error(`package-check: FAILED: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
