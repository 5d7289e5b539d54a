// Who may talk CWMP to this ACS: HTTP authentication of CPEs (Digest by default), the policy
// for devices never seen before, and a rate limit on repeated failures. The listener asks the
// gate before reading a new session's body, and again once the Inform names the device.
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../acs-types.ts';
import {
  admitDevice,
  authenticateRequest,
  FailureRateLimiter,
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
  now?: () => Date;
}

export function createCpeGate(deps: CpeGateDeps): CpeGate {
  const { store, log } = deps;
  const now = deps.now ?? (() => new Date());
  const limiter = new FailureRateLimiter({ log, now });
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
      const outcome = authenticateRequest(req.headers, req.method ?? 'POST', deps.config(), store.cpeCredentials, now());
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
