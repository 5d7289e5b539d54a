// CWMP over TLS as the composition root sets it up: the operator's certificate and key (PEM
// files named in the config), or the local CA's (local-ca.ts); the files are watched, and a
// changed pair that loads is put in place for new connections without a restart (a pair that
// does not load, e.g. the key written before the certificate, is logged and the old one kept).
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { join } from 'node:path';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import type { AcsConfig } from '../acs-types.ts';
import { ensureLocalCa } from './local-ca.ts';

export interface CwmpTls {
  host: string;
  port: number;
  context: SecureContextOptions;
  certPath: string;
  keyPath: string;
  /** The local CA's certificate file, or null with the operator's own certificate. */
  caCertPath: string | null;
}

/** Null without TLS in the config. Throws when the operator's files cannot be read or do not match. */
export function prepareCwmpTls(config: AcsConfig): CwmpTls | null {
  const tls = config.tls;
  if (tls === undefined) return null;
  const own = tls.certPath !== undefined && tls.keyPath !== undefined;
  const files = own
    ? { certPath: tls.certPath ?? '', keyPath: tls.keyPath ?? '', caCertPath: null }
    : ensureLocalCa(join(config.dataDir, 'tls'));
  const context = loadPair(files.certPath, files.keyPath);
  return { host: tls.host ?? config.cwmpHost, port: tls.port, context, ...files };
}

/** Reads and checks a certificate and key pair (createSecureContext throws on a mismatch). */
export function loadPair(certPath: string, keyPath: string): SecureContextOptions {
  const context = { cert: readFileSync(certPath), key: readFileSync(keyPath) };
  createSecureContext(context);
  return context;
}

/** Polls the two files (renames and editors' atomic saves included); returns the stop function. */
export function watchCwmpTls(
  tls: CwmpTls,
  apply: (context: SecureContextOptions) => void,
  log: AcsConfig['log'],
  intervalMs = 2000,
): () => void {
  let timer: NodeJS.Timeout | null = null;
  const reload = (): void => {
    // Both files usually change together: wait for the second before loading.
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(
      () => {
        timer = null;
        try {
          apply(loadPair(tls.certPath, tls.keyPath));
          log.info('TLS certificate reloaded', { cert: tls.certPath });
        } catch (err) {
          log.warn('TLS certificate change not applied: the files do not load as a pair; the previous certificate stays', {
            cert: tls.certPath,
            error: String(err),
          });
        }
      },
      Math.min(200, intervalMs),
    );
  };
  const options = { interval: intervalMs, persistent: false };
  watchFile(tls.certPath, options, reload);
  watchFile(tls.keyPath, options, reload);
  return () => {
    if (timer !== null) clearTimeout(timer);
    unwatchFile(tls.certPath, reload);
    unwatchFile(tls.keyPath, reload);
  };
}
