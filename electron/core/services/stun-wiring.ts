// The STUN server and UDP connection requests as the composition root wires them: Binding
// Requests are matched to devices by the STUN username DeskACS gave them (enableStun), and the
// public binding they came from is stored; a wake sends UDP connection requests to it.
import type { AcsConfig } from '../acs-types.ts';
import type { Store } from '../store/index.ts';
import { startStunServer, type StunServer } from '../stun/server.ts';
import type { UdpWake } from './udp-wake.ts';

/**
 * Null when STUN is off, or when its port cannot be had (in use, not permitted): STUN is an
 * addition, so the ACS starts without it and says so rather than not at all.
 */
export async function startStunForAcs(store: Store, config: AcsConfig): Promise<StunServer | null> {
  if (config.stun === undefined) return null;
  const host = config.stun.host ?? config.cwmpHost;
  try {
    return await startStun(store, config, host, config.stun.port);
  } catch (err) {
    config.log.warn('STUN server not started: devices behind NAT cannot be woken by UDP connection requests', {
      port: config.stun.port,
      error: String(err),
    });
    return null;
  }
}

function startStun(store: Store, config: AcsConfig, host: string, port: number): Promise<StunServer> {
  return startStunServer({
    host,
    port,
    credential: (username) => {
      const b = store.stunBindings.byUsername(username);
      return b === undefined ? undefined : { deviceId: b.deviceId, password: b.password };
    },
    sighted: (seen) => {
      try {
        const before = store.stunBindings.get(seen.deviceId);
        store.stunBindings.record(seen.deviceId, seen);
        if (before?.address !== seen.address || before.port !== seen.port) {
          config.log.info('STUN binding learnt', {
            device: seen.deviceId,
            binding: `${seen.address}:${seen.port}`,
            change: seen.bindingChange,
          });
        }
      } catch (err) {
        config.log.warn('STUN binding not stored', { device: seen.deviceId, error: String(err) });
      }
    },
    log: config.log,
  });
}

/** UDP wakes through the STUN server's socket; undefined when STUN is off. */
export function createUdpWake(
  store: Store,
  config: AcsConfig,
  stun: () => StunServer | null,
  hasSession: (deviceId: string) => boolean,
): UdpWake | undefined {
  if (config.stun === undefined) return undefined;
  return {
    binding: (deviceId) => {
      const b = store.stunBindings.get(deviceId);
      return b?.address == null || b.port == null ? null : { address: b.address, port: b.port };
    },
    send: async (bytes, port, address) => {
      const server = stun();
      if (server === null) throw new Error('the STUN server is not running');
      await server.send(bytes, port, address);
    },
    sessionSince: (deviceId, since) => hasSession(deviceId) || (store.devices.get(deviceId)?.lastInform ?? '') >= since.toISOString(),
    ...(config.stun.udpTimeoutMs === undefined ? {} : { timeoutMs: config.stun.udpTimeoutMs }),
  };
}
