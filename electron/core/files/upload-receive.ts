// Receives configuration files uploaded by CPEs (TR-069 A.4.1.5 Upload) at their per-transfer URL
// (/files/u/<token>/<name>): PUT or POST (a multipart/form-data POST keeps its first file part),
// streamed to a temporary file while hashed, never whole in memory, within the size limit of the
// backup settings (413 beyond it). Only a body that arrived whole becomes a backup: a body cut in
// the middle, too large or refused leaves nothing behind. Every request is logged in file_fetches.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Backup } from '../../../shared/models-backups.ts';
import type { Logger } from '../acs-types.ts';
import type { BackupTransfer, Store } from '../store/index.ts';
import { basicMatches, plain, transferOver, type FileRequestHandler } from './serve.ts';
import { FirstFilePart, multipartBoundary } from './upload-multipart.ts';
import { tokenOf, UPLOAD_PATH_PREFIX } from './upload-url.ts';

/** A completely received upload, in its temporary file. */
export interface ReceivedFile {
  tempPath: string;
  size: number;
  sha256: string;
  /** No NUL byte and valid UTF-8 in its first 8 KiB. */
  text: boolean;
}

export interface UploadReceiverDeps {
  store: Store;
  now: () => Date;
  log: Logger;
  /** Where bodies are written while they arrive. */
  partialDir: string;
  /** The largest body accepted, read at each request (BackupSettings.maxUploadBytes). */
  maxBytes: () => number;
  /** Keeps a complete file as the transfer's backup (moving or removing tempPath). */
  keep: (transfer: BackupTransfer, file: ReceivedFile) => Promise<Backup>;
}

interface Outcome {
  status: number;
  bytes: number;
  deviceId: string | null;
}

class TooLarge extends Error {}

export function createUploadReceiver(deps: UploadReceiverDeps): FileRequestHandler {
  return (req, res) => {
    const started = performance.now();
    const log = (o: Outcome): void => {
      try {
        deps.store.fileFetches.log({
          fileId: null,
          deviceId: o.deviceId,
          method: req.method ?? '',
          status: o.status,
          bytes: o.bytes,
          durationMs: performance.now() - started,
          remoteAddress: req.socket.remoteAddress ?? '',
          at: deps.now(),
        });
      } catch (err) {
        deps.log.error('upload could not be logged', { error: String(err) });
      }
    };
    receive(req, res, deps).then(log, (err: unknown) => {
      deps.log.error('receiving an upload failed', { error: String(err) });
      if (!res.headersSent) plain(res, 500, 'Internal error');
      log({ status: 500, bytes: 0, deviceId: null });
    });
  };
}

async function receive(req: IncomingMessage, res: ServerResponse, deps: UploadReceiverDeps): Promise<Outcome> {
  const refuse = (status: number, text: string, t?: BackupTransfer, headers: Record<string, string> = {}): Outcome => {
    req.resume();
    plain(res, status, text, { ...headers, Connection: 'close' });
    return { status, bytes: 0, deviceId: t?.deviceId ?? null };
  };
  const token = tokenOf(req.url, UPLOAD_PATH_PREFIX);
  const transfer = token === '' ? undefined : deps.store.backupTransfers.byToken(token);
  // Wrong and expired URLs answer alike, naming neither device nor task.
  if (transfer === undefined || transfer.direction !== 'upload' || transferOver(transfer, deps.store, deps.now()))
    return refuse(404, 'Not found');
  if (req.method !== 'PUT' && req.method !== 'POST') return refuse(405, 'Only PUT and POST', transfer, { Allow: 'PUT, POST' });
  if (transfer.username !== '' && !basicMatches(req.headers.authorization, transfer))
    return refuse(401, 'Unauthorized', transfer, { 'WWW-Authenticate': 'Basic realm="DeskACS uploads", charset="UTF-8"' });
  if (!deps.store.devices.exists(transfer.deviceId)) return refuse(404, 'Not found', transfer);
  const max = deps.maxBytes();
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > max && multipartBoundary(req.headers['content-type']) === null)
    return refuse(413, `the file exceeds the ${max}-byte limit`, transfer);
  const tempPath = join(deps.partialDir, `${randomBytes(12).toString('hex')}.part`);
  const counter = new HashingLimit(max);
  const boundary = multipartBoundary(req.headers['content-type']);
  const stages = boundary === null ? [counter] : [new FirstFilePart(boundary), counter];
  let received = 0;
  try {
    await streamBody(req, stages, tempPath, (n) => {
      received += n;
    });
    if (Number.isFinite(declared) && received < declared) throw new Error('the upload was cut short');
  } catch (err) {
    await rm(tempPath, { force: true });
    if (err instanceof TooLarge) return refuse(413, `the file exceeds the ${max}-byte limit`, transfer);
    const message = err instanceof Error ? err.message : String(err);
    deps.log.warn('upload not kept', { device: transfer.deviceId, task: transfer.taskId, received, error: message });
    if (!req.complete) return { status: 400, bytes: received, deviceId: transfer.deviceId };
    return { ...refuse(400, `Upload not kept: ${message}`, transfer), bytes: received };
  }
  const backup = await deps.keep(transfer, { tempPath, size: counter.size, sha256: counter.digest(), text: counter.looksText() });
  plain(res, 201, `Stored as backup ${backup.id}`);
  return { status: 201, bytes: received, deviceId: transfer.deviceId };
}

/**
 * The request body through `stages` into `path`. The request is piped, not part of the pipeline:
 * a refusal (413) must leave its socket open for the answer. A body that ends before it is
 * complete (the CPE went away) fails.
 */
function streamBody(req: IncomingMessage, stages: Transform[], path: string, count: (n: number) => void): Promise<void> {
  const [first, second] = stages as [Transform, Transform?];
  const done = second === undefined ? pipeline(first, createWriteStream(path)) : pipeline(first, second, createWriteStream(path));
  req.on('data', (c: Buffer) => count(c.length));
  req.on('close', () => {
    if (!req.complete) first.destroy(new Error('the upload was cut short'));
  });
  req.on('error', () => undefined);
  req.pipe(first);
  return done.finally(() => {
    req.unpipe(first);
    if (!req.readableEnded) req.resume();
  });
}

const SAMPLE_BYTES = 8192;

/** Counts and hashes what passes, failing past `max` bytes; keeps the head to tell text from binary. */
class HashingLimit extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  private sample = Buffer.alloc(0);

  constructor(private readonly max: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.max) {
      done(new TooLarge());
      return;
    }
    this.hash.update(chunk);
    if (this.sample.length < SAMPLE_BYTES) this.sample = Buffer.concat([this.sample, chunk.subarray(0, SAMPLE_BYTES - this.sample.length)]);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }

  looksText(): boolean {
    return isText(this.sample, this.size <= SAMPLE_BYTES);
  }
}

/** No NUL byte and valid UTF-8 (a sequence cut at the end of a sample is allowed). */
export function isText(bytes: Buffer, whole: boolean): boolean {
  if (bytes.includes(0)) return false;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let cut = 0; cut <= (whole ? 0 : 3) && cut < bytes.length + 1; cut++) {
    try {
      decoder.decode(bytes.subarray(0, bytes.length - cut));
      return true;
    } catch {
      // try without a trailing partial sequence
    }
  }
  return false;
}
