// The layering invariants of docs/architecture.md, checked by reading every import instead of
// trusting memory: shared/ is pure (no electron, node:* or DOM-only modules, nothing outside
// shared/), electron/core never imports electron or the shell, the sandboxed preload stays off
// the core and Node, and the renderer reaches the app only through shared/.
// (Globals are covered by the typecheck: tsconfig.node.json has no DOM lib, tsconfig.web.json no
// node types, and shared/ is checked by both.)
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

type Layer = 'shared' | 'core' | 'main' | 'preload' | 'renderer';
type Target = Layer | 'electron' | 'node' | 'dom-only' | 'package' | 'elsewhere';

interface Import {
  file: string;
  specifier: string;
  target: Target;
}

const layers: readonly Layer[] = ['shared', 'core', 'main', 'preload', 'renderer'];

const layerDirs: Record<Layer, string> = {
  shared: 'shared',
  core: 'electron/core',
  main: 'electron/main',
  preload: 'electron/preload',
  renderer: 'renderer',
};

/** What each layer must not import. */
const forbidden: Record<Layer, readonly Target[]> = {
  shared: ['electron', 'node', 'dom-only', 'core', 'main', 'preload', 'renderer', 'elsewhere'],
  core: ['electron', 'dom-only', 'main', 'preload', 'renderer'],
  // A sandboxed preload can require only 'electron'; the core would drag Node into the page.
  preload: ['node', 'dom-only', 'core', 'main', 'renderer'],
  main: ['dom-only', 'preload', 'renderer'],
  renderer: ['electron', 'node', 'core', 'main', 'preload', 'elsewhere'],
};

const domOnlyPackages = ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'];
const nodeBuiltins = new Set(builtinModules);

/** Every import/export-from/side-effect/dynamic import/require specifier in a TS source. */
function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((re) => [...code.matchAll(re)].map((m) => m[1] ?? ''));
}

function classify(file: string, specifier: string): Target {
  if (specifier === 'electron' || specifier.startsWith('electron/')) return 'electron';
  if (specifier.startsWith('node:') || nodeBuiltins.has(specifier.split('/')[0] ?? '')) return 'node';
  if (domOnlyPackages.includes(specifier) || specifier.endsWith('.css')) return 'dom-only';
  if (!specifier.startsWith('.')) return 'package';
  const target = posix.normalize(posix.join(posix.dirname(file), specifier));
  const layer = layers.find((l) => target.startsWith(`${layerDirs[l]}/`));
  return layer ?? 'elsewhere';
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) out.push(relative(root, path).split('\\').join('/'));
    }
  };
  try {
    walk(join(root, dir));
  } catch {
    return out;
  }
  return out;
}

function importsOf(layer: Layer): { files: string[]; imports: Import[] } {
  const files = sourceFiles(layerDirs[layer]);
  const imports = files.flatMap((file) =>
    importSpecifiers(readFileSync(join(root, file), 'utf8')).map((specifier) => ({
      file,
      specifier,
      target: classify(file, specifier),
    })),
  );
  return { files, imports };
}

function violations(layer: Layer): string[] {
  const rules = forbidden[layer];
  return importsOf(layer)
    .imports.filter((i) => rules.includes(i.target))
    .map((i) => `${i.file} imports '${i.specifier}' (${i.target}), which ${layer} must not`);
}

describe('import reader', () => {
  test('finds every import form and ignores comments', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from '../b.ts';",
      'import {\n  c,\n  d,\n} from "c-pkg";',
      "import './side-effect.css';",
      "export { e } from './e.ts';",
      "export * from './f.ts';",
      "const g = await import('./g.ts');",
      "const h = require('h');",
      "// import x from 'electron';",
      "/* import y from 'node:fs'; */",
      "export const s = 'not an import';",
    ].join('\n');
    assert.deepEqual(importSpecifiers(source).sort(), [
      '../b.ts',
      './a.ts',
      './e.ts',
      './f.ts',
      './g.ts',
      './side-effect.css',
      'c-pkg',
      'h',
    ]);
  });

  test('classifies by where the import lands', () => {
    assert.equal(classify('shared/x.ts', 'electron'), 'electron');
    assert.equal(classify('shared/x.ts', 'node:fs'), 'node');
    assert.equal(classify('shared/x.ts', 'fs/promises'), 'node');
    assert.equal(classify('shared/x.ts', 'react-dom/client'), 'dom-only');
    assert.equal(classify('renderer/src/a.ts', '../../shared/contract.ts'), 'shared');
    assert.equal(classify('renderer/src/a.ts', '../../electron/core/acs-types.ts'), 'core');
    assert.equal(classify('electron/main/a.ts', '../core/acs.ts'), 'core');
    assert.equal(classify('shared/a.ts', '../scripts/x.ts'), 'elsewhere');
  });
});

/** Imports in `files` that land in one of `dirs`, or in node:* when `node`. */
function reachesInto(files: readonly string[], dirs: readonly string[], node: boolean): string[] {
  assert.ok(files.length > 0, 'no sources to check');
  return files.flatMap((file) =>
    importSpecifiers(readFileSync(join(root, file), 'utf8'))
      .filter((specifier) => {
        if (classify(file, specifier) === 'node') return node;
        if (!specifier.startsWith('.')) return false;
        const target = posix.normalize(posix.join(posix.dirname(file), specifier));
        return dirs.some((d) => target.startsWith(`${d}/`));
      })
      .map((specifier) => `${file} imports '${specifier}'`),
  );
}

describe('layers inside the core', () => {
  test('the CWMP codec and session engine are pure: no node:*, no store, no services', () => {
    const engine = [...sourceFiles('electron/core/cwmp/codec'), ...sourceFiles('electron/core/cwmp/session')];
    assert.deepEqual(reachesInto(engine, ['electron/core/store', 'electron/core/services'], true), []);
  });

  test('the store imports no services', () => {
    assert.deepEqual(reachesInto(sourceFiles('electron/core/store'), ['electron/core/services'], false), []);
  });

  test('the simulator lives outside the core, and the product never imports it (a development tool)', () => {
    assert.deepEqual(sourceFiles('electron/core/simulator'), []);
    assert.ok(sourceFiles('electron/simulator').length > 0, 'the simulator is in electron/simulator');
    const product = sourceFiles('electron').filter((f) => !f.startsWith('electron/simulator/'));
    assert.deepEqual(reachesInto(product, ['electron/simulator'], false), []);
  });
});

describe('layering', () => {
  test('the layers exist and the reader sees their imports', () => {
    for (const layer of layers) {
      assert.ok(importsOf(layer).files.length > 0, `no .ts/.tsx files under ${layerDirs[layer]}`);
    }
    assert.ok(
      importsOf('main').imports.some((i) => i.target === 'electron'),
      'the reader missed main importing electron',
    );
  });

  test('shared/ imports neither electron, node:* nor DOM-only modules, only shared/ files', () => {
    assert.deepEqual(violations('shared'), []);
  });

  test('electron/core never imports electron, the shell or the renderer', () => {
    assert.deepEqual(violations('core'), []);
  });

  test('the preload imports only electron and shared/', () => {
    assert.deepEqual(violations('preload'), []);
  });

  test('electron/main does not import the renderer or the preload', () => {
    assert.deepEqual(violations('main'), []);
  });

  test('renderer/ never imports from electron/ or node, only from renderer/ and shared/', () => {
    assert.deepEqual(violations('renderer'), []);
  });
});
