// The file library (issue #12): files added in pieces over IPC (begin/append/finish) or as one
// HTTP request body, both streamed to a temporary file under <data>/files/.partial/ while their
// SHA-256 is computed, then moved to <data>/files/<sha256>. The same bytes are never stored
// twice: a second upload of them answers the existing file with duplicate: true.
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, statfs, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AcsError } from '../../../shared/errors.ts';
import type { AddFileResult, FileRecord, FileUpload } from '../../../shared/models-files.ts';
import type { Logger } from '../acs-types.ts';
import type { EventHub } from '../events.ts';
import { factsFromName } from '../files/file-name.ts';
import type { FileChanges, Store } from '../store/index.ts';

/** What the caller says about a file; what it leaves out is read from the name. */
export interface FileMeta {
  name: string;
  fileType?: string | undefined;
  version?: string | undefined;
  manufacturer?: string | undefined;
  oui?: string | undefined;
  productClass?: string | undefined;
}

export interface FileService {
  list(): FileRecord[];
  get(fileId: number): FileRecord;
  update(fileId: number, changes: FileChanges): FileRecord;
  remove(fileId: number): Promise<{ removed: boolean }>;
  begin(meta: FileMeta & { size: number }): Promise<FileUpload>;
  append(uploadId: string, offset: number, chunk: Uint8Array): Promise<FileUpload>;
  finish(uploadId: string): Promise<AddFileResult>;
  cancel(uploadId: string): Promise<{ removed: boolean }>;
  /** One request body as a file (HTTP POST /api/files): streamed to disk, never whole in memory. */
  addStream(meta: FileMeta, body: Readable, declaredSize: number | null): Promise<AddFileResult>;
  /** Where a file's bytes are. */
  pathOf(file: FileRecord): string;
  close(): Promise<void>;
}

interface Upload {
  id: string;
  meta: FileMeta;
  size: number;
  path: string;
  handle: FileHandle;
  hash: Hash;
  received: number;
  /** An append is being written: a second one at the same time is refused. */
  busy: boolean;
  lastActivity: number;
}

export const DEFAULT_FILE_TYPE = '1 Firmware Upgrade Image';
const MAX_FILE_BYTES = 8 * 1024 ** 3;
/** Uploads left without an append for this long are abandoned: removed with their bytes. */
const ABANDONED_AFTER_MS = 60 * 60_000;

export interface FileServiceDeps {
  store: Store;
  events: EventHub;
  dataDir: string;
  log: Logger;
  now: () => Date;
  /** Free bytes on the disk holding `dir` (default: fs.statfs); tests stand in for a full disk. */
  freeBytes?: (dir: string) => Promise<number>;
}

async function statfsFree(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

export function createFileService(deps: FileServiceDeps): FileService {
  const { store, events, now } = deps;
  const dir = join(deps.dataDir, 'files');
  const partialDir = join(dir, '.partial');
  mkdirSync(partialDir, { recursive: true });
  // Partial files found at start belong to uploads of an earlier run: none can be resumed.
  for (const name of readdirSync(partialDir)) rmSync(join(partialDir, name), { force: true });
  const uploads = new Map<string, Upload>();
  const sweep = setInterval(() => void dropAbandoned(), ABANDONED_AFTER_MS);
  sweep.unref();

  async function dropAbandoned(): Promise<void> {
    const cutoff = Date.now() - ABANDONED_AFTER_MS;
    for (const u of [...uploads.values()]) {
      if (!u.busy && u.lastActivity < cutoff) {
        deps.log.info('abandoned file upload removed', { name: u.meta.name, received: u.received, size: u.size });
        await discard(u);
      }
    }
  }

  async function discard(u: Upload): Promise<void> {
    uploads.delete(u.id);
    await u.handle.close().catch(() => undefined);
    await rm(u.path, { force: true });
  }

  async function checkFreeSpace(size: number): Promise<void> {
    const free = await (deps.freeBytes ?? statfsFree)(dir);
    if (size > free) throw new AcsError('bad_request', `the file (${size} bytes) is larger than the free disk space (${free} bytes)`);
  }

  function uploadOf(uploadId: string): Upload {
    const u = uploads.get(uploadId);
    if (u === undefined) throw new AcsError('not_found', `no file upload '${uploadId}' (finished, cancelled or abandoned)`);
    return u;
  }

  /** The hashed temporary file becomes a library file, or the existing one with the same bytes. */
  async function store_(meta: FileMeta, tempPath: string, size: number, sha256: string): Promise<AddFileResult> {
    const existing = store.files.bySha256(sha256);
    if (existing !== undefined) {
      await rm(tempPath, { force: true });
      return { file: existing, duplicate: true };
    }
    await rename(tempPath, join(dir, sha256));
    const facts = factsFromName(meta.name);
    const file = store.files.insert(
      {
        name: meta.name,
        fileType: meta.fileType ?? DEFAULT_FILE_TYPE,
        size,
        sha256,
        version: meta.version ?? facts.version,
        manufacturer: meta.manufacturer ?? facts.manufacturer,
        oui: meta.oui ?? '',
        productClass: meta.productClass ?? facts.productClass,
      },
      now(),
    );
    events.emit('filesChanged', { fileId: file.id });
    return { file, duplicate: false };
  }

  const get = (fileId: number): FileRecord => {
    const f = store.files.get(fileId);
    if (f === undefined) throw new AcsError('not_found', `no file with id ${fileId}`);
    return f;
  };

  return {
    list: () => store.files.list(),
    get,
    update: (fileId, changes) => {
      get(fileId);
      const f = store.files.update(fileId, changes) as FileRecord;
      events.emit('filesChanged', { fileId });
      return f;
    },
    remove: async (fileId) => {
      const f = store.files.get(fileId);
      if (f === undefined) return { removed: false };
      const active = store.files.activeRollouts(fileId);
      if (active > 0) throw new AcsError('conflict', `'${f.name}' is used by ${active} rollout(s) that are not over; cancel them first`);
      store.files.remove(fileId);
      await rm(join(dir, f.sha256), { force: true });
      events.emit('filesChanged', { fileId });
      return { removed: true };
    },
    begin: async (meta) => {
      if (meta.size > MAX_FILE_BYTES)
        throw new AcsError('bad_request', `the file (${meta.size} bytes) is larger than ${MAX_FILE_BYTES} bytes`);
      await checkFreeSpace(meta.size);
      const id = randomBytes(16).toString('hex');
      const path = join(partialDir, id);
      const handle = await open(path, 'wx');
      uploads.set(id, {
        id,
        meta,
        size: meta.size,
        path,
        handle,
        hash: createHash('sha256'),
        received: 0,
        busy: false,
        lastActivity: Date.now(),
      });
      return { uploadId: id, received: 0 };
    },
    append: async (uploadId, offset, chunk) => {
      const u = uploadOf(uploadId);
      if (u.busy) throw new AcsError('conflict', 'the previous chunk of this upload is still being written');
      if (offset !== u.received)
        throw new AcsError('bad_request', `'offset' must be ${u.received} (the bytes received so far), not ${offset}`);
      if (u.received + chunk.byteLength > u.size)
        throw new AcsError('bad_request', `the chunk would make ${u.received + chunk.byteLength} bytes, more than the announced ${u.size}`);
      u.busy = true;
      try {
        await u.handle.write(chunk, 0, chunk.byteLength, offset);
        u.hash.update(chunk);
        u.received += chunk.byteLength;
        u.lastActivity = Date.now();
      } finally {
        u.busy = false;
      }
      return { uploadId, received: u.received };
    },
    finish: async (uploadId) => {
      const u = uploadOf(uploadId);
      if (u.busy) throw new AcsError('conflict', 'a chunk of this upload is still being written');
      if (u.received !== u.size)
        throw new AcsError('bad_request', `received ${u.received} of the announced ${u.size} bytes; send the rest first`);
      uploads.delete(uploadId);
      await u.handle.close();
      return store_(u.meta, u.path, u.size, u.hash.digest('hex'));
    },
    cancel: async (uploadId) => {
      const u = uploads.get(uploadId);
      if (u === undefined) return { removed: false };
      await discard(u);
      return { removed: true };
    },
    addStream: async (meta, body, declaredSize) => {
      if (declaredSize === 0) throw new AcsError('bad_request', 'the file is empty');
      if (declaredSize !== null) {
        if (declaredSize > MAX_FILE_BYTES)
          throw new AcsError('bad_request', `the file (${declaredSize} bytes) is larger than ${MAX_FILE_BYTES} bytes`);
        await checkFreeSpace(declaredSize);
      }
      const path = join(partialDir, randomBytes(16).toString('hex'));
      const hash = createHash('sha256');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          if (size > MAX_FILE_BYTES) done(new AcsError('bad_request', `the file is larger than ${MAX_FILE_BYTES} bytes`));
          else done(null, chunk);
        },
      });
      try {
        await pipeline(body, measure, createWriteStream(path, { flags: 'wx' }));
      } catch (err) {
        await rm(path, { force: true });
        if (err instanceof AcsError) throw err;
        throw new AcsError('bad_request', `the upload was cut short: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (size === 0) {
        await rm(path, { force: true });
        throw new AcsError('bad_request', 'the file is empty');
      }
      if (declaredSize !== null && size !== declaredSize) {
        await rm(path, { force: true });
        throw new AcsError('bad_request', `received ${size} bytes, but Content-Length announced ${declaredSize}`);
      }
      return store_(meta, path, size, hash.digest('hex'));
    },
    pathOf: (file) => join(dir, file.sha256),
    close: async () => {
      clearInterval(sweep);
      for (const u of [...uploads.values()]) await discard(u);
    },
  };
}
