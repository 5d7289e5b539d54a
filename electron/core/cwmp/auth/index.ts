// CPE -> ACS authentication (TR-069 3.4.4): what the CWMP listener uses.
export { createBasicChallenge, parseBasic, verifyBasic, type BasicCredentials, type BasicFailure, type BasicResult } from './basic.ts';
export {
  CPE_AUTH_SETTING,
  CpeAuthConfigError,
  DEFAULT_CPE_USERNAME,
  DEFAULT_REALM,
  ensureCpeAuthSettings,
  validateCpeAuthConfig,
  validateDeviceCredentials,
  type CpeAuthOverrides,
  type CpeAuthSettingsStore,
} from './credentials.ts';
export { generatePassword } from '../../generated-credentials.ts';
export { digestResponse } from '../../http-auth/digest.ts';
export {
  createChallenge,
  NONCE_LIFETIME_MS,
  verifyDigest,
  type DigestFailure,
  type DigestOptions,
  type DigestResult,
  type PasswordLookup,
} from './digest.ts';
export { NonceCounts } from './nonce-counts.ts';
export {
  admitDevice,
  authenticateRequest,
  type Admission,
  type AdmissionLookups,
  type AuthFailure,
  type AuthOutcome,
  type CpeAuthConfig,
  type CpeAuthMode,
  type CpePrincipal,
  type CredentialLookups,
  type UnknownDevicePolicy,
} from './policy.ts';
export { FailureRateLimiter, rateLimitKey, type RateLimitDecision, type RateLimitOptions } from './rate-limit.ts';
