// A real ACS (SQLite in a temp folder, CWMP and API on loopback ephemeral ports) for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Acs, AcsConfig } from '../../electron/core/acs-types.ts';
import { assembleAcs } from '../../electron/core/acs.ts';
import { silentLogger } from '../../electron/core/log.ts';
import type { Store } from '../../electron/core/store/index.ts';

export interface Harness {
  acs: Acs;
  store: Store;
  dataDir: string;
  cwmpUrl: string;
  apiUrl: string;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<AcsConfig> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskacs-test-'));
  const { acs, store } = await assembleAcs({
    dataDir,
    cwmpHost: '127.0.0.1',
    cwmpPort: 0,
    httpHost: '127.0.0.1',
    httpPort: 0,
    webRoot: null,
    sessionTimeoutMs: 5_000,
    maxConcurrentSessions: 50,
    cpeAuth: { mode: 'none' },
    log: silentLogger,
    ...overrides,
  });
  return {
    acs,
    store,
    dataDir,
    cwmpUrl: acs.info.cwmpUrl,
    apiUrl: acs.info.apiUrl ?? '',
    close: async () => {
      await acs.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One CPE's HTTP connection: a single kept-alive socket, and cookies kept unless told not to. */
export class CpeConnection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private cookie: string | null = null;
  constructor(
    private readonly url: string,
    private readonly keepCookies = true,
  ) {}

  post(body: string | Buffer, headers: Record<string, string> = {}): Promise<RawResponse> {
    const data = typeof body === 'string' ? Buffer.from(body) : body;
    const h: Record<string, string> = { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': String(data.length), ...headers };
    if (this.keepCookies && this.cookie !== null && h.Cookie === undefined) h.Cookie = this.cookie;
    return send(this.url, 'POST', h, data, this.agent).then((res) => {
      const set = res.headers['set-cookie'];
      if (set !== undefined && set[0] !== undefined) this.cookie = set[0].split(';')[0] ?? null;
      return res;
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: Buffer | null,
  agent?: Agent,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

export async function apiGet(h: Harness, path: string): Promise<{ status: number; json: unknown }> {
  const res = await send(`${h.apiUrl}${path}`, 'GET', { Authorization: `Bearer ${h.acs.info.apiToken}` }, null);
  return { status: res.status, json: JSON.parse(res.body) as unknown };
}

export async function apiPost(h: Harness, path: string, body: unknown, method = 'POST'): Promise<{ status: number; json: unknown }> {
  const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
  const headers: Record<string, string> = { Authorization: `Bearer ${h.acs.info.apiToken}` };
  if (data !== null) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(data.length);
  }
  const res = await send(`${h.apiUrl}${path}`, method, headers, data);
  return { status: res.status, json: res.body === '' ? null : (JSON.parse(res.body) as unknown) };
}
