// Builds into dist/: esbuild bundles the Electron main process and the preload to CommonJS and
// the headless server (`npm run serve`) to one ES module run by plain node, then Vite builds
// the renderer. `npm run build`; `npm start` and `npm run serve` run it first. scripts/dev.mjs
// reuses the esbuild options in watch mode.
import { build as esbuild } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as viteBuild } from 'vite';

export const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => join(root, path);

/** Options shared by every bundle: Node, dependencies left to node_modules. */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // better-sqlite3 and other deps (native addons among them) load from node_modules (or
  // app.asar.unpacked) at run time; electron is provided by the runtime.
  packages: 'external',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
};

/** The Electron main process: CommonJS, like package.json's main. */
export function mainOptions(outDir = at('dist')) {
  return { ...common, format: 'cjs', entryPoints: [at('electron/main/main.ts')], outfile: join(outDir, 'main/main.cjs') };
}

/**
 * The preload: CommonJS (a sandboxed preload cannot be an ES module), without a map. A sandboxed
 * preload cannot load from node_modules, so the packages it uses (shared/ may use valibot) are
 * bundled into it; only 'electron' stays outside.
 */
export function preloadOptions(outDir = at('dist')) {
  return {
    ...common,
    packages: 'bundle',
    format: 'cjs',
    entryPoints: [at('electron/preload/preload.ts')],
    outfile: join(outDir, 'preload/preload.cjs'),
    // Small and readable as is; a map would only make DevTools look for a file not packaged.
    sourcemap: false,
  };
}

/** The headless server: an ES module (server.ts uses import.meta.url), run with `node`, no tsx. */
export function serverOptions(outDir = at('dist')) {
  return { ...common, format: 'esm', entryPoints: [at('electron/server.ts')], outfile: join(outDir, 'server/server.mjs') };
}

/**
 * A sandboxed preload can require only 'electron' (and a few polyfilled builtins): everything
 * else must be inside the bundle. Returns the offending imports (empty when fine).
 */
export function preloadExternals(metafile) {
  const externals = Object.values(metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((imp) => imp.external)
    .map((imp) => imp.path);
  return [...new Set(externals)].filter((path) => path !== 'electron');
}

export function preloadProblem(metafile) {
  const bad = preloadExternals(metafile);
  return bad.length === 0 ? null : `the sandboxed preload may import only 'electron' at run time, but it imports: ${bad.join(', ')}`;
}

async function bundlePreload() {
  const result = await esbuild(preloadOptions());
  // Fail the build instead of a blank window at run time.
  const problem = preloadProblem(result.metafile);
  if (problem !== null) throw new Error(problem);
}

async function buildRenderer() {
  await viteBuild({ configFile: at('vite.config.ts'), logLevel: 'warn' });
}

async function main() {
  const started = Date.now();
  await Promise.all(['dist/main', 'dist/preload', 'dist/server'].map((dir) => rm(at(dir), { recursive: true, force: true })));
  await Promise.all([esbuild(mainOptions()), bundlePreload(), esbuild(serverOptions())]);
  await buildRenderer();
  console.log(`built dist/main/main.cjs, dist/preload/preload.cjs, dist/server/server.mjs, dist/renderer/ in ${Date.now() - started} ms`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
