// Types of build.mjs for the TypeScript tests that import it.
import type { BuildOptions, Metafile } from 'esbuild';

export const root: string;
export function mainOptions(outDir?: string): BuildOptions;
export function preloadOptions(outDir?: string): BuildOptions;
export function serverOptions(outDir?: string): BuildOptions;
export function preloadExternals(metafile: Metafile): string[];
export function preloadProblem(metafile: Metafile): string | null;
