// Types of dev.mjs for the TypeScript tests that import it.
export interface DevOptions {
  port: number;
  electron: boolean;
  outDir: string | null;
  electronArgs: string[];
}

export const devUsage: string;
export class DevUsageError extends Error {}
export function parseDevArgs(argv: readonly string[]): DevOptions | 'help';
