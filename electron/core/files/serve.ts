// Serves library files to CPEs on the CWMP listener (/files/<token>/<name>): GET and HEAD, one
// byte range at a time (206/416, RFC 9110 14), streamed from disk. The CWMP endpoint's CPE
// authentication does not apply here: the token is the credential (with the task's Basic
// credentials on top when it gave any). Every request is logged, refused ones included.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { FileRecord } from '../../../shared/models-files.ts';
import type { Logger } from '../acs-types.ts';
import { parseBasicCredentials } from '../http-auth/basic.ts';
import { safeEqual } from '../http-auth/compare.ts';
import type { FileTransfer, Store } from '../store/index.ts';
import { FILES_PATH_PREFIX } from './transfer-url.ts';

export interface FileServerDeps {
  store: Store;
  pathOf: (file: FileRecord) => string;
  now: () => Date;
  log: Logger;
}

/** Handles one request under /files/ (the listener routes them here). */
export type FileRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

const TASK_OVER = new Set(['done', 'fault', 'cancelled', 'expired']);

interface Served {
  status: number;
  bytes: number;
  fileId: number | null;
  deviceId: string | null;
}

export function createFileRequestHandler(deps: FileServerDeps): FileRequestHandler {
  return servedAndLogged('a file', deps, (req, res) => serve(req, res, deps));
}

/**
 * A /files/ handler around `run`: every fetch is logged with its outcome and duration, and a
 * failure is answered 500 (or the connection cut once the body started) and logged too.
 */
export function servedAndLogged(
  what: string,
  deps: Pick<FileServerDeps, 'store' | 'log' | 'now'>,
  run: (req: IncomingMessage, res: ServerResponse) => Promise<Omit<Served, 'fileId'> & { fileId?: number | null }>,
): FileRequestHandler {
  return (req, res) => {
    const started = performance.now();
    const log = (s: Omit<Served, 'fileId'> & { fileId?: number | null }): void => {
      try {
        deps.store.fileFetches.log({
          fileId: null,
          ...s,
          method: req.method ?? '',
          durationMs: performance.now() - started,
          remoteAddress: req.socket.remoteAddress ?? '',
          at: deps.now(),
        });
      } catch (err) {
        deps.log.error(`the fetch of ${what} could not be logged`, { error: String(err) });
      }
    };
    run(req, res).then(log, (err: unknown) => {
      deps.log.error(`serving ${what} failed`, { error: String(err) });
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
      log({ status: 500, bytes: 0, deviceId: null });
    });
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, deps: FileServerDeps): Promise<Served> {
  req.resume();
  const refused = (status: number, text: string, headers: Record<string, string> = {}, t?: FileTransfer): Served => {
    plain(res, status, text, headers);
    return { status, bytes: 0, fileId: t?.fileId ?? null, deviceId: t?.deviceId ?? null };
  };
  const path = (req.url ?? '').split('?')[0] ?? '';
  const token = path.slice(FILES_PATH_PREFIX.length).split('/')[0] ?? '';
  const transfer = token === '' ? undefined : deps.store.fileFetches.transferByToken(token);
  // Wrong and expired URLs answer alike, naming neither device nor file.
  if (transfer === undefined || expired(transfer, deps)) return refused(404, 'Not found');
  if (req.method !== 'GET' && req.method !== 'HEAD') return refused(405, 'Only GET and HEAD', { Allow: 'GET, HEAD' }, transfer);
  if (transfer.username !== '' && !basicMatches(req.headers.authorization, transfer)) {
    return refused(401, 'Unauthorized', { 'WWW-Authenticate': 'Basic realm="DeskACS files", charset="UTF-8"' }, transfer);
  }
  const file = deps.store.files.get(transfer.fileId);
  const size =
    file === undefined
      ? undefined
      : await stat(deps.pathOf(file)).then(
          (s) => s.size,
          () => undefined,
        );
  if (file === undefined || size === undefined) return refused(404, 'The file is no longer in the library', {}, transfer);
  const served = await sendFile(req, res, { path: deps.pathOf(file), size, etag: file.sha256 });
  return { ...served, fileId: file.id, deviceId: transfer.deviceId };
}

/**
 * Sends a file on disk: the whole of it (200) or one byte range (206; 416 outside it), headers
 * alone for HEAD. Shared with the restore of configuration backups (upload-restore.ts).
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  f: { path: string; size: number; etag: string },
): Promise<{ status: number; bytes: number }> {
  const { size } = f;
  const range = parseRange(req.headers.range, size);
  const base = {
    'Content-Type': 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: `"${f.etag}"`,
    'Cache-Control': 'no-store',
  };
  if (range === 'unsatisfiable') {
    plain(res, 416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
    return { status: 416, bytes: 0 };
  }
  const [start, end] = range ?? [0, size - 1];
  const status = range === null ? 200 : 206;
  res.writeHead(status, {
    ...base,
    'Content-Length': end - start + 1,
    ...(range === null ? {} : { 'Content-Range': `bytes ${start}-${end}/${size}` }),
  });
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return { status, bytes: 0 };
  }
  const stream = createReadStream(f.path, { start, end, highWaterMark: 256 * 1024 });
  try {
    await pipeline(stream, res);
  } catch {
    // The CPE went away mid-transfer: logged with the bytes that left.
  }
  return { status, bytes: stream.bytesRead };
}

function expired(t: FileTransfer, deps: FileServerDeps): boolean {
  return transferOver(t, deps.store, deps.now());
}

/** A per-transfer URL stops working at its expiry, or once its task is over. */
export function transferOver(t: { expiresAt: string; taskId: number | null }, store: Store, now: Date): boolean {
  if (Date.parse(t.expiresAt) <= now.getTime()) return true;
  if (t.taskId === null) return false;
  const task = store.tasks.get(t.taskId);
  return task === undefined || TASK_OVER.has(task.status);
}

/** The request's Basic credentials are the transfer's (compared in constant time). */
export function basicMatches(header: string | undefined, t: { username: string; password: string }): boolean {
  const given = parseBasicCredentials(header);
  if (given === undefined) return false;
  // Both compared, always (no early exit on the username).
  const user = safeEqual(given.username, t.username);
  const password = safeEqual(given.password, t.password);
  return user && password;
}

/**
 * One byte range (bytes=a-b, a-, -n) as [start, end] inclusive; null to send the whole file
 * (no Range, a malformed one, or several ranges: RFC 9110 14.2 lets a server ignore Range);
 * 'unsatisfiable' for a range outside the file.
 */
export function parseRange(header: string | undefined, size: number): [number, number] | null | 'unsatisfiable' {
  if (header === undefined) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null) return null;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const n = Number(b);
    if (n === 0) return 'unsatisfiable';
    return [Math.max(0, size - n), size - 1];
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return [start, end];
}

export function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`);
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length }).end(body);
}
