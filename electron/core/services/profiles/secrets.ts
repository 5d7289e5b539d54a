// Secrets in profiles (Wi-Fi keys, PPPoE and connection-request passwords): masked wherever a
// value leaves the engine (recorded RPCs, dry runs, steps, logs), remembered only as a hash.
import { createHash } from 'node:crypto';
import { commonSetting } from '../common-settings/catalog.ts';

export const MASK = '••••••';

const SECRET_PATH = /(Password|Passphrase|PreSharedKey|WEPKey|Secret|KeyPassphrase)$/i;

/** Whether a profile item (common setting key or raw path) holds a secret. */
export function isSecret(keyOrPath: string): boolean {
  const s = commonSetting(keyOrPath);
  if (s !== undefined) return s.secret;
  return SECRET_PATH.test(keyOrPath);
}

export function masked(value: string, secret: boolean): string {
  return secret ? MASK : value;
}

/** What the engine remembers of an applied value: where and what, not the value itself. */
export function valueHash(path: string, value: string): string {
  return createHash('sha256').update(`${path}\0${value}`, 'utf8').digest('hex').slice(0, 32);
}

/** A message with the secret's text replaced by the mask (value checks quote what they refuse). */
export function hideSecret(message: string, secret: string): string {
  return secret === '' ? message : message.split(secret).join(MASK);
}
