// getReachability: can DeskACS wake this device, and if not, why and what to change. NAT is
// detected by comparing the ConnectionRequestURL's address with the address the device's
// sessions come from (and by the device's own NATDetected); the last connection requests say
// what the network did with them (refused, timeout, 401 and its scheme, credentials refused);
// the STUN binding's age says whether UDP connection requests can still get through.
import { isIP } from 'node:net';
import { AcsError } from '../../../shared/errors.ts';
import type { ReachAttempt, Reachability, StunState } from '../../../shared/models-reach.ts';
import type { Store } from '../store/index.ts';
import { plainAddress } from '../stun/codec.ts';
import { crCredentialsFor } from './credentials.ts';
import { reachAttempts } from './reachability-attempts.ts';
import type { WakeOutcomes } from './wake.ts';

export interface ReachabilityDeps {
  store: Store;
  outcomes: WakeOutcomes;
  stunPort: () => number | null;
  now: () => Date;
}

/** A binding older than this may have been dropped by the NAT (TR-111 suggests keep-alives well inside it). */
const STALE_BINDING_SECONDS = 600;

export function isPrivateAddress(address: string): boolean {
  const a = plainAddress(address.replace(/^\[|\]$/g, ''));
  if (isIP(a) === 4) {
    const [x = 0, y = 0] = a.split('.').map(Number);
    return (
      x === 10 ||
      x === 127 ||
      (x === 172 && y >= 16 && y <= 31) ||
      (x === 192 && y === 168) ||
      (x === 100 && y >= 64 && y <= 127) ||
      (x === 169 && y === 254)
    );
  }
  if (isIP(a) === 6) return /^(fc|fd|fe80|::1$)/i.test(a);
  return false;
}

function urlHost(url: string): string | null {
  try {
    const h = new URL(url).hostname;
    return h === '' ? null : h.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

export function getReachability(deps: ReachabilityDeps, deviceId: string): Reachability {
  const { store } = deps;
  const device = store.devices.get(deviceId);
  if (device === undefined) throw new AcsError('not_found', `no device with id '${deviceId}'`);
  const ms = `${device.rootObject === 'InternetGatewayDevice' ? 'InternetGatewayDevice' : 'Device'}.ManagementServer.`;
  const param = (name: string): string | null => store.parameters.get(deviceId, ms + name)?.value ?? null;
  const crHost = urlHost(device.connectionRequestUrl);
  const informAddress = store.sessions.listForDevice(deviceId, 1)[0]?.remoteAddress ?? null;
  const nat = natOf(crHost, informAddress === null ? null : plainAddress(informAddress), param('NATDetected'));
  const stun = stunState(deps, deviceId, param);
  const attempts = reachAttempts(deps.outcomes.recent(deviceId));
  const base = {
    deviceId,
    connectionRequestUrl: device.connectionRequestUrl,
    connectionRequestHost: crHost,
    informAddress,
    natDetected: nat !== '',
    natReason: nat,
    credentialsKnown: crCredentialsFor(store, deviceId) !== null,
    periodicInformIntervalSeconds: device.periodicInformInterval ?? null,
    lastInform: device.lastInform ?? null,
    stun,
    attempts,
  };
  return { ...base, ...judge(base) };
}

function natOf(crHost: string | null, informAddress: string | null, natDetected: string | null): string {
  if (natDetected === 'true' || natDetected === '1') return 'the device reports NATDetected';
  if (crHost === null || informAddress === null) return '';
  if (isIP(crHost) !== 0 && crHost !== informAddress) {
    return `the ConnectionRequestURL names ${crHost} but the device's sessions come from ${informAddress}`;
  }
  return '';
}

function stunState(deps: ReachabilityDeps, deviceId: string, param: (name: string) => string | null): StunState {
  const b = deps.store.stunBindings.get(deviceId);
  const enabled = param('STUNEnable');
  const seen = b?.seenAt == null ? null : Date.parse(b.seenAt);
  return {
    serverPort: deps.stunPort(),
    enabledOnDevice: enabled === null ? null : enabled === 'true' || enabled === '1',
    credentialsSet: b !== undefined,
    binding: b?.address == null || b.port == null ? null : `${b.address.includes(':') ? `[${b.address}]` : b.address}:${b.port}`,
    bindingAgeSeconds: seen === null ? null : Math.max(0, Math.round((deps.now().getTime() - seen) / 1000)),
    authenticated: b?.authenticated ?? false,
    deviceReportedAddress: param('UDPConnectionRequestAddress') || null,
  };
}

type Facts = Omit<Reachability, 'verdict' | 'advice'>;

function judge(f: Facts): Pick<Reachability, 'verdict' | 'advice'> {
  const last: ReachAttempt | undefined = f.attempts[0];
  const httpLast = f.attempts.find((a) => a.via === 'http');
  if (last?.result === 'reached') {
    return {
      verdict: 'reachable',
      advice:
        last.via === 'udp'
          ? 'Reachable behind NAT: DeskACS wakes it with UDP connection requests through STUN.'
          : 'Reachable: the last connection request woke the device.',
    };
  }
  if (httpLast?.result === 'auth-rejected') {
    return {
      verdict: 'credentials',
      advice: `The device refused the connection-request credentials (${httpLast.scheme === 'basic' ? 'Basic' : 'Digest'}): set the username and password the device has, or let DeskACS set new ones on it.`,
    };
  }
  if (httpLast?.result === 'auth-missing' || (!f.credentialsKnown && f.natDetected)) {
    return {
      verdict: 'credentials',
      advice:
        'No connection-request credentials are known for this device: enter the ones it has, or let DeskACS set them (the device reports its password as empty).',
    };
  }
  if (f.natDetected) return { verdict: 'behind-nat', advice: natAdvice(f) };
  if (last === undefined)
    return { verdict: 'unknown', advice: 'No connection request has been sent to this device since DeskACS started: send one to test it.' };
  if (last.result === 'refused' || last.result === 'timeout' || last.result === 'unreachable') {
    return {
      verdict: 'unreachable',
      advice: `The connection request did not reach ${last.target} (${last.result}): open or forward that port to the device in the firewall, or ${intervalAdvice(f)}`,
    };
  }
  return { verdict: 'unreachable', advice: `The last connection request failed: ${last.message}.` };
}

function natAdvice(f: Facts): string {
  const why = `The device is behind NAT (${f.natReason}), so an HTTP connection request cannot reach it.`;
  const s = f.stun;
  if (s.serverPort === null)
    return `${why} Start DeskACS with its STUN server (--stun-port) and enable STUN on the device, forward a port on the NAT to it, or ${intervalAdvice(f)}`;
  if (s.binding === null) {
    return s.credentialsSet
      ? `${why} STUN was enabled on the device but no Binding Request has arrived on UDP port ${s.serverPort}: check that the device can reach it (firewall) and supports STUN, or ${intervalAdvice(f)}`
      : `${why} Enable STUN on the device so DeskACS can wake it with UDP connection requests, forward a port on the NAT to it, or ${intervalAdvice(f)}`;
  }
  if ((s.bindingAgeSeconds ?? 0) > STALE_BINDING_SECONDS) {
    return `${why} Its STUN binding ${s.binding} is ${Math.round((s.bindingAgeSeconds ?? 0) / 60)} min old and the NAT may have dropped it: lower the device's STUNMinimumKeepAlivePeriod (e.g. 30 s), or ${intervalAdvice(f)}`;
  }
  const udpFailed = f.attempts.find((a) => a.via === 'udp' && a.result !== 'reached');
  if (udpFailed !== undefined)
    return `${why} UDP connection requests to ${s.binding} got no session: check the connection-request credentials (the signature uses them), or ${intervalAdvice(f)}`;
  return `${why} Its STUN binding ${s.binding} is fresh: DeskACS will wake it with UDP connection requests.`;
}

function intervalAdvice(f: Facts): string {
  const n = f.periodicInformIntervalSeconds;
  return n === null
    ? 'shorten its periodic inform interval so queued tasks wait less.'
    : `shorten its periodic inform interval (now ${n} s) so queued tasks wait less.`;
}
