// The addresses CPEs on the network can reach this machine at: what an installer types into a
// CPE's "ACS URL" field.
import { networkInterfaces } from 'node:os';

/** One URL per non-internal IPv4 address when the listener is on all interfaces. */
export function advertisedCwmpUrls(host: string, port: number | string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`http://${host}:${port}/`];
  const urls = Object.values(networkInterfaces())
    .flat()
    .flatMap((a) => (a !== undefined && a.family === 'IPv4' && !a.internal ? [`http://${a.address}:${port}/`] : []));
  return urls.length > 0 ? urls : [`http://127.0.0.1:${port}/`];
}
