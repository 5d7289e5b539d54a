// The one generator of credentials DeskACS makes up itself: the CPE -> ACS password, the
// connection-request username and password it sets on devices, STUN credentials, and random
// values a profile keeps per device. Letters and digits only (some CPE firmware mishandles
// punctuation), drawn with crypto.randomInt (no modulo bias). 20 characters from 62 is ~119 bits.
import { randomInt } from 'node:crypto';

export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** Without look-alikes (0/O, 1/l/I): for keys a person types from a label, e.g. a Wi-Fi key. */
export const READABLE = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const GENERATED_PASSWORD_LENGTH = 20;

/** `length` characters drawn uniformly from `alphabet`. */
export function randomText(length: number, alphabet: string = ALPHANUMERIC): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet.charAt(randomInt(alphabet.length));
  return out;
}

export function generatePassword(length: number = GENERATED_PASSWORD_LENGTH): string {
  return randomText(length);
}

/** 'deskacs-k3j9x0q2mz': recognisable on the device as set by DeskACS, lower case for picky firmware. */
export function generateUsername(prefix = 'deskacs'): string {
  return `${prefix}-${randomText(10, LOWER_ALPHANUMERIC)}`;
}

export function generateCredentials(prefix = 'deskacs'): { username: string; password: string } {
  return { username: generateUsername(prefix), password: generatePassword() };
}
