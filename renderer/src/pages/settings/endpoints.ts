// The ACS URLs to give CPEs, best first: addresses on the network (IPv4 before IPv6), loopback
// last (only this computer can use it, never a CPE).
import type { CwmpEndpoint, ServerInfo } from '../../../../shared/models.ts';

export function orderEndpoints(endpoints: readonly CwmpEndpoint[]): CwmpEndpoint[] {
  const rank = (e: CwmpEndpoint): number => (e.loopback ? 2 : 0) + (e.family === 'IPv6' ? 1 : 0);
  return [...endpoints].sort((a, b) => rank(a) - rank(b));
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/** A server's endpoints, best first; a core that lists only URLs gets them without interface names. */
export function endpointsOf(info: ServerInfo): CwmpEndpoint[] {
  if (Array.isArray(info.cwmpEndpoints)) return orderEndpoints(info.cwmpEndpoints);
  return orderEndpoints(
    info.cwmpUrls.map((url) => {
      const host = new URL(url).hostname;
      return { interface: '—', address: host, family: host.startsWith('[') ? 'IPv6' : 'IPv4', url, loopback: isLoopbackHost(host) };
    }),
  );
}
