// The API token: generated on first start, kept in <data>/api-token (owner-only), required on
// every API request. GenieACS's NBI has no authentication at all (CVE-2025-56015).
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadOrCreateApiToken(dataDir: string): string {
  const file = join(dataDir, 'api-token');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing;
  } catch {
    // No token yet: make one below.
  }
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  try {
    chmodSync(file, 0o600);
  } catch {
    // Windows has no POSIX modes; the folder's ACL protects the file there.
  }
  return token;
}
