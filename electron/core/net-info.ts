// The addresses CPEs on the network can reach this machine at: what an installer types into a
// CPE's "ACS URL" field, one per network interface address the CWMP listener accepts on.
import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { CwmpEndpoint } from '../../shared/models.ts';

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

function urlOf(address: string, family: 'IPv4' | 'IPv6', port: number | string): string {
  return family === 'IPv6' ? `http://[${address}]:${port}/` : `http://${address}:${port}/`;
}

function isLoopback(address: string): boolean {
  return address === 'localhost' || address.startsWith('127.') || address === '::1';
}

function endpoint(name: string, address: string, family: 'IPv4' | 'IPv6', port: number | string): CwmpEndpoint {
  return { interface: name, address, family, url: urlOf(address, family, port), loopback: isLoopback(address) };
}

/**
 * Where the CWMP listener on `host` can be reached. On a wildcard address: every non-internal
 * address of every interface, IPv4 only for 0.0.0.0 (an IPv4 socket: IPv6 peers cannot connect)
 * and IPv4 and IPv6 for :: (dual stack). IPv6 link-local addresses (fe80::/10) are left out: a
 * URL to one needs the zone of the CPE's side, which no ACS URL field takes. The loopback
 * address is listed only when nothing else is (and flagged: never one to give a CPE). On a
 * specific address: that one, named after the interface that holds it ('configured' if none).
 */
export function cwmpEndpoints(host: string, port: number | string, interfaces: Interfaces = networkInterfaces()): CwmpEndpoint[] {
  const all = Object.entries(interfaces).flatMap(([name, list]) => (list ?? []).map((a) => ({ name, ...a })));
  if (host !== '0.0.0.0' && host !== '::') {
    const owner = all.find((a) => a.address === host);
    const family = isIP(host) === 6 ? 'IPv6' : 'IPv4';
    return [endpoint(owner?.name ?? 'configured', host, family, port)];
  }
  const families: readonly string[] = host === '::' ? ['IPv4', 'IPv6'] : ['IPv4'];
  const reachable = all.filter((a) => !a.internal && families.includes(a.family) && !/^fe[89ab]/i.test(a.address));
  if (reachable.length > 0) return reachable.map((a) => endpoint(a.name, a.address, a.family, port));
  const lo = all.find((a) => a.internal && a.family === 'IPv4');
  return [endpoint(lo?.name ?? 'loopback', '127.0.0.1', 'IPv4', port)];
}

/** The URLs of cwmpEndpoints: one per address CPEs can use (loopback only when nothing else). */
export function advertisedCwmpUrls(host: string, port: number | string, interfaces?: Interfaces): string[] {
  return cwmpEndpoints(host, port, interfaces).map((e) => e.url);
}
