// Headless entry point: `npm run serve`. The same engine the desktop app starts, with the UI
// served to a browser. Runs as the bundle dist/server/server.mjs (scripts/build.mjs) under plain
// node, or from source under tsx (tests).
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAcs } from './core/acs.ts';
import { parseServeArgs, type ServeOptions, serveUsage, UsageError } from './core/config.ts';
import { openLogFiles } from './core/logs.ts';
import { advertisedCwmpUrls } from './core/net-info.ts';
import { resolveDataDir } from './core/store/data-dir.ts';

async function main(): Promise<void> {
  let opts: ServeOptions | 'help';
  try {
    opts = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${serveUsage}`);
    process.exit(2);
  }
  if (opts === 'help') {
    console.log(serveUsage);
    return;
  }
  const dataDir = resolveDataDir({ flag: opts.dataDir ?? undefined, env: process.env, platform: process.platform, homedir: homedir() });
  const { log, accessLog, flush } = openLogFiles(dataDir, { console: (line) => console.log(line) });
  const webRoot = builtRendererDir(fileURLToPath(import.meta.url));
  const acs = await createAcs({
    dataDir,
    cwmpHost: opts.cwmpHost,
    cwmpPort: opts.cwmpPort,
    httpHost: opts.httpHost,
    httpPort: opts.httpPort,
    webRoot,
    sessionTimeoutMs: opts.sessionTimeoutMs,
    maxConcurrentSessions: opts.maxConcurrentSessions,
    ...(opts.maxSessionsPerAddress === null ? {} : { admission: { maxSessionsPerAddress: opts.maxSessionsPerAddress } }),
    cpeAuth: opts.cpeAuth,
    logPeriodicSessions: opts.logPeriodicSessions,
    ...(opts.stunPort === null ? {} : { stun: { port: opts.stunPort } }),
    ...(opts.tlsPort === null
      ? {}
      : {
          tls: {
            port: opts.tlsPort,
            ...(opts.tlsCert === null || opts.tlsKey === null ? {} : { certPath: opts.tlsCert, keyPath: opts.tlsKey }),
          },
        }),
    database: { ...(opts.restoreDb === null ? {} : { restoreFrom: opts.restoreDb }), recover: opts.recoverDb },
    log,
    accessLog,
  });
  const { info } = acs;
  const port = new URL(info.cwmpUrl).port;
  const auth = info.cpeAuth;
  console.log(
    [
      'DeskACS is running.',
      `  data folder : ${info.dataDir}`,
      `  CWMP (CPEs) : ${advertisedCwmpUrls(opts.cwmpHost, port).join('  ')}  (local: ${info.cwmpUrl})`,
      auth.mode === 'none'
        ? '  CPE auth    : none (any CPE may connect)'
        : `  CPE auth    : ${auth.mode}, username ${auth.username}, password ${auth.password}`,
      `  STUN (NAT)  : ${info.stunPort === null ? 'off' : `UDP port ${info.stunPort}`}`,
      `  CWMP (TLS)  : ${info.cwmpTlsUrl ?? 'off'}`,
      `  API and UI  : ${info.apiUrl ?? 'off'}${info.apiUrl !== null ? `/#token=${info.apiToken}` : ''}`,
      `  API token   : ${info.apiToken}  (also in ${join(info.dataDir, 'api-token')})`,
    ].join('\n'),
  );
  let closing = false;
  const stop = (signal: string): void => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: shutting down`);
    acs.close().then(
      () => flush().finally(() => process.exit(0)),
      (err: unknown) => {
        log.error('shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** dist/renderer: beside the bundle (dist/server/server.mjs), or from the source in electron/. */
function builtRendererDir(thisFile: string): string {
  const here = dirname(thisFile);
  return thisFile.endsWith('.ts') ? join(here, '..', 'dist', 'renderer') : join(here, '..', 'renderer');
}

main().catch((err: unknown) => {
  console.error(`DeskACS failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
