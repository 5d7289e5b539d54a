// Who may talk CWMP to this ACS: HTTP authentication of CPEs (Digest by default), the policy
// for devices never seen before, and a rate limit on repeated failures. The listener asks the
// gate before reading a new session's body, and again once the Inform names the device.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Logger } from '../acs-types.ts';
import {
  admitDevice,
  authenticateRequest,
  FailureRateLimiter,
  NonceCounts,
  rateLimitKey,
  type CpeAuthConfig,
  type CpePrincipal,
} from '../cwmp/auth/index.ts';
import type { CpeGate } from '../cwmp/listener.ts';
import type { Store } from '../store/index.ts';

export interface CpeGateDeps {
  store: Store;
  log: Logger;
  /** The current configuration (the API may replace it while running). */
  config: () => CpeAuthConfig;
  /** Whether CPEs can use TLS instead (then Basic over plain HTTP is refused unless allowed). */
  tlsAvailable?: () => boolean;
  now?: () => Date;
}

export function createCpeGate(deps: CpeGateDeps): CpeGate {
  const { store, log } = deps;
  const now = deps.now ?? (() => new Date());
  const limiter = new FailureRateLimiter({ log, now });
  // Replay protection: one table of used nonce counts for every request this gate checks.
  const digest = { nonceCounts: new NonceCounts() };
  /**
   * TR-069 3.4.4: Basic only over TLS. With a TLS listener, a plain-HTTP CPE in basic mode is
   * asked for Digest instead (a Basic answer is not accepted), unless the operator allows it.
   */
  const effectiveConfig = (req: IncomingMessage): CpeAuthConfig => {
    const config = deps.config();
    if (config.mode !== 'basic' || config.allowBasicOverHttp === true || deps.tlsAvailable?.() !== true) return config;
    if ((req.socket as TLSSocket).encrypted === true) return config;
    if (/^\s*basic\s/i.test(req.headers.authorization ?? '')) {
      log.warn('Basic authentication refused over plain HTTP: use the https ACS URL, or allow Basic over HTTP', {
        remote: req.socket.remoteAddress,
      });
    }
    return { ...config, mode: 'digest' };
  };
  return {
    authenticate(req: IncomingMessage): ReturnType<CpeGate['authenticate']> {
      const key = rateLimitKey(req.socket.remoteAddress ?? '');
      const allowed = limiter.check(key);
      if (!allowed.allowed) {
        return {
          kind: 'reply',
          status: 503,
          headers: { 'Retry-After': String(allowed.retryAfterSeconds) },
          message: 'Too many failed authentication attempts; retry later',
        };
      }
      const outcome = authenticateRequest(req.headers, req.method ?? 'POST', effectiveConfig(req), store.cpeCredentials, now(), digest);
      if (outcome.kind === 'ok') return { kind: 'ok', principal: outcome.principal };
      const failure = outcome.failure;
      if (failure !== null) {
        log.warn('CPE authentication failed', { remote: key, username: failure.username, reason: failure.reason });
        if (failure.counts) limiter.recordFailure(key, { username: failure.username });
      }
      return { kind: 'reply', status: 401, headers: { 'WWW-Authenticate': outcome.header }, message: 'Authentication required' };
    },
    admit(deviceId: string, principal: CpePrincipal | null): ReturnType<CpeGate['admit']> {
      const p = principal ?? { username: null, deviceId: null };
      const decision = admitDevice(
        deviceId,
        deps.config().unknownDevices,
        {
          deviceExists: (id) => store.devices.exists(id),
          isRegistered: (id) => store.registrations.has(id),
          hasOwnCredentials: (id) => store.cpeCredentials.get(id) !== undefined,
        },
        p,
      );
      if (decision.kind === 'admit') return { ok: true };
      log.warn('CPE refused', { device: deviceId, reason: decision.reason });
      const why: Record<typeof decision.reason, string> = {
        'not-registered': 'this device is not registered with the ACS',
        'credentials-of-another-device': 'these credentials belong to another device',
        'device-credentials-required': 'this device has its own credentials; the shared ones are not accepted',
      };
      return { ok: false, status: 403, message: `Forbidden: ${why[decision.reason]}` };
    },
  };
}
