// Serves a configuration backup back to its device for a restore (Download, file type 3) at its
// per-transfer URL (/files/r/<token>/<name>): the token names one backup, one device and one
// task, and the backup must still belong to that device, so no file reaches a device it was
// not meant for. GET and HEAD with one Range like library files (serve.ts); every request logged.
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backup } from '../../../shared/models-backups.ts';
import type { Logger } from '../acs-types.ts';
import type { Store } from '../store/index.ts';
import { basicMatches, plain, sendFile, servedAndLogged, transferOver, type FileRequestHandler } from './serve.ts';
import { RESTORE_PATH_PREFIX, tokenOf } from './upload-url.ts';

export interface RestoreServerDeps {
  store: Store;
  /** Where an upload backup's bytes are. */
  pathOf: (backup: Backup) => string;
  now: () => Date;
  log: Logger;
}

interface Served {
  status: number;
  bytes: number;
  deviceId: string | null;
}

export function createRestoreRequestHandler(deps: RestoreServerDeps): FileRequestHandler {
  return servedAndLogged('a backup', deps, (req, res) => serveBackup(req, res, deps));
}

async function serveBackup(req: IncomingMessage, res: ServerResponse, deps: RestoreServerDeps): Promise<Served> {
  req.resume();
  const refused = (status: number, text: string, deviceId: string | null, headers: Record<string, string> = {}): Served => {
    plain(res, status, text, headers);
    return { status, bytes: 0, deviceId };
  };
  const token = tokenOf(req.url, RESTORE_PATH_PREFIX);
  const t = token === '' ? undefined : deps.store.backupTransfers.byToken(token);
  if (t === undefined || t.direction !== 'download' || transferOver(t, deps.store, deps.now())) return refused(404, 'Not found', null);
  if (req.method !== 'GET' && req.method !== 'HEAD') return refused(405, 'Only GET and HEAD', t.deviceId, { Allow: 'GET, HEAD' });
  if (t.username !== '' && !basicMatches(req.headers.authorization, t)) {
    return refused(401, 'Unauthorized', t.deviceId, { 'WWW-Authenticate': 'Basic realm="DeskACS files", charset="UTF-8"' });
  }
  const backup = t.backupId === null ? undefined : deps.store.backups.get(t.backupId);
  if (backup === undefined || backup.kind !== 'upload' || backup.deviceId !== t.deviceId)
    return refused(404, 'The backup is gone', t.deviceId);
  const size = await stat(deps.pathOf(backup)).then(
    (s) => s.size,
    () => undefined,
  );
  if (size === undefined) return refused(404, 'The backup is gone', t.deviceId);
  const served = await sendFile(req, res, { path: deps.pathOf(backup), size, etag: backup.sha256 });
  return { ...served, deviceId: t.deviceId };
}
