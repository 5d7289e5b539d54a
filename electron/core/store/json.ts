// JSON columns: written with JSON.stringify, read back as `unknown` and checked where the
// shape matters. A corrupt cell reads as a fallback instead of breaking a whole listing.
import type { FaultInfo } from '../../../shared/models.ts';

export function toJson(value: unknown): string {
  // JSON.stringify(undefined) is undefined, not a string: store it as null.
  return JSON.stringify(value) ?? 'null';
}

export function fromJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value;
  } catch {
    return null;
  }
}

export function stringsFromJson(text: string): string[] {
  const value = fromJson(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function faultFromJson(text: string | null): FaultInfo | null {
  const value = fromJson(text);
  if (!isRecord(value) || typeof value.code !== 'number' || typeof value.message !== 'string') return null;
  return 'detail' in value
    ? { code: value.code, message: value.message, detail: value.detail }
    : { code: value.code, message: value.message };
}

export function iso(at: Date): string {
  return at.toISOString();
}
