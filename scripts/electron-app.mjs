// Finding and launching the Electron binary (npm start, npm run dev, the Electron smoke test).
// The electron package downloads its binary lazily, on the first require('electron').
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The binary if it is already on disk, else null; never downloads. Follows the electron
 * package's own lookup: node_modules/electron/path.txt names it inside dist/, or inside
 * ELECTRON_OVERRIDE_DIST_PATH when that is set.
 */
export function installedElectron(root, env = process.env) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const exe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  let candidate = null;
  if (override !== undefined && override !== '') candidate = join(override, exe || 'electron');
  else if (exe !== '') candidate = join(pkg, 'dist', exe);
  return candidate !== null && existsSync(candidate) ? candidate : null;
}

/** The binary, downloading it on first use (needs the network once). Throws a clear Error. */
export function electronForLaunch(root) {
  const installed = installedElectron(root);
  if (installed !== null) return installed;
  try {
    return createRequire(join(root, 'package.json'))('electron');
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(
      `Electron's binary is not installed and could not be downloaded (${why}). It downloads on the first start, ` +
        'so that start needs the network; `npx install-electron` retries the download.',
    );
  }
}

/** The environment for the app: the caller's, without ELECTRON_RUN_AS_NODE (it would start Node, not the app). */
export function electronEnv(env, extra = {}) {
  const { ELECTRON_RUN_AS_NODE: _asNode, ...rest } = env;
  return { ...rest, ...extra };
}

/** Starts `electron .` in the repository (package.json's main: dist/main/main.cjs). */
export function spawnElectron({ electronPath, root, args = [], env = {} }) {
  return spawn(electronPath, ['.', ...args], { cwd: root, stdio: 'inherit', env: electronEnv(process.env, env) });
}
