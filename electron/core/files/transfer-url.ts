// The per-transfer URL a Download RPC carries: http://<host the CPE reached>/files/<token>/<name>.
// The token (32 random bytes) is the credential: it names one device, one file and one task, and
// stops working after DEFAULT_TRANSFER_TTL_MS or once its task is over (files/serve.ts).
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index.ts';

export const FILES_PATH_PREFIX = '/files/';
export const DEFAULT_TRANSFER_TTL_MS = 24 * 60 * 60_000;

export interface TransferUrlInput {
  fileId: number;
  fileName: string;
  deviceId: string;
  taskId: number | null;
  username: string;
  password: string;
  /** The listener's base URL as the CPE reached it ('http://192.0.2.1:7547/'). */
  baseUrl: string;
  now: Date;
  ttlMs?: number;
}

/** Records a new transfer and answers its URL. Runs inside the caller's transaction (a task step). */
export function createTransferUrl(store: Store, t: TransferUrlInput): string {
  const token = randomBytes(32).toString('base64url');
  store.fileFetches.createTransfer(
    {
      token,
      fileId: t.fileId,
      deviceId: t.deviceId,
      taskId: t.taskId,
      username: t.username,
      password: t.password,
      expiresAt: new Date(t.now.getTime() + (t.ttlMs ?? DEFAULT_TRANSFER_TTL_MS)).toISOString(),
    },
    t.now,
  );
  const base = t.baseUrl.endsWith('/') ? t.baseUrl.slice(0, -1) : t.baseUrl;
  // The file's name last: CPEs that take the target name from the URL see the real one.
  return `${base}${FILES_PATH_PREFIX}${token}/${encodeURIComponent(t.fileName)}`;
}

/** http://<Host header>/ of a CPE's request, when the header is a plain host[:port]. */
export function baseUrlFromHost(host: string | undefined): string | null {
  if (host === undefined || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) return null;
  return `http://${host}/`;
}
