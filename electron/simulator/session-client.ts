// The HTTP side of one CWMP session, as a CPE runs it (TR-069 3.7): POST Inform, read the
// InformResponse, deliver pending TransferCompletes, POST an empty body to hand over, then
// answer each ACS request until the ACS ends the session with HTTP 204 (or an empty 200).
// One keep-alive Agent per session so every POST reuses one TCP connection; cookies are echoed.

import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import type { CpeFault, TransferCompleteRequest } from '../core/cwmp/messages.ts';
import type { SimulatedCpe, CpeReply } from './cpe.ts';
import { AuthClient } from '../core/http-auth/client.ts';
import { cpeFault } from './faults.ts';
import { requestWithAuth, type HttpResult } from './http-util.ts';
import { readAcsMessage, type AcsEnvelope } from './soap-reader.ts';
import { writeCpeMessage, type CpeOutgoing } from './soap-writer.ts';

export interface SessionClientOptions {
  acsUrl: string;
  username?: string;
  password?: string;
  /** Defaults to urn:dslforum-org:cwmp-1-0. */
  cwmpNamespace?: string;
  userAgent?: string;
  timeoutMs?: number;
  now?: () => Date;
  /** Guard against an ACS that never ends the session. */
  maxMessages?: number;
  /** CA certificates (PEM) trusted for an https ACS URL instead of the system's. */
  ca?: string | Buffer | undefined;
}

export interface SessionReport {
  ok: boolean;
  /** Event codes the Inform carried. */
  events: string[];
  /** HTTP status of every response, in order (401 challenges included). */
  statuses: number[];
  /** ACS requests received, in order (method names). */
  rpcs: string[];
  /** Faults this CPE answered with. */
  faults: { rpc: string; code: number }[];
  transferCompletes: number;
  startedAt: string;
  durationMs: number;
  /** Seconds the ACS asked us to wait (503 Retry-After). */
  retryAfterSeconds?: number;
  error?: string;
}

export class SessionError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

/** Retry-After as seconds: delta-seconds or an HTTP date; undefined when absent or broken. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(setCookie: string[]): void {
    for (const line of setCookie) {
      const pair = line.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }

  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

class CwmpSession {
  private readonly agent: http.Agent;
  private readonly jar = new CookieJar();
  private readonly auth: AuthClient | undefined;
  private readonly url: URL;
  private readonly ns: string;
  readonly report: SessionReport;

  constructor(
    private readonly cpe: SimulatedCpe,
    private readonly options: SessionClientOptions,
  ) {
    this.url = new URL(options.acsUrl);
    // One kept-alive connection per session; over TLS it verifies the ACS against `ca` if given.
    this.agent =
      this.url.protocol === 'https:'
        ? new https.Agent({ keepAlive: true, maxSockets: 1, ...(options.ca === undefined ? {} : { ca: options.ca }) })
        : new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.ns = options.cwmpNamespace ?? 'urn:dslforum-org:cwmp-1-0';
    this.auth = options.username !== undefined ? new AuthClient(options.username, options.password ?? '') : undefined;
    const startedAt = (options.now?.() ?? new Date()).toISOString();
    this.report = { ok: false, events: [], statuses: [], rpcs: [], faults: [], transferCompletes: 0, startedAt, durationMs: 0 };
  }

  close(): void {
    this.agent.destroy();
  }

  private async post(message: CpeOutgoing | undefined, id?: string): Promise<HttpResult> {
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent ?? 'DeskACS-Simulator/1.0' };
    const body = message ? writeCpeMessage(message, { id, cwmpNamespace: this.ns }) : '';
    if (message) Object.assign(headers, { 'Content-Type': 'text/xml; charset="utf-8"', SOAPAction: '' });
    const cookie = this.jar.header();
    if (cookie) headers.Cookie = cookie;
    const init = { method: 'POST', headers, body, agent: this.agent, timeoutMs: this.options.timeoutMs };
    const result = await requestWithAuth(this.url, init, this.auth, (status) => this.report.statuses.push(status));
    this.jar.store(result.setCookie);
    return result;
  }

  private expectOk(result: HttpResult, what: string): AcsEnvelope {
    const where = `${what} to ${this.url.origin}${this.url.pathname}`;
    if (result.status === 503) {
      const after = parseRetryAfter(result.headers['retry-after']);
      throw new SessionError(`${where} failed: 503 Service Unavailable (Retry-After ${after ?? '?'}s)`, after);
    }
    if (result.status === 401) {
      const why = this.auth ? 'credentials rejected' : 'challenge not answered: no credentials configured';
      throw new SessionError(`${where} failed: 401 ${why}`);
    }
    if (result.status !== 200 || result.body.trim() === '')
      throw new SessionError(`${where} failed: HTTP ${result.status} with ${result.body.trim() === '' ? 'no body' : 'a body'}`);
    return readAcsMessage(result.body);
  }

  async inform(retryCount: number): Promise<boolean> {
    const inform = this.cpe.buildInform(this.options.now?.() ?? new Date(), retryCount);
    this.report.events = inform.events.map((e) => e.code);
    const envelope = this.expectOk(await this.post(inform, randomBytes(4).toString('hex')), 'Inform');
    const m = envelope.message;
    if (m.kind === 'fault') throw new SessionError(`ACS answered the Inform with fault ${m.code} ${m.string}`);
    if (m.kind !== 'InformResponse')
      throw new SessionError(`ACS answered the Inform with ${m.kind === 'request' ? m.request.name : m.kind}`);
    this.cpe.events.accepted();
    return envelope.holdRequests;
  }

  async deliverTransferCompletes(): Promise<void> {
    for (const tc of this.cpe.pendingTransferCompletes()) {
      await this.deliver(tc);
    }
  }

  private async deliver(tc: TransferCompleteRequest): Promise<void> {
    const envelope = this.expectOk(await this.post(tc, randomBytes(4).toString('hex')), 'TransferComplete');
    if (envelope.message.kind !== 'TransferCompleteResponse') {
      throw new SessionError(`ACS answered TransferComplete with ${envelope.message.kind}`);
    }
    this.cpe.transferCompleteDelivered(tc);
    this.report.transferCompletes += 1;
  }

  /** Empty POST, then request/response until the ACS sends 204 or an empty 200 (TR-069 3.7.1.4). */
  async serveRequests(): Promise<void> {
    let result = await this.post(undefined);
    for (let n = 0; result.status === 200 && result.body.trim() !== ''; n += 1) {
      if (n >= (this.options.maxMessages ?? 10_000)) throw new SessionError('ACS did not end the session');
      const envelope = readAcsMessage(result.body);
      if (envelope.message.kind === 'request' && this.cpe.dropsOn(envelope.message.request)) {
        // A broken CPE (simulator/misbehaviour.ts): no answer, the connection is closed.
        this.report.rpcs.push(envelope.message.request.name);
        this.agent.destroy();
        throw new SessionError(`dropped the connection on ${envelope.message.request.name}`);
      }
      const reply = this.answer(envelope);
      result = await this.post(reply, envelope.id);
    }
    if (result.status !== 204 && result.status !== 200) this.expectOk(result, 'Session');
  }

  private answer(envelope: AcsEnvelope): CpeReply {
    const m = envelope.message;
    let rpc: string;
    let reply: CpeReply;
    if (m.kind === 'request') {
      rpc = m.request.name;
      reply = this.cpe.handle(m.request);
    } else {
      rpc = m.kind === 'unsupported' ? m.method : m.kind;
      reply = cpeFault(m.kind === 'unsupported' ? 9000 : 9003);
    }
    this.report.rpcs.push(rpc);
    if (reply.name === 'Fault') this.report.faults.push({ rpc, code: (reply satisfies CpeFault).code });
    return reply;
  }
}

/** Runs one complete session; never throws: failures are in the report (events are kept). */
export async function runCwmpSession(cpe: SimulatedCpe, options: SessionClientOptions, retryCount = 0): Promise<SessionReport> {
  const started = performance.now();
  const session = new CwmpSession(cpe, options);
  try {
    const hold = await session.inform(retryCount);
    if (!hold) await session.deliverTransferCompletes();
    await session.serveRequests();
    session.report.ok = true;
  } catch (err) {
    session.report.error = err instanceof Error ? err.message : String(err);
    if (err instanceof SessionError && err.retryAfterSeconds !== undefined) session.report.retryAfterSeconds = err.retryAfterSeconds;
  } finally {
    session.close();
    session.report.durationMs = performance.now() - started;
  }
  return session.report;
}
