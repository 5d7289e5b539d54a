// `npm run dev`: the Vite dev server (renderer with hot reload), esbuild rebuilding main and
// preload on every change, and Electron loading the renderer from the dev server. A change to
// main or preload restarts Electron; closing the window or Ctrl-C stops everything.
//   npm run dev -- [--port N] [--no-electron] [--out-dir DIR] [-- <Electron arguments>]
import { context } from 'esbuild';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'vite';
import { mainOptions, preloadOptions, preloadProblem } from './build.mjs';
import { electronForLaunch, spawnElectron } from './electron-app.mjs';
import { ensureElectronNative } from './electron-native.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export const devUsage = `Usage: npm run dev -- [options] [-- <Electron arguments>]
  --port N         Vite dev server port (default 5173, on 127.0.0.1)
  --no-electron    only the dev server and the main/preload watch build (browser or CI use)
  --out-dir DIR    where main and preload are built (default dist; Electron needs dist)
  --help           this text`;

export class DevUsageError extends Error {}

/** Parses dev's arguments (pure). Returns 'help' for --help. */
export function parseDevArgs(argv) {
  const opts = { port: 5173, electron: true, outDir: null, electronArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new DevUsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--') {
      opts.electronArgs = argv.slice(i + 1);
      break;
    } else if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--no-electron') opts.electron = false;
    else if (arg === '--port') {
      const raw = value();
      const port = Number(raw);
      if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) throw new DevUsageError(`--port must be 1-65535, not ${raw}`);
      opts.port = port;
    } else if (arg === '--out-dir') opts.outDir = value();
    else throw new DevUsageError(`unknown option ${arg}`);
  }
  if (opts.electron && opts.outDir !== null) throw new DevUsageError('--out-dir needs --no-electron (Electron loads dist/)');
  return opts;
}

const log = (line) => console.log(`dev: ${line}`);

/** esbuild in watch mode for main and preload; `onRebuild` after each successful rebuild. */
async function watchBundles(outDir, onRebuild) {
  let firstDone;
  const first = new Promise((resolveFirst) => {
    firstDone = resolveFirst;
  });
  let pending = 2;
  const report = (name, check) => ({
    name: `deskacs-dev-${name}`,
    setup(build) {
      let initial = true;
      build.onEnd((result) => {
        const problem = result.errors.length > 0 ? `${result.errors.length} error(s)` : check(result);
        if (problem !== null) log(`${name} build failed: ${problem}`);
        if (initial) {
          initial = false;
          pending -= 1;
          if (pending === 0) firstDone();
        } else if (problem === null) {
          log(`${name} rebuilt`);
          onRebuild(name);
        }
      });
    },
  });
  const contexts = await Promise.all([
    context({ ...mainOptions(outDir), logLevel: 'error', plugins: [report('main', () => null)] }),
    context({ ...preloadOptions(outDir), logLevel: 'error', plugins: [report('preload', (r) => preloadProblem(r.metafile))] }),
  ]);
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  await first;
  return () => Promise.all(contexts.map((ctx) => ctx.dispose()));
}

/** Runs Electron, restarting it on request; resolves with its exit code when it quits on its own. */
function electronRunner({ electronPath, env, args }) {
  let child = null;
  let restarting = false;
  let finish;
  const done = new Promise((resolveDone) => {
    finish = resolveDone;
  });
  const start = () => {
    child = spawnElectron({ electronPath, root, args, env });
    child.on('exit', (code, signal) => {
      child = null;
      if (restarting) {
        restarting = false;
        start();
      } else finish(code ?? (signal === null ? 1 : 0));
    });
  };
  start();
  return {
    done,
    restart() {
      if (child === null || restarting) return;
      restarting = true;
      child.kill('SIGTERM');
    },
    stop() {
      restarting = false;
      if (child === null) return Promise.resolve();
      const current = child;
      return new Promise((resolveStop) => {
        const force = setTimeout(() => current.kill('SIGKILL'), 8_000);
        current.once('exit', () => {
          clearTimeout(force);
          resolveStop();
        });
        current.kill('SIGTERM');
      });
    },
  };
}

/**
 * A standalone Vite server calls process.exit() on SIGTERM (and when stdin ends), which would
 * leave Electron and the watchers running. dev owns the shutdown: drop the handlers it adds.
 */
async function withoutViteExitHandlers(create) {
  const sigterm = new Set(process.listeners('SIGTERM'));
  const stdinEnd = new Set(process.stdin.listeners('end'));
  const server = await create();
  for (const listener of process.listeners('SIGTERM')) if (!sigterm.has(listener)) process.off('SIGTERM', listener);
  for (const listener of process.stdin.listeners('end')) if (!stdinEnd.has(listener)) process.stdin.off('end', listener);
  return server;
}

async function main(argv) {
  const opts = parseDevArgs(argv);
  if (opts === 'help') {
    console.log(devUsage);
    return 0;
  }
  // Fail before starting servers: Electron and its better-sqlite3 build come first.
  let electron = null;
  if (opts.electron) {
    const electronPath = electronForLaunch(root);
    electron = { electronPath, nativeBinding: ensureElectronNative({ root, electronPath }) };
  }
  const outDir = resolve(root, opts.outDir ?? 'dist');
  let runner = null;
  let restartTimer;
  const disposeBundles = await watchBundles(outDir, () => {
    // Main and preload often rebuild together: one restart for both.
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => runner?.restart(), 150);
  });
  log(`main and preload built in ${join(outDir, 'main')}, ${join(outDir, 'preload')} (watching)`);
  const vite = await withoutViteExitHandlers(() =>
    createServer({ configFile: join(root, 'vite.config.ts'), server: { port: opts.port, strictPort: true } }),
  );
  await vite.listen();
  const url = `http://127.0.0.1:${opts.port}/`;
  log(`renderer at ${url} (hot reload)`);

  let stopping = null;
  const stop = (code) => {
    stopping ??= (async () => {
      clearTimeout(restartTimer);
      await runner?.stop();
      await Promise.allSettled([vite.close(), disposeBundles()]);
      return code;
    })();
    return stopping;
  };
  const signalled = new Promise((resolveSignal) => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => resolveSignal(0));
  });
  if (electron !== null) {
    runner = electronRunner({
      electronPath: electron.electronPath,
      args: opts.electronArgs,
      env: { DESKACS_DEV_SERVER_URL: url, DESKACS_NATIVE_BINDING: electron.nativeBinding },
    });
    log('ready: Electron started; close its window or press Ctrl-C to stop');
  } else {
    log('ready: Electron not started (--no-electron); Ctrl-C to stop');
  }
  const code = await Promise.race([signalled, runner?.done ?? new Promise(() => {})]);
  return stop(code);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      const usage = err instanceof DevUsageError ? `\n\n${devUsage}` : '';
      console.error(`npm run dev: ${err instanceof Error ? err.message : String(err)}${usage}`);
      process.exit(err instanceof DevUsageError ? 2 : 1);
    },
  );
}
