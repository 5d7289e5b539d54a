// Builds the desktop app into dist/: esbuild bundles the Electron main process and the preload
// to CommonJS, then Vite builds the renderer. `npm run build`; `npm start` runs it first.
import { build as esbuild } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (path) => `${root}${path}`;

/** Options shared by main and preload: CommonJS for Node, dependencies left to node_modules. */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // electron is provided by the runtime; better-sqlite3 and other deps (native addons among
  // them) load from node_modules / app.asar.unpacked at run time.
  packages: 'external',
  external: ['electron'],
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
};

async function bundleMain() {
  await esbuild({ ...common, entryPoints: [at('electron/main/main.ts')], outfile: at('dist/main/main.cjs') });
}

/**
 * A sandboxed preload can require only 'electron' (and a few polyfilled builtins): everything
 * else must be inside the bundle. Fail the build instead of a blank window at run time.
 */
async function bundlePreload() {
  const result = await esbuild({
    ...common,
    entryPoints: [at('electron/preload/preload.ts')],
    outfile: at('dist/preload/preload.cjs'),
    // Small and readable as is; a map would only make DevTools look for a file not packaged.
    sourcemap: false,
  });
  const externals = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((imp) => imp.external)
    .map((imp) => imp.path);
  const bad = [...new Set(externals)].filter((path) => path !== 'electron');
  if (bad.length > 0) {
    throw new Error(`the sandboxed preload may import only 'electron' at run time, but it imports: ${bad.join(', ')}`);
  }
}

async function buildRenderer() {
  await viteBuild({ configFile: at('vite.config.ts'), logLevel: 'warn' });
}

async function main() {
  const started = Date.now();
  await Promise.all([rm(at('dist/main'), { recursive: true, force: true }), rm(at('dist/preload'), { recursive: true, force: true })]);
  await Promise.all([bundleMain(), bundlePreload()]);
  await buildRenderer();
  console.log(`built dist/main/main.cjs, dist/preload/preload.cjs, dist/renderer/ in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(`build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
