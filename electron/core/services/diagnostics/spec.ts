// Parses the diagnostic task requests (ping, traceroute, speedTest, nslookup) from untrusted
// JSON, refusing what does not fit with a message that names the field (task-spec.ts uses these).
import { AcsError } from '../../../../shared/errors.ts';
import type { DiagnosticKind } from '../../../../shared/models-diagnostics.ts';
import type { TaskSpec } from '../../../../shared/tasks.ts';

type Obj = Record<string, unknown>;

function bad(message: string): never {
  throw new AcsError('bad_request', message);
}

/** A host name or an IPv4/IPv6 address: no spaces, no URL, at most 255 characters. */
function host(o: Obj, key: string, optional: boolean): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return optional ? undefined : bad(`'${key}' is required: a host name or IP address such as 8.8.8.8`);
  if (typeof v !== 'string') bad(`'${key}' must be a string`);
  const h = v.trim();
  if (h === '') return optional ? undefined : bad(`'${key}' must not be empty`);
  if (h.length > 255) bad(`'${key}' is at most 255 characters`);
  if (!/^[A-Za-z0-9._:-]+$/.test(h)) bad(`'${key}' must be a host name or IP address such as 8.8.8.8 (letters, digits, '.', '-', ':')`);
  return h;
}

function whole(o: Obj, key: string, min: number, max: number): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) bad(`'${key}' must be a whole number from ${min} to ${max}`);
  return v;
}

function known(o: Obj, keys: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (k !== 'name' && !keys.includes(k)) bad(`'${k}' is not an argument of ${String(o.name)}; it takes ${keys.join(', ')}`);
  }
}

/** Largest speed test DeskACS serves or takes: 1 GiB. */
export const MAX_SPEED_TEST_BYTES = 1024 * 1024 * 1024;

export const diagnosticParsers: { [K in DiagnosticKind]: (o: Obj) => Extract<TaskSpec, { name: K }> } = {
  ping: (o) => {
    known(o, ['host', 'count', 'timeoutMs', 'size']);
    const spec: Extract<TaskSpec, { name: 'ping' }> = { name: 'ping', host: host(o, 'host', false) ?? '' };
    const count = whole(o, 'count', 1, 100);
    if (count !== undefined) spec.count = count;
    const timeoutMs = whole(o, 'timeoutMs', 1, 60_000);
    if (timeoutMs !== undefined) spec.timeoutMs = timeoutMs;
    const size = whole(o, 'size', 1, 65_535);
    if (size !== undefined) spec.size = size;
    return spec;
  },
  traceroute: (o) => {
    known(o, ['host', 'maxHops', 'timeoutMs']);
    const spec: Extract<TaskSpec, { name: 'traceroute' }> = { name: 'traceroute', host: host(o, 'host', false) ?? '' };
    const maxHops = whole(o, 'maxHops', 1, 64);
    if (maxHops !== undefined) spec.maxHops = maxHops;
    const timeoutMs = whole(o, 'timeoutMs', 1, 60_000);
    if (timeoutMs !== undefined) spec.timeoutMs = timeoutMs;
    return spec;
  },
  speedTest: (o) => {
    known(o, ['direction', 'bytes']);
    const direction = o.direction;
    if (direction !== 'download' && direction !== 'upload') bad(`'direction' must be 'download' or 'upload'`);
    const spec: Extract<TaskSpec, { name: 'speedTest' }> = { name: 'speedTest', direction };
    const bytes = whole(o, 'bytes', 1, MAX_SPEED_TEST_BYTES);
    if (bytes !== undefined) spec.bytes = bytes;
    return spec;
  },
  nslookup: (o) => {
    known(o, ['host', 'dnsServer']);
    const spec: Extract<TaskSpec, { name: 'nslookup' }> = { name: 'nslookup', host: host(o, 'host', false) ?? '' };
    const dnsServer = host(o, 'dnsServer', true);
    if (dnsServer !== undefined) spec.dnsServer = dnsServer;
    return spec;
  },
};
