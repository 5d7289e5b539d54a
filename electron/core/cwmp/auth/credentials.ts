// The CPE -> ACS authentication settings, kept in the store under one settings key. A fresh
// install gets Digest with generated global credentials (authentication is on by default);
// overrides from `serve --cpe-auth/--cpe-username/--cpe-password` or the API are validated and
// persisted, so the next start without them keeps them.
import { generatePassword } from '../../generated-credentials.ts';
import type { SettingsRepository } from '../../store/settings.ts';
import type { CpeAuthConfig, CpeAuthMode, UnknownDevicePolicy } from './policy.ts';

export const CPE_AUTH_SETTING = 'cpeAuth';
export const DEFAULT_CPE_USERNAME = 'deskacs';
export const DEFAULT_REALM = 'DeskACS';
const MAX_FIELD_LENGTH = 256;

const MODES: readonly CpeAuthMode[] = ['digest', 'basic', 'none'];
const UNKNOWN_DEVICE_POLICIES: readonly UnknownDevicePolicy[] = ['register', 'refuse'];

export type CpeAuthOverrides = Partial<CpeAuthConfig>;

/** Invalid CPE authentication settings; the message names the field and why. */
export class CpeAuthConfigError extends Error {
  override name = 'CpeAuthConfigError';
}

/** What needs to be open for the settings to be read and written together. */
export interface CpeAuthSettingsStore {
  settings: SettingsRepository;
  transaction<T>(fn: () => T): T;
}

const hasControl = (s: string): boolean => /[\u0000-\u001f\u007f]/.test(s);

/** Throws CpeAuthConfigError naming the first invalid field. */
export function validateCpeAuthConfig(c: CpeAuthConfig): void {
  if (!MODES.includes(c.mode))
    throw new CpeAuthConfigError(`CPE authentication mode must be one of ${MODES.join(', ')}, got '${String(c.mode)}'`);
  if (!UNKNOWN_DEVICE_POLICIES.includes(c.unknownDevices)) {
    throw new CpeAuthConfigError(
      `The unknown-device policy must be one of ${UNKNOWN_DEVICE_POLICIES.join(', ')}, got '${String(c.unknownDevices)}'`,
    );
  }
  checkText('realm', c.realm);
  checkText('username', c.username);
  checkText('password', c.password);
  // RFC 7617 2: a Basic user-id cannot contain a colon; keep usernames usable in both schemes.
  if (c.username.includes(':')) throw new CpeAuthConfigError('The CPE username must not contain a colon');
}

function checkText(field: string, value: string): void {
  if (typeof value !== 'string' || value === '') throw new CpeAuthConfigError(`The CPE ${field} must not be empty`);
  if (value.length > MAX_FIELD_LENGTH) throw new CpeAuthConfigError(`The CPE ${field} is longer than ${MAX_FIELD_LENGTH} characters`);
  if (hasControl(value)) throw new CpeAuthConfigError(`The CPE ${field} must not contain control characters`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads what is stored, keeping each valid field; missing or invalid fields are undefined. */
function readStored(settings: SettingsRepository): CpeAuthOverrides | undefined {
  const raw = settings.get(CPE_AUTH_SETTING, isRecord);
  if (raw === undefined) return undefined;
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const mode = MODES.find((m) => m === raw.mode);
  const unknownDevices = UNKNOWN_DEVICE_POLICIES.find((p) => p === raw.unknownDevices);
  const out: CpeAuthOverrides = {};
  if (mode !== undefined) out.mode = mode;
  if (unknownDevices !== undefined) out.unknownDevices = unknownDevices;
  const realm = text(raw.realm);
  const username = text(raw.username);
  const password = text(raw.password);
  if (realm !== undefined) out.realm = realm;
  if (username !== undefined) out.username = username;
  if (password !== undefined) out.password = password;
  if (typeof raw.allowBasicOverHttp === 'boolean') out.allowBasicOverHttp = raw.allowBasicOverHttp;
  return out;
}

function withoutUndefined(o: CpeAuthOverrides): CpeAuthOverrides {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/**
 * The effective CPE authentication settings: the stored ones (generated on first use: Digest,
 * user 'deskacs', a random password, realm 'DeskACS', unknown devices registered), with
 * `overrides` applied. Anything new or changed is persisted. Throws CpeAuthConfigError when
 * the result is invalid, and then stores nothing.
 */
export function ensureCpeAuthSettings(store: CpeAuthSettingsStore, overrides: CpeAuthOverrides = {}): CpeAuthConfig {
  return store.transaction(() => {
    const stored = readStored(store.settings);
    const config: CpeAuthConfig = {
      mode: 'digest',
      realm: DEFAULT_REALM,
      username: DEFAULT_CPE_USERNAME,
      unknownDevices: 'register',
      allowBasicOverHttp: false,
      ...stored,
      password: stored?.password ?? generatePassword(),
      ...withoutUndefined(overrides),
    };
    validateCpeAuthConfig(config);
    const current: unknown = store.settings.get(CPE_AUTH_SETTING);
    if (!isRecord(current) || !sameConfig(current, config)) store.settings.set(CPE_AUTH_SETTING, config);
    return config;
  });
}

function sameConfig(stored: Record<string, unknown>, c: CpeAuthConfig): boolean {
  const keys = Object.keys(stored);
  return (
    keys.length === 6 &&
    stored.allowBasicOverHttp === c.allowBasicOverHttp &&
    stored.mode === c.mode &&
    stored.realm === c.realm &&
    stored.username === c.username &&
    stored.password === c.password &&
    stored.unknownDevices === c.unknownDevices
  );
}

/**
 * Validates per-device credentials before they are stored. A device username equal to the
 * global one is refused: per-device usernames are looked up first, so it would take the global
 * username away from every other device.
 */
export function validateDeviceCredentials(global: Pick<CpeAuthConfig, 'username'>, c: { username: string; password: string }): void {
  checkText('username', c.username);
  checkText('password', c.password);
  if (c.username.includes(':')) throw new CpeAuthConfigError('The CPE username must not contain a colon');
  if (c.username === global.username) {
    throw new CpeAuthConfigError(`The device username '${c.username}' is the global CPE username; choose another one`);
  }
}
