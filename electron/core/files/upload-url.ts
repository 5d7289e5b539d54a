// Per-transfer URLs of configuration backups on the CWMP listener, made when the RPC is sent (like
// library files' URLs, transfer-url.ts): /files/u/<token>/<name> takes one device's upload for one
// task (PUT or POST, upload-receive.ts); /files/r/<token>/<name> serves one backup to its own
// device (a restore, upload-restore.ts). The token (32 random bytes) is the credential; it stops
// working after DEFAULT_TRANSFER_TTL_MS or once its task is over.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackupOrigin } from '../../../shared/models-backups.ts';
import type { Store } from '../store/index.ts';
import { DEFAULT_TRANSFER_TTL_MS, FILES_PATH_PREFIX } from './transfer-url.ts';

/** Both under /files/, which the listener hands to the file handlers (a token never is 'u' or 'r'). */
export const UPLOAD_PATH_PREFIX = `${FILES_PATH_PREFIX}u/`;
export const RESTORE_PATH_PREFIX = `${FILES_PATH_PREFIX}r/`;

export interface BackupUrlInput {
  direction: 'upload' | 'download';
  deviceId: string;
  taskId: number | null;
  /** Restores: the backup served. */
  backupId?: number;
  fileType: string;
  origin?: BackupOrigin;
  label?: string;
  username: string;
  password: string;
  /** The listener's base URL as the CPE reached it. */
  baseUrl: string;
  /** The last part of the URL (CPEs that name files from the URL see it). */
  fileName: string;
  now: Date;
  ttlMs?: number;
}

/** Records a new backup transfer and answers its URL. Runs inside the caller's transaction (a task step). */
export function createBackupUrl(store: Store, t: BackupUrlInput): string {
  const token = randomBytes(32).toString('base64url');
  store.backupTransfers.create(
    {
      token,
      direction: t.direction,
      deviceId: t.deviceId,
      taskId: t.taskId,
      backupId: t.backupId ?? null,
      fileType: t.fileType,
      origin: t.origin ?? 'manual',
      label: t.label ?? '',
      username: t.username,
      password: t.password,
      expiresAt: new Date(t.now.getTime() + (t.ttlMs ?? DEFAULT_TRANSFER_TTL_MS)).toISOString(),
    },
    t.now,
  );
  const base = t.baseUrl.endsWith('/') ? t.baseUrl.slice(0, -1) : t.baseUrl;
  const prefix = t.direction === 'upload' ? UPLOAD_PATH_PREFIX : RESTORE_PATH_PREFIX;
  return `${base}${prefix}${token}/${encodeURIComponent(t.fileName)}`;
}

/** The token of a /files/u/... or /files/r/... request path. */
export function tokenOf(url: string | undefined, prefix: string): string {
  const path = (url ?? '').split('?')[0] ?? '';
  return path.slice(prefix.length).split('/')[0] ?? '';
}

/** Requests under /files/: uploads and restores of backups by their prefix, library files otherwise. */
export function routeFileRequests(
  library: (req: IncomingMessage, res: ServerResponse) => void,
  uploads: (req: IncomingMessage, res: ServerResponse) => void,
  restores: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '';
    if (url.startsWith(UPLOAD_PATH_PREFIX)) uploads(req, res);
    else if (url.startsWith(RESTORE_PATH_PREFIX)) restores(req, res);
    else library(req, res);
  };
}
