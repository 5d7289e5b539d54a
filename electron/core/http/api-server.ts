// The northbound JSON API (and, in browser mode, the built web UI). Every /api request needs
// the bearer token; the routes come from the shared contract, so HTTP and IPC cannot drift.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiEventNames, apiRoutes, type AcsApi, type ApiMethod } from '../../../shared/contract.ts';
import { AcsError, httpStatusOf, toApiError } from '../../../shared/errors.ts';
import type { AcsEventBus, Logger } from '../acs-types.ts';
import type { FileService } from '../services/files.ts';
import { bytesArgument, httpArgs } from './api-args.ts';
import { addFileFromRequest, FILE_UPLOAD_PATH } from './file-upload-route.ts';
import { provisioningPdfDevice, sendProvisioningPdf } from './report-pdf-route.ts';
import { serveStatic } from './static-files.ts';

export interface ApiServerOptions {
  host: string;
  port: number;
  /** The token in force, read on every request (it can be regenerated while the server runs). */
  token: () => string;
  api: AcsApi;
  events: AcsEventBus;
  webRoot: string | null;
  log: Logger;
  /** The raw file upload (POST /api/files with the file as the body); absent: not offered. */
  addFile?: FileService['addStream'];
  /** The provisioning report as PDF bytes (GET /api/devices/:id/provisioning/report.pdf); absent: not offered. */
  provisioningReportPdf?: (deviceId: string) => Promise<Buffer>;
}

export interface ApiServer {
  url: string;
  close(): Promise<void>;
}

interface CompiledRoute {
  method: string;
  name: ApiMethod;
  pattern: RegExp;
  keys: string[];
}

const MAX_JSON_BYTES = 4 * 1024 * 1024;
/** A raw bytes argument (appendFileUpload's chunk is at most 8 MiB: the schema says why it is refused). */
const MAX_BYTES_BODY = 8 * 1024 * 1024 + 1;

/**
 * Request headers (the URL included) up to this size: a device stored by an older build with a
 * serial of up to 1 MB has an id that long, and must stay viewable at GET /api/devices/:id.
 */
const MAX_HEADER_BYTES = 3 * 1024 * 1024;

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const routes = compileRoutes();
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    route(req, res, routes, opts).catch((err: unknown) => sendError(res, err, opts.log));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return { url: `http://${opts.host}:${port}`, close: () => closeServer(server) };
}

async function route(req: IncomingMessage, res: ServerResponse, routes: CompiledRoute[], opts: ApiServerOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/api/')) {
    if (opts.webRoot !== null && (req.method === 'GET' || req.method === 'HEAD')) {
      await serveStatic(opts.webRoot, url.pathname, req, res);
      return;
    }
    throw new AcsError('not_found', `no such page: ${url.pathname}`);
  }
  if (!authorised(req, url, opts.token())) {
    res.setHeader('WWW-Authenticate', 'Bearer realm="DeskACS"');
    throw new AcsError('unauthorized', 'missing or wrong API token (Authorization: Bearer <token>)');
  }
  if (url.pathname === '/api/events' && req.method === 'GET') {
    streamEvents(req, res, opts.events, () => authorised(req, url, opts.token()));
    return;
  }
  if (url.pathname === FILE_UPLOAD_PATH && req.method === 'POST' && opts.addFile !== undefined) {
    sendJson(res, 200, await addFileFromRequest(req, url.searchParams, opts.addFile));
    return;
  }
  const pdfDevice = req.method === 'GET' ? provisioningPdfDevice(url.pathname) : null;
  if (pdfDevice !== null && opts.provisioningReportPdf !== undefined) {
    await sendProvisioningPdf(res, pdfDevice, opts.provisioningReportPdf);
    return;
  }
  const match = findRoute(routes, req.method ?? 'GET', url.pathname);
  const hasBody = req.method === 'POST' || req.method === 'PUT';
  // application/octet-stream (or text/csv, or text/plain for a method that takes bytes): the body
  // is the method's bytes argument (appendFileUpload's chunk, importSubscribers' file), the others
  // come from the path and query.
  const raw = hasBody && isOctetStream(req, match.name) ? await readBytes(req, match.name) : undefined;
  const body = hasBody && raw === undefined ? await readJson(req, match.name) : undefined;
  const args = httpArgs(match.name, { params: match.params, query: url.searchParams, body, ...(raw === undefined ? {} : { bytes: raw }) });
  // The AcsApi validates the arguments against the method's schema (api-validate.ts).
  const result = await (opts.api[match.name] as (a: unknown) => Promise<unknown>)(args);
  sendJson(res, 200, result);
}

function compileRoutes(): CompiledRoute[] {
  return (Object.keys(apiRoutes) as ApiMethod[]).map((name) => {
    const { method, path } = apiRoutes[name];
    const keys: string[] = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (_, key: string) => {
      keys.push(key);
      // An empty segment matches too: the schema then names the empty argument ('uploadId' must
      // not be empty) instead of a 404 for a route that exists.
      return '([^/]*)';
    });
    return { method, name, pattern: new RegExp(`^${source}$`), keys };
  });
}

function findRoute(routes: CompiledRoute[], method: string, pathname: string): { name: ApiMethod; params: Record<string, string> } {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(pathname);
    if (m === null) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    const params: Record<string, string> = {};
    r.keys.forEach((key, i) => {
      params[key] = safeDecode(m[i + 1] ?? '');
    });
    return { name: r.name, params };
  }
  if (pathMatched) throw new AcsError('bad_request', `${method} is not allowed on ${pathname}`);
  throw new AcsError('not_found', `no API route ${method} ${pathname}`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new AcsError('bad_request', `bad percent-encoding in '${s}'`);
  }
}

function authorised(req: IncomingMessage, url: URL, token: string): boolean {
  const header = req.headers.authorization ?? '';
  let given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  // EventSource cannot send headers, so the event stream alone also takes ?token=.
  if (given === '' && url.pathname === '/api/events') given = url.searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How often an open event stream re-checks its token (a regenerated token ends old streams). */
const STREAM_TOKEN_CHECK_MS = 5_000;

function streamEvents(req: IncomingMessage, res: ServerResponse, events: AcsEventBus, stillAuthorised: () => boolean): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const end = (): void => {
    clearInterval(timer);
    for (const off of offs) off();
    if (!res.writableEnded) res.end();
  };
  // A stream opened with a token that was since regenerated must not keep receiving events.
  const send = (name: string, payload: unknown): void => {
    if (stillAuthorised()) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    else end();
  };
  const offs = apiEventNames.map((name) => events.on(name, (payload) => send(name, payload)));
  const timer = setInterval(() => {
    if (!stillAuthorised()) end();
  }, STREAM_TOKEN_CHECK_MS);
  timer.unref();
  req.on('close', end);
}

function isOctetStream(req: IncomingMessage, method: ApiMethod): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'application/octet-stream' || type === 'text/csv' || (type === 'text/plain' && bytesArgument(method) !== undefined);
}

/** Bytes for a method that takes them (at most MAX_JSON_BYTES plus the chunk limit's margin). */
async function readBytes(req: IncomingMessage, method: ApiMethod): Promise<Uint8Array> {
  if (bytesArgument(method) === undefined) {
    req.resume();
    throw new AcsError('bad_request', `${method} takes no bytes: send its arguments as a JSON object`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES_BODY) throw new AcsError('bad_request', `request body too large (at most ${MAX_BYTES_BODY} bytes)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage, method: ApiMethod): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new AcsError('bad_request', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (err) {
    // A method that takes a file (importSubscribers' CSV) sent as a form or the like: say how to send it.
    const file =
      bytesArgument(method) === undefined
        ? ''
        : `; ${method} takes its file as the body: send it with Content-Type: text/csv (or application/octet-stream)`;
    throw new AcsError('bad_request', `body is not valid JSON: ${(err as Error).message}${file}`);
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length }).end(body);
}

function sendError(res: ServerResponse, err: unknown, log: Logger): void {
  const apiError = toApiError(err);
  if (apiError.code === 'internal') log.error('api request failed', { error: err instanceof Error ? err.stack : String(err) });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // unavailable: the storage is locked, full or failing; it recovers by itself (store/errors.ts).
  sendJson(res, httpStatusOf[apiError.code], { error: apiError }, apiError.code === 'unavailable' ? { 'Retry-After': '5' } : {});
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
