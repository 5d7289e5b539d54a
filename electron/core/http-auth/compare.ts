// Constant-time string comparison for secrets (passwords, digest responses, MACs).
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when a and b are equal, in time independent of where they differ. Both are hashed
 * first so that inputs of different lengths are compared without leaking the length.
 */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}
