// The simulated CPE's diagnostics (TR-181 Device.IP.Diagnostics.*, Device.DNS.Diagnostics.*,
// TR-098 *Diagnostics, TR-143 speed tests) and its DeviceInfo.DeviceLog. A SetParameterValues
// with DiagnosticsState=Requested queues a run; after `delayMs` the results are written into the
// model, DiagnosticsState becomes Complete and the device informs with '8 DIAGNOSTICS COMPLETE'.
// Ping, traceroute and nslookup results are computed, never sent anywhere; a speed test really
// moves bytes, but only to a loopback URL (DeskACS on this machine), else its result is computed.
import { request as httpRequest } from 'node:http';
import { appendLog } from './diagnostics-rows.ts';
import type { DeviceModel } from './model.ts';

export type SimDiagnostic = 'ping' | 'traceroute' | 'download' | 'upload' | 'nslookup';

export interface DiagnosticsBehaviour {
  /** From the request to '8 DIAGNOSTICS COMPLETE' (default 1,000 ms). */
  delayMs?: number;
  /** Refused with fault 9000 when requested (a CPE without them). */
  unsupported?: SimDiagnostic[];
  /** Accepted, but never completed (the ACS must time out). */
  never?: SimDiagnostic[];
}

const KINDS: readonly [RegExp, SimDiagnostic][] = [
  [/\.(IPPing|IPPingDiagnostics)\.$/, 'ping'],
  [/\.(TraceRoute|TraceRouteDiagnostics)\.$/, 'traceroute'],
  [/\.DownloadDiagnostics\.$/, 'download'],
  [/\.UploadDiagnostics\.$/, 'upload'],
  [/\.NSLookupDiagnostics\.$/, 'nslookup'],
];

/** The diagnostics a SetParameterValues asks for: each DiagnosticsState set to Requested. */
export function requestedDiagnostics(values: readonly { name: string; value: string }[]): { object: string; kind: SimDiagnostic }[] {
  const out: { object: string; kind: SimDiagnostic }[] = [];
  for (const v of values) {
    if (!v.name.endsWith('.DiagnosticsState') || v.value !== 'Requested') continue;
    const object = v.name.slice(0, -'DiagnosticsState'.length);
    const kind = KINDS.find(([re]) => re.test(object))?.[1];
    if (kind !== undefined) out.push({ object, kind });
  }
  return out;
}

type Put = (name: string, value: string, type?: 'xsd:string' | 'xsd:unsignedInt' | 'xsd:dateTime') => void;

function writer(model: DeviceModel, object: string): Put {
  return (name, value, type = 'xsd:string') => {
    if (!model.setValue(object + name, value)) model.upsert({ path: object + name, object: false, writable: false, value, type });
  };
}

/** Runs the diagnostic the model's object describes and writes its results (DiagnosticsState last). */
export async function runDiagnostic(model: DeviceModel, object: string, kind: SimDiagnostic): Promise<void> {
  const put = writer(model, object);
  const host = model.value(`${object}Host`) ?? model.value(`${object}HostName`) ?? '';
  switch (kind) {
    case 'ping':
      ping(model, object, host, put);
      break;
    case 'traceroute':
      traceroute(model, object, host);
      break;
    case 'nslookup':
      nslookup(model, object, host, put);
      break;
    case 'download':
    case 'upload':
      if (!(await speedTest(model, object, kind, put))) return;
      break;
  }
  put('DiagnosticsState', 'Complete');
  appendLog(model, `diagnostics: ${kind}${host === '' ? '' : ` ${host}`} complete`);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/** A round-trip time in microseconds: loopback well under a millisecond, elsewhere a few ms. */
function rttUs(host: string): number {
  return isLoopback(host) ? 40 + Math.floor(Math.random() * 200) : 4_000 + Math.floor(Math.random() * 12_000);
}

function ping(model: DeviceModel, object: string, host: string, put: Put): void {
  const count = Math.max(1, Number(model.value(`${object}NumberOfRepetitions`) ?? '4') || 4);
  if (host === '' || host === 'unreachable.invalid') {
    put('DiagnosticsState', 'Error_CannotResolveHostName');
    return;
  }
  const times = Array.from({ length: count }, () => rttUs(host));
  const ms = (us: number): string => String(Math.round(us / 1000));
  const min = Math.min(...times);
  const max = Math.max(...times);
  const avg = Math.round(times.reduce((a, b) => a + b, 0) / times.length);
  put('SuccessCount', String(count), 'xsd:unsignedInt');
  put('FailureCount', '0', 'xsd:unsignedInt');
  put('MinimumResponseTime', ms(min), 'xsd:unsignedInt');
  put('AverageResponseTime', ms(avg), 'xsd:unsignedInt');
  put('MaximumResponseTime', ms(max), 'xsd:unsignedInt');
  if (model.root() === 'Device.') {
    put('MinimumResponseTimeDetailed', String(min), 'xsd:unsignedInt');
    put('AverageResponseTimeDetailed', String(avg), 'xsd:unsignedInt');
    put('MaximumResponseTimeDetailed', String(max), 'xsd:unsignedInt');
  }
}

/** Hops through the simulated ISP: the gateway of the WAN, a documentation-range core router, the host. */
function traceroute(model: DeviceModel, object: string, host: string): void {
  const tr181 = model.root() === 'Device.';
  const table = `${object}RouteHops.`;
  model.removeSubtree(table);
  model.upsert({ path: table, object: true, writable: false, value: '', type: 'xsd:string' });
  const hops: [string, string][] = isLoopback(host)
    ? [[host, host === 'localhost' ? '127.0.0.1' : host]]
    : [
        ['bras-1.isp.example', '100.64.0.1'],
        ['core-1.isp.example', '203.0.113.1'],
        ['', '198.51.100.7'],
        [/^[\d.]+$/.test(host) ? '' : host, /^[\d.]+$/.test(host) ? host : '192.0.2.80'],
      ];
  const names = tr181 ? ['Host', 'HostAddress', 'ErrorCode', 'RTTimes'] : ['HopHost', 'HopHostAddress', 'HopErrorCode', 'HopRTTimes'];
  hops.forEach(([name, address], i) => {
    const at = `${table}${i + 1}.`;
    const times = [0, 1, 2].map(() => Math.max(1, Math.round((rttUs(host) * (i + 1)) / 1000))).join(',');
    const values = [name, address, '0', times];
    names.forEach((n, j) => {
      model.upsert({
        path: at + n,
        object: false,
        writable: false,
        value: values[j] ?? '',
        type: j === 2 ? 'xsd:unsignedInt' : 'xsd:string',
      });
    });
  });
  const put = writer(model, object);
  put('RouteHopsNumberOfEntries', String(hops.length), 'xsd:unsignedInt');
  put('ResponseTime', String(Math.max(1, Math.round((rttUs(host) * hops.length) / 1000))), 'xsd:unsignedInt');
}

/** Names answered without asking any DNS server: localhost, else an address from the documentation range. */
function nslookup(model: DeviceModel, object: string, host: string, put: Put): void {
  if (host === '' || host.endsWith('.invalid')) {
    put('DiagnosticsState', 'Error_DNSServerNotResolved');
    return;
  }
  let hash = 0;
  for (const c of host) hash = (hash * 31 + c.charCodeAt(0)) % 250;
  const address = host === 'localhost' ? '127.0.0.1' : /^[\d.]+$/.test(host) ? host : `192.0.2.${hash + 1}`;
  const table = `${object}Result.`;
  model.removeSubtree(table);
  model.upsert({ path: table, object: true, writable: false, value: '', type: 'xsd:string' });
  const server = model.value(`${object}DNSServer`) || '192.0.2.53';
  const fields: [string, string][] = [
    ['Status', 'Success'],
    ['AnswerType', 'NonAuthoritative'],
    ['HostNameReturned', host],
    ['IPAddresses', address],
    ['DNSServerIP', server],
    ['ResponseTime', String(Math.max(1, Math.round(rttUs(host) / 1000)))],
  ];
  for (const [n, v] of fields)
    model.upsert({
      path: `${table}1.${n}`,
      object: false,
      writable: false,
      value: v,
      type: n === 'ResponseTime' ? 'xsd:unsignedInt' : 'xsd:string',
    });
  put('ResultNumberOfEntries', '1', 'xsd:unsignedInt');
  put('SuccessCount', '1', 'xsd:unsignedInt');
}

/** A TR-143 time with microseconds ('2026-12-01T10:00:00.123456Z'). */
function microTime(epochMs: number): string {
  const whole = Math.floor(epochMs);
  const micros = Math.floor((epochMs - Math.floor(whole / 1000) * 1000) * 1000);
  return `${new Date(whole).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}Z`;
}

const clock = (): number => performance.timeOrigin + performance.now();

/** Moves the bytes (loopback URLs only) and writes ROM/BOM/EOM times and byte counts. False: failed (state written). */
async function speedTest(model: DeviceModel, object: string, kind: 'download' | 'upload', put: Put): Promise<boolean> {
  const url = model.value(`${object}${kind === 'download' ? 'DownloadURL' : 'UploadURL'}`) ?? '';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    put('DiagnosticsState', 'Error_InitConnectionFailed');
    return false;
  }
  const length = kind === 'upload' ? Math.max(0, Number(model.value(`${object}TestFileLength`) ?? '0') || 0) : 0;
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  const t = isLoopback(hostname) && parsed.protocol === 'http:' ? await transfer(parsed, kind, length) : computed(kind, length);
  if (t === null) {
    put('DiagnosticsState', 'Error_TransferFailed');
    return false;
  }
  put('ROMTime', microTime(t.rom), 'xsd:dateTime');
  put('BOMTime', microTime(t.bom), 'xsd:dateTime');
  put('EOMTime', microTime(t.eom), 'xsd:dateTime');
  put('TCPOpenRequestTime', microTime(t.rom), 'xsd:dateTime');
  put('TCPOpenResponseTime', microTime(t.rom + 0.2), 'xsd:dateTime');
  if (kind === 'download') {
    put('TestBytesReceived', String(t.bytes), 'xsd:unsignedInt');
    put('TotalBytesReceived', String(t.bytes + 300), 'xsd:unsignedInt');
  } else {
    put('TotalBytesSent', String(t.bytes + 300), 'xsd:unsignedInt');
  }
  return true;
}

interface Timing {
  rom: number;
  bom: number;
  eom: number;
  bytes: number;
}

/** A link of about 100 Mbit/s, on paper (a URL that is not on this machine gets no traffic). */
function computed(kind: 'download' | 'upload', length: number): Timing {
  const bytes = kind === 'download' ? 10 * 1024 * 1024 : length;
  const rom = clock();
  return { rom, bom: rom + 5, eom: rom + 5 + (bytes * 8) / 100_000, bytes };
}

function transfer(url: URL, kind: 'download' | 'upload', length: number): Promise<Timing | null> {
  return new Promise((resolve) => {
    const rom = clock();
    let bom = 0;
    const req = httpRequest(url, { method: kind === 'download' ? 'GET' : 'PUT', timeout: 60_000 }, (res) => {
      let bytes = 0;
      if (kind === 'download') bom = clock();
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => {
        const ok = res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300;
        resolve(ok ? { rom, bom, eom: clock(), bytes: kind === 'download' ? bytes : length } : null);
      });
      res.on('error', () => resolve(null));
    });
    req.on('error', () => resolve(null));
    req.on('timeout', () => req.destroy());
    if (kind === 'download') {
      req.end();
      return;
    }
    req.setHeader('Content-Length', length);
    req.setHeader('Content-Type', 'application/octet-stream');
    bom = clock();
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let left = length;
    const pump = (): void => {
      while (left > 0) {
        const n = Math.min(chunk.length, left);
        left -= n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}
