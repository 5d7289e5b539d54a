// The composition root: opens the store, starts the CWMP listener and the JSON API, and wires
// the services. The Electron main process and the headless server both start the ACS here.
import { mkdirSync } from 'node:fs';
import type { AcsApi } from '../../shared/contract.ts';
import { AcsError } from '../../shared/errors.ts';
import type { Acs, AcsConfig } from './acs-types.ts';
import { loadOrCreateApiToken } from './api-token.ts';
import { startCwmpListener, type CwmpListener } from './cwmp/listener.ts';
import { createEventHub } from './events.ts';
import { startApiServer, type ApiServer } from './http/api-server.ts';
import { advertisedCwmpUrls } from './net-info.ts';
import { createDeviceService } from './services/devices.ts';
import { createCpeGate } from './services/cpe-gate.ts';
import { ensureCpeAuthSettings, type CpeAuthConfig } from './cwmp/auth/index.ts';
import { createCredentialService } from './services/credentials.ts';
import { builtinQuirkRules, defaultQuirks, parseQuirkRules, resolveQuirks, type QuirkRule, type Quirks } from './services/quirks.ts';
import { createSessionBackend } from './services/session-backend.ts';
import { TaskRunner } from './services/tasks/runner.ts';
import { createTaskService, type TaskService } from './services/tasks/service.ts';
import { TaskChanges } from './services/tasks/task-events.ts';
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
  const now = (): Date => new Date();
  const quirksFor = (deviceId: string): Quirks => {
    const d = store.devices.get(deviceId);
    return d === undefined ? { ...defaultQuirks } : resolveQuirks(d, [...builtinQuirkRules, ...operatorQuirkRules(store)]);
  };
  const taskChanges = new TaskChanges(store, events);
  const runner = new TaskRunner({ store, log: config.log, now, quirksFor, changed: (t) => taskChanges.add(t) });
  const tasks = createTaskService({ store, events, quirksFor, connectionRequestTimeoutMs: 10_000, now });
  const expiry = startExpiryTimer(store, events, config);
  let cpeAuth: CpeAuthConfig;
  try {
    cpeAuth = ensureCpeAuthSettings(store, config.cpeAuth ?? {});
  } catch (err) {
    clearInterval(expiry);
    store.close();
    throw err;
  }
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
      backend: createSessionBackend({ store, events, runner, taskChanges, log: config.log }),
      gate: createCpeGate({ store, log: config.log, config: () => cpeAuth }),
      log: config.log,
    });
    const apiToken = loadOrCreateApiToken(config.dataDir);
    const cpeAuthSettings = {
      get: (): CpeAuthConfig => cpeAuth,
      update: (changes: Partial<CpeAuthConfig>): CpeAuthConfig => {
        try {
          cpeAuth = ensureCpeAuthSettings(store, changes);
        } catch (err) {
          throw new AcsError('bad_request', err instanceof Error ? err.message : String(err));
        }
        config.log.info('CPE authentication settings changed', { mode: cpeAuth.mode, unknownDevices: cpeAuth.unknownDevices });
        return cpeAuth;
      },
    };
    const api = createApi(store, config, listener, tasks, cpeAuthSettings);
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
      info: {
        cwmpUrl: listener.url,
        get cpeAuth(): CpeAuthConfig {
          return cpeAuth;
        },
        apiUrl: apiServer?.url ?? null,
        apiToken,
        dataDir: config.dataDir,
      },
      close: () => {
        clearInterval(expiry);
        return shutdown(store, started.listener, started.apiServer);
      },
    };
    return { acs, store };
  } catch (err) {
    clearInterval(expiry);
    await shutdown(store, listener, apiServer);
    throw err;
  }
}

const QUIRK_RULES_SETTING = 'quirkRules';

/** The operator's quirk rules, saved by the API; a damaged setting counts as none. */
function operatorQuirkRules(store: Store): QuirkRule[] {
  const saved = parseQuirkRules(store.settings.get(QUIRK_RULES_SETTING) ?? []);
  return typeof saved === 'string' ? [] : saved;
}

/** Expires tasks that waited too long, every half minute. */
function startExpiryTimer(store: Store, events: ReturnType<typeof createEventHub>, config: AcsConfig): NodeJS.Timeout {
  const timer = setInterval(() => {
    try {
      for (const id of store.tasks.expireOlderThan(new Date())) {
        const t = store.tasks.get(id);
        if (t !== undefined) events.emit('taskUpdated', { taskId: id, deviceId: t.deviceId, status: t.status });
      }
    } catch (err) {
      config.log.error('task expiry failed', { error: String(err) });
    }
  }, 30_000);
  timer.unref();
  return timer;
}

interface CpeAuthHolder {
  get(): CpeAuthConfig;
  update(changes: Partial<CpeAuthConfig>): CpeAuthConfig;
}

function createApi(store: Store, config: AcsConfig, listener: CwmpListener, tasks: TaskService, cpeAuth: CpeAuthHolder): AcsApi {
  const devices = createDeviceService(store);
  const credentials = createCredentialService(store);
  return {
    serverInfo: async () => ({
      version: ACS_VERSION,
      cwmpUrl: listener.url,
      cwmpUrls: advertisedCwmpUrls(config.cwmpHost, listener.port),
      apiUrl: config.httpPort === null ? '' : `http://${config.httpHost}:${config.httpPort}`,
      dataDir: config.dataDir,
      devices: store.devices.count(),
      activeSessions: listener.activeSessions(),
    }),
    listDevices: async (args) => devices.list(args),
    getDevice: async (args) => devices.detail(args),
    getParameters: async (args) => devices.parameters(args),
    createTask: (args) => {
      const options: Parameters<TaskService['create']>[2] = {};
      if (args.connectionRequest !== undefined) options.connectionRequest = args.connectionRequest;
      if (args.waitSeconds !== undefined) options.waitSeconds = args.waitSeconds;
      if (args.expiresInSeconds !== undefined) options.expiresInSeconds = args.expiresInSeconds;
      return tasks.create(args.id, args.task, options);
    },
    listTasks: async (args) => tasks.list(args),
    getTask: async (args) => tasks.get(args.taskId),
    cancelTask: async (args) => tasks.cancel(args.taskId),
    connectionRequest: (args) => tasks.connectionRequest(args.id),
    getDeviceCredentials: async (args) => credentials.get(args.id),
    setDeviceCredentials: async (args) => credentials.set(args.id, args.username, args.password),
    deleteDeviceCredentials: async (args) => credentials.remove(args.id),
    getCpeAuth: async () => ({ ...cpeAuth.get() }),
    setCpeAuth: async (args) => ({ ...cpeAuth.update(args) }),
    importDeviceCredentials: async (args) => store.crCredentials.importMany(args.rows),
    getQuirkRules: async () => operatorQuirkRules(store),
    setQuirkRules: async (args) => {
      const rules = parseQuirkRules(args.rules);
      if (typeof rules === 'string') throw new AcsError('bad_request', rules);
      store.settings.set(QUIRK_RULES_SETTING, rules);
      return rules;
    },
    listRegistrations: async () => store.registrations.list(),
    registerDevice: async (args) => store.registrations.add(args.id, args.note),
    unregisterDevice: async (args) => ({ removed: store.registrations.remove(args.id) }),
  };
}

async function shutdown(store: Store, listener: CwmpListener | null, apiServer: ApiServer | null): Promise<void> {
  // Stop taking CPE traffic first (open sessions are recorded as aborted), then the API, then
  // close the database so the WAL is checkpointed.
  if (listener !== null) await listener.close();
  if (apiServer !== null) await apiServer.close();
  store.close();
}
