// Types of electron-app.mjs for the TypeScript tests that import it.
import type { ChildProcess } from 'node:child_process';

export function installedElectron(root: string, env?: Record<string, string | undefined>): string | null;
export function electronForLaunch(root: string): string;
export function electronEnv(env: Record<string, string | undefined>, extra?: Record<string, string>): Record<string, string | undefined>;
export function spawnElectron(input: { electronPath: string; root: string; args?: string[]; env?: Record<string, string> }): ChildProcess;
