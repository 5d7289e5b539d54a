// better-sqlite3 for Electron's ABI, in its own place. node_modules/better-sqlite3/build stays
// Node's build (serve, tests); the unpackaged desktop app loads
// .electron-native/electron-<version>-<platform>-<arch>/better-sqlite3-<version>/better_sqlite3.node
// through better-sqlite3's `nativeBinding` option (DESKACS_NATIVE_BINDING, see electron/main).
// `npm start` and `npm run dev` call ensureElectronNative(); a packaged app needs none of this
// (electron-builder rebuilds node_modules for Electron). Run alone:
//   node scripts/electron-native.mjs [--force]   builds if missing, prints the path
//   node scripts/electron-native.mjs --plan      prints what it would do, builds nothing
// The build copies the package to a temp folder and runs there, in order until one works:
// prebuild-install (downloads the project's prebuilt for this Electron) and node-gyp against
// Electron's headers (needs a C++ toolchain). Both need the network.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Where Electron's headers go for node-gyp (kept between runs, gitignored with the rest). */
const headersDir = (root) => join(root, '.electron-native', 'node-gyp');

/** The addon's path for one Electron, platform, architecture and better-sqlite3 version. */
export function electronNativePath({ root, electronVersion, sqliteVersion, platform, arch }) {
  const dir = `electron-${electronVersion}-${platform}-${arch}`;
  return join(root, '.electron-native', dir, `better-sqlite3-${sqliteVersion}`, 'better_sqlite3.node');
}

/** Which file, and whether it must be built (missing, or --force). Pure: `exists` is injected. */
export function planElectronNative({ root, electronVersion, sqliteVersion, platform, arch, exists, force = false }) {
  const file = electronNativePath({ root, electronVersion, sqliteVersion, platform, arch });
  if (force) return { file, needed: true, reason: 'rebuild forced (--force)' };
  if (exists(file)) return { file, needed: false, reason: 'already built' };
  return { file, needed: true, reason: `${relative(root, file)} is missing` };
}

/**
 * npm's config variables a child would otherwise read: CI exports npm_config_nodedir=/usr so
 * node-gyp builds Node's addon from local headers, which here would silently build for Node's ABI.
 */
const npmBuildVars = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|build_from_source|devdir)$/i;

export function buildEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !npmBuildVars.test(key)));
}

/** node-gyp: the project's copy (via electron-builder), else the one npm ships. */
export function nodeGypCandidates({ root, npmExecPath }) {
  const out = [join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')];
  if (npmExecPath) out.push(join(dirname(npmExecPath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return out;
}

/**
 * The commands to try in `workDir` (a copy of the better-sqlite3 package), first success wins;
 * each leaves build/Release/better_sqlite3.node there. Pure.
 */
export function buildCommands({ root, workDir, electronVersion, platform, arch, execPath, prebuildInstall, nodeGyp, env }) {
  const childEnv = buildEnv(env);
  const commands = [];
  if (prebuildInstall !== null) {
    commands.push({
      label: 'prebuild-install (download a prebuilt addon)',
      command: execPath,
      args: [prebuildInstall, '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', platform, '--verbose'],
      cwd: workDir,
      env: childEnv,
    });
  }
  if (nodeGyp !== null) {
    commands.push({
      label: "node-gyp (compile against Electron's headers)",
      command: execPath,
      args: [
        nodeGyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${arch}`,
        '--dist-url=https://electronjs.org/headers',
        `--devdir=${headersDir(root)}`,
      ],
      cwd: workDir,
      env: childEnv,
    });
  }
  return commands;
}

/** The addon a build leaves in its work folder. */
export const builtAddon = (workDir) => join(workDir, 'build', 'Release', 'better_sqlite3.node');

function readVersion(root, pkg) {
  const file = join(root, 'node_modules', pkg, 'package.json');
  if (!existsSync(file)) throw new Error(`${pkg} is not installed (${file} is missing): run npm ci`);
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/** The versions and tools of this checkout and machine. */
export function localFacts(root = repoRoot, env = process.env) {
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  let prebuildInstall = null;
  try {
    prebuildInstall = createRequire(join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    prebuildInstall = null;
  }
  const nodeGyp = nodeGypCandidates({ root, npmExecPath: env.npm_execpath }).find((p) => existsSync(p)) ?? null;
  return {
    root,
    electronVersion: readVersion(root, 'electron'),
    sqliteVersion: readVersion(root, 'better-sqlite3'),
    platform: process.platform,
    arch: process.arch,
    sqliteDir,
    prebuildInstall,
    nodeGyp,
  };
}

/** The package without its Node build: what prebuild-install or node-gyp start from. */
function copyPackage(sqliteDir, workDir) {
  const skip = join(sqliteDir, 'build');
  cpSync(sqliteDir, workDir, { recursive: true, filter: (src) => src !== skip && !src.startsWith(skip + sep) });
}

function tail(text, lines = 15) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * Builds the addon if it is missing and returns its path. Throws an Error whose message says
 * what was tried and what to do. `log` receives progress lines. With `electronPath`, a new
 * build is loaded in Electron once before it is kept.
 */
export function ensureElectronNative({
  root = repoRoot,
  force = false,
  log = (line) => console.error(line),
  env = process.env,
  electronPath = null,
} = {}) {
  const facts = localFacts(root, env);
  const plan = planElectronNative({ ...facts, exists: existsSync, force });
  if (!plan.needed) return plan.file;
  log(`electron-native: building better-sqlite3 ${facts.sqliteVersion} for Electron ${facts.electronVersion} (${plan.reason})`);
  const workDir = mkdtempSync(join(tmpdir(), 'deskacs-electron-native-'));
  const attempts = [];
  try {
    copyPackage(facts.sqliteDir, workDir);
    const commands = buildCommands({ ...facts, workDir, execPath: process.execPath, env });
    if (commands.length === 0) attempts.push('neither prebuild-install nor node-gyp was found');
    for (const cmd of commands) {
      log(`electron-native: trying ${cmd.label}`);
      const run = spawnSync(cmd.command, cmd.args, { cwd: cmd.cwd, env: cmd.env, encoding: 'utf8', timeout: 15 * 60_000 });
      if (run.status === 0 && existsSync(builtAddon(workDir))) {
        const broken = electronPath === null ? null : verifyInElectron({ electronPath, addon: builtAddon(workDir), root });
        if (broken !== null) {
          attempts.push(`${cmd.label}: built, but Electron cannot load it:\n${broken}`);
          continue;
        }
        mkdirSync(dirname(plan.file), { recursive: true });
        // Copy then rename: an interrupted build never leaves a half-written addon behind.
        copyFileSync(builtAddon(workDir), `${plan.file}.partial`);
        renameSync(`${plan.file}.partial`, plan.file);
        log(`electron-native: built ${relative(root, plan.file)}`);
        return plan.file;
      }
      const why = run.error?.message ?? `exit ${run.status ?? run.signal}`;
      attempts.push(`${cmd.label}: ${why}\n${tail(`${run.stdout ?? ''}${run.stderr ?? ''}`)}`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  throw new Error(
    [
      `could not build better-sqlite3 ${facts.sqliteVersion} for Electron ${facts.electronVersion} (${facts.platform}-${facts.arch}).`,
      'Both ways need the network (a prebuilt download, or Electron headers for node-gyp plus a C++ toolchain:',
      'build-essential and python3 on Linux, Xcode command line tools on macOS, Visual Studio Build Tools on Windows).',
      `node_modules/better-sqlite3 was not touched. Tried:\n${attempts.map((a) => `  - ${a.replace(/\n/g, '\n    ')}`).join('\n')}`,
    ].join('\n'),
  );
}

/**
 * Checks the addon loads in Electron (as Node, no window): a build for the wrong ABI fails here
 * instead of in the app's error dialog. Returns null when it loads, else the error text.
 */
export function verifyInElectron({ electronPath, addon, root = repoRoot }) {
  const sqlite = join(root, 'node_modules', 'better-sqlite3');
  const code = `new (require(${JSON.stringify(sqlite)}))(':memory:', { nativeBinding: ${JSON.stringify(addon)} }).close()`;
  const run = spawnSync(electronPath, ['-e', code], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return run.status === 0 ? null : tail(`${run.error?.message ?? ''}${run.stdout ?? ''}${run.stderr ?? ''}`) || `exit ${run.status}`;
}

function cli(argv) {
  const facts = localFacts();
  if (argv.includes('--plan')) {
    const plan = planElectronNative({ ...facts, exists: existsSync, force: argv.includes('--force') });
    const commands = buildCommands({ ...facts, workDir: '<temp copy of better-sqlite3>', execPath: process.execPath, env: process.env });
    console.log(JSON.stringify({ ...plan, commands: plan.needed ? commands.map(({ env: _env, ...c }) => c) : [] }, null, 2));
    return;
  }
  console.log(ensureElectronNative({ force: argv.includes('--force') }));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    cli(process.argv.slice(2));
  } catch (err) {
    console.error(`electron-native: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
