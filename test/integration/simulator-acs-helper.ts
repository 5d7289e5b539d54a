// A tiny scripted ACS for the simulator's integration tests: answers Inform and TransferComplete,
// hands out queued requests one per CPE POST, ends the session with 204. Optional Digest or Basic
// challenge, 503 Retry-After, cookies, and a small file server (GET /files/*, PUT /upload/*).

import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseXml, type XmlElement } from '../../electron/simulator/xml-tree.ts';

export interface Received {
  kind: string;
  body: string;
  headers: http.IncomingHttpHeaders;
  socket: number;
  root?: XmlElement;
}

export interface AcsOptions {
  auth?: { scheme: 'Digest' | 'Basic'; username: string; password: string };
  /** Answer this many Informs with 503 + Retry-After first. */
  busy?: { times: number; retryAfter: string };
  files?: Record<string, string>;
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

export function rpc(name: string, inner = '', id = `acs-${name}`): string {
  return (
    `<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" ` +
    `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">` +
    `<SOAP-ENV:Header><cwmp:ID SOAP-ENV:mustUnderstand="1">${id}</cwmp:ID></SOAP-ENV:Header><SOAP-ENV:Body><cwmp:${name}>${inner}</cwmp:${name}></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}

export class ScriptedAcs {
  readonly received: Received[] = [];
  readonly uploads: { path: string; body: string }[] = [];
  private readonly script: string[] = [];
  private readonly sockets = new WeakMap<Socket, number>();
  private socketCount = 0;
  private busyLeft: number;
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly options: AcsOptions,
  ) {
    this.busyLeft = options.busy?.times ?? 0;
  }

  static async start(options: AcsOptions = {}): Promise<ScriptedAcs> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const acs = new ScriptedAcs(server, `http://127.0.0.1:${port}/acs`, options);
    server.on('request', (req, res) => acs.onRequest(req, res));
    return acs;
  }

  get base(): string {
    return this.url.replace(/\/acs$/, '');
  }

  /** Requests to send, in order, after the CPE's empty POST. */
  queue(...envelopes: string[]): void {
    this.script.push(...envelopes);
  }

  informs(): XmlElement[] {
    return this.received.filter((r) => r.kind === 'Inform' && r.root).map((r) => r.root as XmlElement);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authorised(req: http.IncomingMessage): boolean {
    const a = this.options.auth;
    if (!a) return true;
    const header = req.headers.authorization ?? '';
    if (a.scheme === 'Basic') return header === `Basic ${Buffer.from(`${a.username}:${a.password}`).toString('base64')}`;
    const p = Object.fromEntries([...header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1], m[2] ?? m[3]]));
    const ha1 = md5(`${a.username}:test-acs:${a.password}`);
    const ha2 = md5(`POST:${p.uri}`);
    return p.username === a.username && p.nonce === 'n0nce' && p.response === md5(`${ha1}:n0nce:${p.nc}:${p.cnonce}:auth:${ha2}`);
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => this.route(req, res, Buffer.concat(chunks).toString('utf8')));
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const path = req.url ?? '/';
    if (path.startsWith('/files/')) {
      const file = this.options.files?.[path.slice(7)];
      if (file === undefined) send(res, 404);
      else send(res, 200, file);
      return;
    }
    if (path.startsWith('/upload/')) {
      this.uploads.push({ path, body });
      send(res, 201);
      return;
    }
    if (!this.authorised(req)) {
      const scheme = this.options.auth?.scheme ?? 'Digest';
      const challenge =
        scheme === 'Basic' ? 'Basic realm="test-acs"' : 'Digest realm="test-acs", qop="auth", nonce="n0nce", opaque="op", algorithm=MD5';
      send(res, 401, '', { 'WWW-Authenticate': challenge });
      return;
    }
    this.cwmp(req, res, body);
  }

  private cwmp(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    let socket = this.sockets.get(req.socket);
    if (socket === undefined) {
      socket = ++this.socketCount;
      this.sockets.set(req.socket, socket);
    }
    const root = body.trim() === '' ? undefined : parseXml(body);
    const rpcElement = root?.children.find((c) => c.local === 'Body')?.children[0];
    const kind = rpcElement?.local ?? 'empty';
    this.received.push({ kind, body, headers: req.headers, socket, root });
    if (kind === 'Inform') {
      if (this.busyLeft > 0) {
        this.busyLeft -= 1;
        send(res, 503, '', { 'Retry-After': this.options.busy?.retryAfter ?? '1' });
        return;
      }
      send(res, 200, rpc('InformResponse', '<MaxEnvelopes>1</MaxEnvelopes>', 'inform-id'), {
        'Set-Cookie': 'session=s3ss10n; Path=/',
      });
      return;
    }
    if (kind === 'TransferComplete') {
      send(res, 200, rpc('TransferCompleteResponse'));
      return;
    }
    const next = this.script.shift();
    if (next === undefined) send(res, 204);
    else send(res, 200, next);
  }
}

function send(res: http.ServerResponse, status: number, body = '', headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(body)), ...(body ? { 'Content-Type': 'text/xml' } : {}) });
  res.end(body);
}

/** Text of the first descendant with this local name. */
export function find(root: XmlElement | undefined, local: string): XmlElement | undefined {
  if (!root) return undefined;
  for (const c of root.children) {
    if (c.local === local) return c;
    const deeper = find(c, local);
    if (deeper) return deeper;
  }
  return undefined;
}

export function findAll(root: XmlElement | undefined, local: string): XmlElement[] {
  if (!root) return [];
  return root.children.flatMap((c) => (c.local === local ? [c, ...findAll(c, local)] : findAll(c, local)));
}

export function eventCodes(inform: XmlElement | undefined): string[] {
  return findAll(inform, 'EventCode').map((e) => e.text.trim());
}
