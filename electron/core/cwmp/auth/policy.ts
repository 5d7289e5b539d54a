// CPE -> ACS authentication policy: which schemes are accepted, whose password is checked, and
// which devices are admitted. Pure: the listener supplies the lookups and the clock.
//
// Two moments (TR-069 3.4.4 authenticates the HTTP connection, the device id comes later):
// 1. authenticateRequest, on the first request of a session, from the headers alone;
// 2. admitDevice, once the Inform is parsed and the device id is known.
import { createBasicChallenge, verifyBasic, type BasicFailure } from './basic.ts';
import { parseAuthorization } from '../../http-auth/headers.ts';
import { createChallenge, verifyDigest, type DigestFailure, type DigestOptions, type PasswordLookup } from './digest.ts';

export type CpeAuthMode = 'digest' | 'basic' | 'none';
export type UnknownDevicePolicy = 'register' | 'refuse';

export interface CpeAuthConfig {
  /** digest: only Digest is accepted (the default; required without TLS by TR-069 3.4.4).
   *  basic: Basic is asked for, Digest answers are accepted too. none: no authentication. */
  mode: CpeAuthMode;
  realm: string;
  /** The global credentials, used by every device without its own. */
  username: string;
  password: string;
  /** register: an unknown device's first Inform creates it; refuse: only known or pre-registered devices. */
  unknownDevices: UnknownDevicePolicy;
  /**
   * With a TLS listener, Basic (the password in clear) is refused over plain HTTP: mode basic
   * asks plain-HTTP CPEs for Digest instead. True lets Basic through over plain HTTP too.
   * Without TLS Basic over HTTP is the only way and is allowed. Always set by ensureCpeAuthSettings.
   */
  allowBasicOverHttp?: boolean;
}

/** Who authenticated: the global user (deviceId null), a device's own user, or nobody (mode none). */
export interface CpePrincipal {
  username: string | null;
  /** Set when the username is a per-device one: the device these credentials belong to. */
  deviceId: string | null;
}

export interface CredentialLookups {
  /** Per-device credentials by username (store.cpeCredentials satisfies this). */
  findByUsername(username: string): { deviceId: string; password: string } | undefined;
}

export type AuthFailureReason = DigestFailure | BasicFailure | 'scheme-not-allowed';

export interface AuthFailure {
  reason: AuthFailureReason;
  username: string | null;
  /**
   * Whether this failure should count towards the rate limit. False for a stale, expired or
   * replayed nonce (a normal event, the CPE re-answers; a replayer gets nowhere) and for a scheme this mode does not take (a CPE that
   * sends Basic preemptively switches to Digest after the 401; counting it would block busy
   * NATs full of such CPEs).
   */
  counts: boolean;
}

export type AuthOutcome =
  | { kind: 'ok'; principal: CpePrincipal }
  /** Answer 401 with `WWW-Authenticate: <header>`. failure is null when no credentials were sent. */
  | { kind: 'challenge'; status: 401; header: string; failure: AuthFailure | null };

export interface AuthHeaders {
  authorization?: string | undefined;
}

/** Authenticates one HTTP request from its headers (the body is not needed and need not be read). */
export function authenticateRequest(
  headers: AuthHeaders,
  method: string,
  config: CpeAuthConfig,
  lookups: CredentialLookups,
  now: Date,
  digest: DigestOptions = {},
): AuthOutcome {
  if (config.mode === 'none') return { kind: 'ok', principal: { username: null, deviceId: null } };
  const header = headers.authorization;
  const challenge = (failure: AuthFailure | null, stale = false): AuthOutcome => ({
    kind: 'challenge',
    status: 401,
    header: config.mode === 'digest' ? createChallenge(config.realm, now, { ...digest, stale }) : createBasicChallenge(config.realm),
    failure,
  });
  if (header === undefined || header.trim() === '') return challenge(null);

  let owner: string | null = null;
  const users: PasswordLookup = {
    lookupPassword: (username) => {
      // A device's own username wins over the global one (they should differ; see credentials.ts).
      const own = lookups.findByUsername(username);
      if (own !== undefined) {
        owner = own.deviceId;
        return own.password;
      }
      owner = null;
      return username === config.username ? config.password : undefined;
    },
  };

  const scheme = parseAuthorization(header)?.scheme;
  // In digest mode a Basic header is refused even with the right password: accepting it would
  // invite the CPE to keep sending the password in clear (worth a warning in the log: it just did).
  if (scheme !== 'digest' && !(scheme === 'basic' && config.mode === 'basic')) {
    return challenge({ reason: scheme === undefined ? 'malformed' : 'scheme-not-allowed', username: null, counts: scheme === undefined });
  }
  const result =
    scheme === 'digest' ? verifyDigest(header, method, users, now, { ...digest, realm: config.realm }) : verifyBasic(header, users);

  if (result.ok) return { kind: 'ok', principal: { username: result.username, deviceId: owner } };
  const nonceOnly = result.reason === 'stale' || result.reason === 'expired' || result.reason === 'replayed';
  return challenge({ reason: result.reason, username: result.username ?? null, counts: !nonceOnly }, nonceOnly);
}

export interface AdmissionLookups {
  /** The device has a row in `devices` (it informed before and was not deleted). */
  deviceExists(deviceId: string): boolean;
  /** The device is pre-registered (store.registrations.has). */
  isRegistered(deviceId: string): boolean;
  /** The device has its own credentials (store.cpeCredentials.get(id) !== undefined). */
  hasOwnCredentials(deviceId: string): boolean;
}

export type AdmissionRefusal = 'not-registered' | 'credentials-of-another-device' | 'device-credentials-required';

export type Admission =
  | { kind: 'admit' /** The Inform will create this device. */; newDevice: boolean }
  | { kind: 'refused'; status: 403; reason: AdmissionRefusal };

/**
 * Decides, once the Inform names the device, whether this session may go on. Besides the
 * unknown-device policy it binds credentials to devices: a device's own credentials are valid
 * only for that device, and a device that has its own must use them (otherwise anyone holding
 * the global password could still inform as it). Neither applies in mode none.
 */
export function admitDevice(deviceId: string, policy: UnknownDevicePolicy, lookups: AdmissionLookups, principal: CpePrincipal): Admission {
  if (principal.deviceId !== null && principal.deviceId !== deviceId) {
    return { kind: 'refused', status: 403, reason: 'credentials-of-another-device' };
  }
  if (principal.username !== null && principal.deviceId === null && lookups.hasOwnCredentials(deviceId)) {
    return { kind: 'refused', status: 403, reason: 'device-credentials-required' };
  }
  const exists = lookups.deviceExists(deviceId);
  if (exists) return { kind: 'admit', newDevice: false };
  // Credentials entered for this very id are a pre-registration too.
  if (policy === 'register' || principal.deviceId === deviceId || lookups.isRegistered(deviceId)) return { kind: 'admit', newDevice: true };
  return { kind: 'refused', status: 403, reason: 'not-registered' };
}
