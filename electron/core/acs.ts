// The composition root: opens the store, starts the CWMP listener and the JSON API, and wires
// the services. The Electron main process and the headless server both start the ACS here.
import { mkdirSync } from 'node:fs';
import type { AcsApi } from '../../shared/contract.ts';
import type { Acs, AcsConfig } from './acs-types.ts';
import { loadOrCreateApiToken } from './api-token.ts';
import { startCwmpListener, type CwmpListener } from './cwmp/listener.ts';
import { createEventHub } from './events.ts';
import { startApiServer, type ApiServer } from './http/api-server.ts';
import { createDeviceService } from './services/devices.ts';
import { createSessionBackend } from './services/session-backend.ts';
import { openStore, type Store } from './store/index.ts';
import { storePath } from './store/data-dir.ts';

export const ACS_VERSION = '0.1.0';
const MAX_CWMP_BODY_BYTES = 8 * 1024 * 1024;

export async function createAcs(config: AcsConfig): Promise<Acs> {
  return (await assembleAcs(config)).acs;
}

/** createAcs, also handing back the store: for tests and benchmarks that look inside. */
export async function assembleAcs(config: AcsConfig): Promise<{ acs: Acs; store: Store }> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStore({ path: storePath(config.dataDir, process.platform) });
  if (store.recovered.abortedSessions > 0 || store.recovered.requeuedTasks > 0) {
    config.log.warn('recovered from an unclean stop', { ...store.recovered });
  }
  const events = createEventHub();
  let listener: CwmpListener | null = null;
  let apiServer: ApiServer | null = null;
  try {
    listener = await startCwmpListener({
      host: config.cwmpHost,
      port: config.cwmpPort,
      sessionTimeoutMs: config.sessionTimeoutMs,
      maxConcurrentSessions: config.maxConcurrentSessions,
      maxBodyBytes: MAX_CWMP_BODY_BYTES,
      retryAfterSeconds: 10,
      backend: createSessionBackend({ store, events, log: config.log }),
      log: config.log,
    });
    const apiToken = loadOrCreateApiToken(config.dataDir);
    const api = createApi(store, config, listener);
    if (config.httpPort !== null) {
      apiServer = await startApiServer({
        host: config.httpHost,
        port: config.httpPort,
        token: apiToken,
        api,
        events,
        webRoot: config.webRoot,
        log: config.log,
      });
    }
    const started = { listener, apiServer };
    const acs: Acs = {
      api,
      events,
      info: { cwmpUrl: listener.url, apiUrl: apiServer?.url ?? null, apiToken, dataDir: config.dataDir },
      close: () => shutdown(store, started.listener, started.apiServer),
    };
    return { acs, store };
  } catch (err) {
    await shutdown(store, listener, apiServer);
    throw err;
  }
}

function createApi(store: Store, config: AcsConfig, listener: CwmpListener): AcsApi {
  const devices = createDeviceService(store);
  return {
    serverInfo: async () => ({
      version: ACS_VERSION,
      cwmpUrl: listener.url,
      apiUrl: config.httpPort === null ? '' : `http://${config.httpHost}:${config.httpPort}`,
      dataDir: config.dataDir,
      devices: store.devices.count(),
      activeSessions: listener.activeSessions(),
    }),
    listDevices: async (args) => devices.list(args),
    getDevice: async (args) => devices.detail(args),
    getParameters: async (args) => devices.parameters(args),
  };
}

async function shutdown(store: Store, listener: CwmpListener | null, apiServer: ApiServer | null): Promise<void> {
  // Stop taking CPE traffic first (open sessions are recorded as aborted), then the API, then
  // close the database so the WAL is checkpointed.
  if (listener !== null) await listener.close();
  if (apiServer !== null) await apiServer.close();
  store.close();
}
