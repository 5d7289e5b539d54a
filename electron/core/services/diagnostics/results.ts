// A diagnostic's results read back from the device (the GetParameterValues of its object after
// '8 DIAGNOSTICS COMPLETE') as a readable DiagnosticResult. Pure. Names are relative to the
// diagnostic's object; TR-098 and TR-181 spellings both read (HopHost / Host, ...).
import type {
  DiagnosticResult,
  NsLookupAnswer,
  PingResult,
  SpeedResult,
  TraceHop,
  TracerouteResult,
} from '../../../../shared/models-diagnostics.ts';
import type { DiagnosticSpec } from './objects.ts';

type Values = ReadonlyMap<string, string>;

function num(v: string | undefined): number | null {
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function first(values: Values, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = values.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function readResult(spec: DiagnosticSpec, values: Values): DiagnosticResult {
  switch (spec.name) {
    case 'ping':
      return pingResult(spec.host, spec.count ?? 4, values);
    case 'traceroute':
      return traceResult(spec.host, values);
    case 'speedTest':
      return speedResult(spec.direction, values);
    case 'nslookup':
      return nsResult(spec.host, values);
  }
}

/** TR-181's *Detailed times are in microseconds; the plain ones in milliseconds. */
function rtt(values: Values, name: string, received: number): number | null {
  if (received === 0) return null;
  const detailed = num(values.get(`${name}Detailed`));
  if (detailed !== null && detailed > 0) return round(detailed / 1000, 3);
  return num(values.get(name));
}

function pingResult(host: string, asked: number, values: Values): PingResult {
  const received = num(values.get('SuccessCount')) ?? 0;
  const failed = num(values.get('FailureCount'));
  const sent = failed !== null ? received + failed : (num(values.get('NumberOfRepetitions')) ?? asked);
  return {
    kind: 'ping',
    host: values.get('Host') || host,
    sent,
    received,
    lossPercent: sent === 0 ? 0 : round(((sent - received) / sent) * 100, 1),
    rttMinMs: rtt(values, 'MinimumResponseTime', received),
    rttAvgMs: rtt(values, 'AverageResponseTime', received),
    rttMaxMs: rtt(values, 'MaximumResponseTime', received),
  };
}

function traceResult(host: string, values: Values): TracerouteResult {
  const byHop = new Map<number, Map<string, string>>();
  for (const [name, value] of values) {
    const m = /^RouteHops\.(\d+)\.(\w+)$/.exec(name);
    if (m === null) continue;
    const i = Number(m[1]);
    const hop = byHop.get(i) ?? new Map<string, string>();
    hop.set(m[2] ?? '', value);
    byHop.set(i, hop);
  }
  const hops: TraceHop[] = [...byHop.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, hop]) => {
      const times = (first(hop, 'RTTimes', 'HopRTTimes') ?? '').split(',').map(num);
      return {
        host: first(hop, 'Host', 'HopHost') ?? '',
        address: first(hop, 'HostAddress', 'HopHostAddress') ?? '',
        rttMs: times.find((t): t is number => t !== null) ?? null,
        errorCode: num(first(hop, 'ErrorCode', 'HopErrorCode')) ?? 0,
      };
    });
  return { kind: 'traceroute', host: values.get('Host') || host, hops, responseTimeMs: num(values.get('ResponseTime')) };
}

/** Milliseconds since the epoch of a TR-143 time, keeping its microseconds ('...T10:00:00.123456Z'). */
export function preciseTime(text: string): number | null {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/.exec(text.trim());
  if (m === null) return null;
  const base = Date.parse(`${m[1]}${m[3] ?? 'Z'}`);
  if (!Number.isFinite(base) || base <= Date.UTC(1971, 0, 1)) return null;
  const fraction = m[2] === undefined ? 0 : Number(`0.${m[2]}`) * 1000;
  return base + fraction;
}

function speedResult(direction: 'download' | 'upload', values: Values): SpeedResult {
  const bytes =
    direction === 'download'
      ? (num(first(values, 'TestBytesReceived', 'TotalBytesReceived')) ?? 0)
      : (num(first(values, 'TestFileLength', 'TestBytesSent', 'TotalBytesSent')) ?? 0);
  const romTime = values.get('ROMTime') ?? '';
  const bomTime = values.get('BOMTime') ?? '';
  const eomTime = values.get('EOMTime') ?? '';
  const bom = preciseTime(bomTime);
  const eom = preciseTime(eomTime);
  const durationMs = bom !== null && eom !== null && eom >= bom ? round(eom - bom, 3) : null;
  const mbps = durationMs !== null && durationMs > 0 ? round((bytes * 8) / (durationMs * 1000), 2) : null;
  return { kind: 'speedTest', direction, bytes, durationMs, mbps, romTime, bomTime, eomTime };
}

function nsResult(host: string, values: Values): NsLookupResult {
  const byIndex = new Map<number, Map<string, string>>();
  for (const [name, value] of values) {
    const m = /^Result\.(\d+)\.(\w+)$/.exec(name);
    if (m === null) continue;
    const i = Number(m[1]);
    const r = byIndex.get(i) ?? new Map<string, string>();
    r.set(m[2] ?? '', value);
    byIndex.set(i, r);
  }
  const answers: NsLookupAnswer[] = [...byIndex.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, r]) => ({
      status: r.get('Status') ?? '',
      answerType: r.get('AnswerType') ?? '',
      hostNameReturned: r.get('HostNameReturned') ?? '',
      ipAddresses: (r.get('IPAddresses') ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter((a) => a !== ''),
      dnsServerIp: r.get('DNSServerIP') ?? '',
      responseTimeMs: num(r.get('ResponseTime')),
    }));
  return { kind: 'nslookup', host: values.get('HostName') || host, answers };
}

type NsLookupResult = Extract<DiagnosticResult, { kind: 'nslookup' }>;
