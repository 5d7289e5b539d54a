// Types of electron-native.mjs for the TypeScript tests that import it.
export interface NativeTarget {
  root: string;
  electronVersion: string;
  sqliteVersion: string;
  platform: string;
  arch: string;
}

export interface NativePlan {
  file: string;
  needed: boolean;
  reason: string;
}

export interface BuildCommand {
  label: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

export function electronNativePath(target: NativeTarget): string;
export function planElectronNative(input: NativeTarget & { exists: (path: string) => boolean; force?: boolean }): NativePlan;
export function buildEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
export function nodeGypCandidates(input: { root: string; npmExecPath: string | undefined }): string[];
export function buildCommands(input: {
  root: string;
  workDir: string;
  electronVersion: string;
  platform: string;
  arch: string;
  execPath: string;
  prebuildInstall: string | null;
  nodeGyp: string | null;
  env: Record<string, string | undefined>;
}): BuildCommand[];
export function builtAddon(workDir: string): string;
export function localFacts(
  root?: string,
  env?: Record<string, string | undefined>,
): NativeTarget & { sqliteDir: string; prebuildInstall: string | null; nodeGyp: string | null };
export function ensureElectronNative(options?: {
  root?: string;
  force?: boolean;
  log?: (line: string) => void;
  env?: Record<string, string | undefined>;
  electronPath?: string | null;
}): string;
export function verifyInElectron(input: { electronPath: string; addon: string; root?: string }): string | null;
