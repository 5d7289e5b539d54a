// The decisions of scripts/electron-native.mjs and electron-app.mjs: where better-sqlite3's
// Electron build lives, when it is built, and with which commands. The build itself needs the
// network (a prebuilt download or Electron's headers), so only its plan is tested here.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { electronEnv, installedElectron } from '../../scripts/electron-app.mjs';
import {
  buildCommands,
  buildEnv,
  electronNativePath,
  localFacts,
  nodeGypCandidates,
  planElectronNative,
} from '../../scripts/electron-native.mjs';

const target = { root: '/repo', electronVersion: '45.4.1', sqliteVersion: '12.11.1', platform: 'linux', arch: 'x64' };

describe('electron-native plan', () => {
  test('the addon has its own folder per Electron, platform, architecture and better-sqlite3 version', () => {
    assert.equal(electronNativePath(target), '/repo/.electron-native/electron-45.4.1-linux-x64/better-sqlite3-12.11.1/better_sqlite3.node');
    const other = electronNativePath({ ...target, electronVersion: '46.0.0', arch: 'arm64' });
    assert.equal(other, '/repo/.electron-native/electron-46.0.0-linux-arm64/better-sqlite3-12.11.1/better_sqlite3.node');
  });

  test('a missing addon is built; a present one is reused unless forced', () => {
    const missing = planElectronNative({ ...target, exists: () => false });
    assert.equal(missing.needed, true);
    assert.match(missing.reason, /better_sqlite3\.node is missing/);
    const present = planElectronNative({ ...target, exists: (p) => p === missing.file });
    assert.deepEqual(present, { file: missing.file, needed: false, reason: 'already built' });
    assert.equal(planElectronNative({ ...target, exists: () => true, force: true }).needed, true);
  });

  test('never builds into node_modules: the target is outside it, the commands run in a copy', () => {
    const plan = planElectronNative({ ...target, exists: () => false });
    assert.ok(!plan.file.includes('node_modules'));
    const commands = buildCommands({
      ...target,
      workDir: '/tmp/copy',
      execPath: '/usr/bin/node',
      prebuildInstall: '/repo/node_modules/prebuild-install/bin.js',
      nodeGyp: '/repo/node_modules/node-gyp/bin/node-gyp.js',
      env: {},
    });
    assert.deepEqual(
      commands.map((c) => c.cwd),
      ['/tmp/copy', '/tmp/copy'],
    );
  });

  test('prebuild-install first (for Electron, this version and arch), then node-gyp against Electron headers', () => {
    const commands = buildCommands({
      ...target,
      workDir: '/tmp/copy',
      execPath: '/usr/bin/node',
      prebuildInstall: '/p/bin.js',
      nodeGyp: '/g/node-gyp.js',
      env: { PATH: '/bin' },
    });
    assert.equal(commands.length, 2);
    const [prebuild, gyp] = commands;
    assert.deepEqual(prebuild?.args, [
      '/p/bin.js',
      '--runtime',
      'electron',
      '--target',
      '45.4.1',
      '--arch',
      'x64',
      '--platform',
      'linux',
      '--verbose',
    ]);
    assert.deepEqual(gyp?.args, [
      '/g/node-gyp.js',
      'rebuild',
      '--release',
      '--target=45.4.1',
      '--arch=x64',
      '--dist-url=https://electronjs.org/headers',
      '--devdir=/repo/.electron-native/node-gyp',
    ]);
    assert.equal(prebuild?.command, '/usr/bin/node');
  });

  test('a missing tool drops its command; none found means no command', () => {
    const base = { ...target, workDir: '/w', execPath: 'node', env: {} };
    assert.equal(buildCommands({ ...base, prebuildInstall: null, nodeGyp: '/g' }).length, 1);
    assert.deepEqual(buildCommands({ ...base, prebuildInstall: null, nodeGyp: null }), []);
  });

  test("npm's nodedir/target variables do not reach the build (CI's nodedir=/usr would build for Node)", () => {
    const env = buildEnv({
      PATH: '/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_cache: '/c',
    });
    assert.deepEqual(env, { PATH: '/bin', npm_config_cache: '/c' });
  });

  test("node-gyp: the project's copy first, then the one npm ships", () => {
    assert.deepEqual(nodeGypCandidates({ root: '/repo', npmExecPath: undefined }), ['/repo/node_modules/node-gyp/bin/node-gyp.js']);
    assert.deepEqual(nodeGypCandidates({ root: '/repo', npmExecPath: '/usr/lib/node_modules/npm/bin/npm-cli.js' }), [
      '/repo/node_modules/node-gyp/bin/node-gyp.js',
      '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
    ]);
  });

  test('reads the installed Electron and better-sqlite3 versions of this checkout', () => {
    const facts = localFacts();
    assert.match(facts.electronVersion, /^\d+\.\d+\.\d+/);
    assert.match(facts.sqliteVersion, /^12\./);
    assert.equal(facts.platform, process.platform);
  });
});

describe('electron-app', () => {
  test('finds the binary only where the electron package put it; never downloads', () => {
    const root = mkdtempSync(join(tmpdir(), 'deskacs-electron-app-'));
    try {
      const pkg = join(root, 'node_modules', 'electron');
      mkdirSync(join(pkg, 'dist'), { recursive: true });
      assert.equal(installedElectron(root, {}), null, 'no path.txt: not installed');
      writeFileSync(join(pkg, 'path.txt'), 'electron');
      assert.equal(installedElectron(root, {}), null, 'path.txt but no binary');
      writeFileSync(join(pkg, 'dist', 'electron'), '');
      assert.equal(installedElectron(root, {}), join(pkg, 'dist', 'electron'));
      const override = join(root, 'custom');
      mkdirSync(override);
      assert.equal(installedElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: override }), null);
      writeFileSync(join(override, 'electron'), '');
      assert.equal(installedElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: override }), join(override, 'electron'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('the app never inherits ELECTRON_RUN_AS_NODE (it would start Node instead of the window)', () => {
    assert.deepEqual(electronEnv({ A: '1', ELECTRON_RUN_AS_NODE: '1' }, { B: '2' }), { A: '1', B: '2' });
  });
});
