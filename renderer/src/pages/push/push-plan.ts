// The default plan of a rollout and the parsing of its form. Pure.
import type { FileRecord } from '../../../../shared/models-files.ts';

/** A canary of 1 (2 from 20 devices), then 10 %, then the rest. */
export function defaultWaves(devices: number): number[] {
  if (devices <= 1) return [1];
  const canary = devices >= 20 ? 2 : 1;
  const tenth = Math.max(1, Math.ceil(devices * 0.1));
  const rest = devices - canary - tenth;
  return rest > 0 ? [canary, tenth, rest] : [canary, Math.max(1, devices - canary)];
}

/** "1, 10, 200" -> [1, 10, 200]; null when not a list of whole numbers from 1. */
export function parseWaves(text: string): number[] | null {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0 || parts.length > 50) return null;
  const sizes = parts.map(Number);
  return sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= 100_000) ? sizes : null;
}

export const hhmmPattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Firmware first, then the rest, each by name. */
export function filesForPush(files: readonly FileRecord[]): FileRecord[] {
  const firmware = (f: FileRecord): number => (f.fileType.startsWith('1 ') ? 0 : 1);
  return [...files].sort((a, b) => firmware(a) - firmware(b) || a.name.localeCompare(b.name));
}
