// The API token: generated on first start, kept in <data>/api-token (owner-only), required on
// every API request. GenieACS's NBI has no authentication at all (CVE-2025-56015).
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The token in force; regenerating replaces it everywhere it is read (HTTP API, acs.info). */
export interface ApiTokenHolder {
  get(): string;
  /** Writes a new token to <data>/api-token and makes it the only one accepted. */
  regenerate(): string;
}

function tokenFile(dataDir: string): string {
  return join(dataDir, 'api-token');
}

function writeToken(dataDir: string): string {
  const token = randomBytes(32).toString('base64url');
  const file = tokenFile(dataDir);
  // Written beside and renamed over: a crash mid-write leaves the old token, never half a new one.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${token}\n`, { mode: 0o600 });
  try {
    chmodSync(temp, 0o600);
  } catch {
    // Windows has no POSIX modes; the folder's ACL protects the file there.
  }
  renameSync(temp, file);
  return token;
}

export function loadOrCreateApiToken(dataDir: string): string {
  try {
    const existing = readFileSync(tokenFile(dataDir), 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing;
  } catch {
    // No token yet: make one below.
  }
  return writeToken(dataDir);
}

export function apiTokenHolder(dataDir: string): ApiTokenHolder {
  let token = loadOrCreateApiToken(dataDir);
  return {
    get: () => token,
    regenerate: () => {
      token = writeToken(dataDir);
      return token;
    },
  };
}
