// The composition root: opens the store, starts the CWMP listener and the JSON API, and wires
// the services. The Electron main process and the headless server both start the ACS here.
import { mkdirSync } from 'node:fs';
import { AcsError } from '../../shared/errors.ts';
import type { Acs, AcsConfig } from './acs-types.ts';
import { createApi, operatorQuirkRules } from './api.ts';
import { apiTokenHolder } from './api-token.ts';
import { startCwmpListener, type CwmpListener } from './cwmp/listener.ts';
import type { ListenerOptions } from './cwmp/listener-types.ts';
import { createEventHub } from './events.ts';
import { startApiServer, type ApiServer } from './http/api-server.ts';
import { createCpeGate } from './services/cpe-gate.ts';
import { createDeviceBulkService } from './services/device-bulk.ts';
import { createRolloutService } from './services/rollouts.ts';
import { createFileService, type FileService } from './services/files.ts';
import { createFileRequestHandler } from './files/serve.ts';
import { createUploadReceiver } from './files/upload-receive.ts';
import { createRestoreRequestHandler } from './files/upload-restore.ts';
import { routeFileRequests } from './files/upload-url.ts';
import { createSpeedTestHandler, routeSpeedTests } from './files/speed-test.ts';
import { createDiagnosticsService } from './services/diagnostics/service.ts';
import { createBackupService, type BackupService } from './services/backups.ts';
import { createBackupScheduler, type BackupScheduler } from './services/backups-scheduler.ts';
import { backupPolicy } from './services/backups-settings.ts';
import { createDatabaseBackups, type DatabaseBackupService } from './services/database-backups.ts';
import { createHistoryRetention, type HistoryRetentionService } from './services/history-retention.ts';
import { ensureCpeAuthSettings, type CpeAuthConfig } from './cwmp/auth/index.ts';
import { builtinQuirkRules, defaultQuirks, learnedQuirks, resolveQuirks, type Quirks } from './services/quirks.ts';
import { createSelectionWalker, type SelectionWalker } from './services/selection.ts';
import { createSessionBackend } from './services/session-backend.ts';
import { createMonitoring, type Monitoring } from './services/metrics/monitoring.ts';
import { createProfileEngine } from './services/profiles/engine.ts';
import { createProfileService } from './services/profiles/service.ts';
import { createSubscriberService, type SubscriberService } from './services/subscribers/service.ts';
import { createInstallerService } from './services/installer/service.ts';
import { createTaskBatchService } from './services/tasks/batches.ts';
import { TaskRunner } from './services/tasks/runner.ts';
import { createTaskService } from './services/tasks/service.ts';
import { TaskChanges } from './services/tasks/task-events.ts';
import { wakeDevice, WakeOutcomes, WakeQueue } from './services/wake.ts';
import { createUdpWake, startStunForAcs } from './services/stun-wiring.ts';
import type { StunServer } from './stun/server.ts';
import { watchCwmpTls, type CwmpTls } from './tls/cwmp-tls.ts';
import { prepareStartupTls, startupTls } from './services/tls-settings.ts';
import type { Store } from './store/index.ts';
import { openStoreAtStart } from './store/startup.ts';
import { storePath } from './store/data-dir.ts';

const MAX_CWMP_BODY_BYTES = 8 * 1024 * 1024;
const CONNECTION_REQUEST_TIMEOUT_MS = 10_000;
/** Background connection requests of bulk task batches in flight at once. */
const BULK_WAKE_CONCURRENCY = 8;
/** How long a Download the CPE accepted waits for its TransferComplete (and verification). */
const TRANSFER_TIMEOUT_MS = 3_600_000;

export async function createAcs(config: AcsConfig): Promise<Acs> {
  return (await assembleAcs(config)).acs;
}

/** createAcs, also handing back the store (and the subscriber directory): for tests and benchmarks that look inside. */
export async function assembleAcs(
  config: AcsConfig,
): Promise<{ acs: Acs; store: Store; subscribers: SubscriberService; monitoring: Monitoring }> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = openStoreAtStart({
    path: storePath(config.dataDir, process.platform),
    nativeBinding: config.nativeBinding,
    recover: config.database?.recover,
    restoreFrom: config.database?.restoreFrom,
    report: (message, fields) => config.log.warn(message, fields),
  });
  if (store.recovered.abortedSessions > 0 || store.recovered.requeuedTasks > 0) {
    config.log.warn('recovered from an unclean stop', { ...store.recovered });
  }
  const events = createEventHub();
  const now = (): Date => new Date();
  const quirksFor = (deviceId: string): Quirks => {
    const d = store.devices.get(deviceId);
    if (d === undefined) return { ...defaultQuirks };
    // What the device itself showed (a dropped partial-path GetParameterValues, ...) comes last.
    return resolveQuirks(d, [...builtinQuirkRules, ...operatorQuirkRules(store)], learnedQuirks(store.learnedQuirks.get(deviceId)));
  };
  const taskChanges = new TaskChanges(store, events);
  let files: FileService;
  let backups: BackupService;
  try {
    files = createFileService({ store, events, dataDir: config.dataDir, log: config.log, now });
    backups = createBackupService({ store, events, dataDir: config.dataDir, log: config.log, now });
  } catch (err) {
    store.close();
    throw err;
  }
  // Library files are served on the CWMP listener, at the address the device used to reach it.
  const transferBaseUrl = (deviceId: string): string => listener?.cpeBaseUrl(deviceId) ?? listener?.url ?? '';
  const transferTimeoutMs = config.transfers?.timeoutMs ?? TRANSFER_TIMEOUT_MS;
  const runner = new TaskRunner({
    store,
    log: config.log,
    now,
    quirksFor,
    changed: (t) => taskChanges.add(t),
    transferBaseUrl,
    // A download of a library file is verified against the version the file installs.
    fileVersion: (fileId) => store.files.get(fileId)?.version,
    transferTimeoutMs,
    diagnostics: config.diagnostics,
  });
  const diagnostics = createDiagnosticsService({
    store,
    events,
    log: config.log,
    now,
    timeoutMs: config.diagnostics?.timeoutMs,
    checkMs: config.diagnostics?.checkMs,
  });
  const wakeOutcomes = new WakeOutcomes();
  // The STUN server starts with the listener below; UDP connection requests go out through it.
  let stun: StunServer | null = null;
  const hasSession = (id: string): boolean => listener?.hasSession(id) === true;
  const udp = createUdpWake(store, config, () => stun, hasSession);
  const tasks = createTaskService({
    store,
    events,
    quirksFor,
    connectionRequestTimeoutMs: CONNECTION_REQUEST_TIMEOUT_MS,
    wakeOutcomes,
    udp,
    now,
  });
  const walker = createSelectionWalker(store);
  let settleWake: (batchId: string, reached: boolean) => void = () => {};
  const wake = new WakeQueue({
    concurrency: BULK_WAKE_CONCURRENCY,
    send: (deviceId, signal) =>
      wakeDevice(store, deviceId, { timeoutMs: CONNECTION_REQUEST_TIMEOUT_MS, signal, outcomes: wakeOutcomes, udp }),
    settled: (batchId, reached) => settleWake(batchId, reached),
    onError: (err) => config.log.error('bulk connection request failed', { error: String(err) }),
  });
  const batches = createTaskBatchService({ store, events, walker, wake, quirksFor, now });
  settleWake = batches.connectionRequestSettled;
  const rollouts = createRolloutService({
    store,
    events,
    walker,
    quirksFor,
    wake: (deviceIds) => {
      for (const id of deviceIds)
        void wakeDevice(store, id, { timeoutMs: CONNECTION_REQUEST_TIMEOUT_MS, outcomes: wakeOutcomes, udp }).catch((err: unknown) =>
          config.log.warn('rollout connection request failed', { device: id, error: String(err) }),
        );
    },
    now,
    log: config.log,
    transferTimeoutMs,
    tickMs: config.transfers?.rolloutTickMs,
  });
  // Provisioning profiles: planned in sessions when a device's queue runs dry (services/profiles/).
  const wakeForProfiles = (id: string): Promise<unknown> =>
    wakeDevice(store, id, { timeoutMs: CONNECTION_REQUEST_TIMEOUT_MS, outcomes: wakeOutcomes, udp });
  // Subscribers: bound to devices by serial or MAC at their Informs; the profile engine reads them.
  const subscribers = createSubscriberService({ store, events, log: config.log, tasks });
  // A profile's `stun` item points devices at the STUN server started below.
  const stunForProfiles = () => ({ port: stun?.port ?? null, cwmpUrl: listener?.url ?? '' });
  const profileEngine = createProfileEngine({
    store,
    events,
    log: config.log,
    now,
    quirksFor,
    subscribers,
    changed: (t) => taskChanges.add(t),
    wake: (id) => void wakeForProfiles(id).catch(() => {}),
    stun: stunForProfiles,
  });
  const profiles = createProfileService({
    store,
    engine: profileEngine,
    now,
    quirksFor,
    wake: wakeForProfiles,
    log: config.log,
    stun: stunForProfiles,
  });
  const installer = createInstallerService({ store, tasks, subscribers, provisioning: async (id) => profiles.provisioning(id), now });
  const expiry = startExpiryTimer(store, events, config);
  let cpeAuth: CpeAuthConfig;
  try {
    cpeAuth = ensureCpeAuthSettings(store, config.cpeAuth ?? {});
  } catch (err) {
    clearInterval(expiry);
    diagnostics.close();
    rollouts.close();
    await Promise.all([walker.close(), wake.close(), files.close(), backups.close()]);
    store.close();
    throw err;
  }
  let listener: CwmpListener | null = null;
  let apiServer: ApiServer | null = null;
  let history: HistoryRetentionService | null = null;
  let backupScheduler: BackupScheduler | null = null;
  let databaseBackups: DatabaseBackupService | null = null;
  let cwmpTls: CwmpTls | null = null;
  // CWMP over TLS from the command line, else from Settings (services/tls-settings.ts).
  const tlsStart = startupTls(config, store);
  let tlsStartError: string | null = null;
  let monitoring: Monitoring | null = null;
  let stopTlsWatch = (): void => {};
  try {
    cwmpTls = prepareStartupTls(config, tlsStart, (why) => {
      tlsStartError = why;
    });
    stun = await startStunForAcs(store, config);
    monitoring = createMonitoring({ store, events, log: config.log, config: config.monitoring });
    const listenerOptions: ListenerOptions = {
      host: config.cwmpHost,
      port: config.cwmpPort,
      sessionTimeoutMs: config.sessionTimeoutMs,
      maxConcurrentSessions: config.maxConcurrentSessions,
      maxSessionsPerAddress: config.admission?.maxSessionsPerAddress,
      informIdleTimeoutMs: config.admission?.informIdleTimeoutMs,
      maxBodyBytes: MAX_CWMP_BODY_BYTES,
      retryAfterSeconds: 10,
      backend: createSessionBackend({
        store,
        events,
        runner,
        taskChanges,
        log: config.log,
        logPeriodicSessions: config.logPeriodicSessions === true,
        provisioner: profileEngine,
        monitoring: monitoring.session,
      }),
      gate: createCpeGate({ store, log: config.log, config: () => cpeAuth, tlsAvailable: () => cwmpTls !== null }),
      tls: cwmpTls === null ? undefined : { host: cwmpTls.host, port: cwmpTls.port, context: cwmpTls.context },
      log: config.log,
      accessLog: config.accessLog,
      // /files/: library files, and backups uploaded by devices (/files/u/) or restored to them (/files/r/).
      // /files/s/: TR-143 speed tests (files/speed-test.ts).
      files: routeSpeedTests(
        routeFileRequests(
          createFileRequestHandler({ store, pathOf: files.pathOf, now, log: config.log }),
          createUploadReceiver({
            store,
            now,
            log: config.log,
            partialDir: backups.partialDir,
            maxBytes: () => backupPolicy(store).maxUploadBytes,
            keep: backups.keep,
          }),
          createRestoreRequestHandler({ store, pathOf: backups.pathOf, now, log: config.log }),
        ),
        createSpeedTestHandler({ store, log: config.log }),
      ),
    };
    try {
      listener = await startCwmpListener(listenerOptions);
    } catch (err) {
      // Saved settings whose HTTPS port is taken must not keep DeskACS from starting.
      if (tlsStart.source !== 'settings' || cwmpTls === null) throw err;
      tlsStartError = `HTTPS port ${cwmpTls.port}: ${err instanceof Error ? err.message : String(err)}`;
      config.log.warn('CWMP over TLS not started (saved settings)', { error: tlsStartError });
      cwmpTls = null;
      listener = await startCwmpListener({ ...listenerOptions, tls: undefined });
    }
    const tlsListener = listener;
    if (cwmpTls !== null)
      stopTlsWatch = watchCwmpTls(cwmpTls, (c) => tlsListener.setSecureContext(c), config.log, tlsStart.config?.watchIntervalMs);
    const apiToken = apiTokenHolder(config.dataDir);
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
    history = createHistoryRetention({ store, log: config.log, ...config.historyPruning });
    const dbBackups = createDatabaseBackups({ store, dataDir: config.dataDir, log: config.log, now, ...config.databaseBackups });
    databaseBackups = dbBackups;
    backupScheduler = createBackupScheduler({ store, backups, events, log: config.log, now, ...config.backups });
    const openListener = listener;
    const bulk = createDeviceBulkService({ store, events, walker, inSession: (id) => openListener.hasSession(id), now });
    const apiUrl = (): string => apiServer?.url ?? '';
    const api = createApi({
      store,
      config,
      listener,
      tasks,
      cpeAuth: cpeAuthSettings,
      history,
      bulk,
      batches,
      apiToken,
      quirksFor,
      wakeOutcomes,
      now,
      apiUrl,
      files,
      rollouts,
      backups,
      backupScheduler,
      databaseBackups: dbBackups,
      stunPort: () => stun?.port ?? null,
      caCertificatePath: cwmpTls?.caCertPath ?? null,
      cwmpTls: () => ({ config: tlsStart.config, source: tlsStart.source, url: listener?.tlsUrl ?? null, startError: tlsStartError }),
      profiles,
      diagnostics,
      subscribers,
      installer,
      monitoring: monitoring.api,
    });
    if (config.httpPort !== null) {
      apiServer = await startApiServer({
        host: config.httpHost,
        port: config.httpPort,
        token: apiToken.get,
        api,
        events,
        webRoot: config.webRoot,
        log: config.log,
        addFile: files.addStream,
        provisioningReportPdf: installer.reportPdf,
      });
    }
    const started = { listener, apiServer, history, walker, wake, files, backups, backupScheduler, databaseBackups, stun, monitoring };
    const acs: Acs = {
      api,
      events,
      info: {
        cwmpUrl: listener.url,
        get cpeAuth(): CpeAuthConfig {
          return cpeAuth;
        },
        apiUrl: apiServer?.url ?? null,
        stunPort: stun?.port ?? null,
        cwmpTlsUrl: listener.tlsUrl,
        get apiToken(): string {
          return apiToken.get();
        },
        dataDir: config.dataDir,
      },
      close: () => {
        clearInterval(expiry);
        profiles.close();
        profileEngine.close();
        subscribers.close();
        diagnostics.close();
        stopTlsWatch();
        rollouts.close();
        return shutdown(store, started);
      },
    };
    return { acs, store, subscribers, monitoring };
  } catch (err) {
    clearInterval(expiry);
    diagnostics.close();
    stopTlsWatch();
    rollouts.close();
    await shutdown(store, {
      listener,
      apiServer,
      history,
      walker,
      wake,
      files,
      backups,
      backupScheduler,
      databaseBackups,
      stun,
      monitoring,
    });
    throw err;
  }
}

/** Expires tasks that waited too long, every half minute. */
function startExpiryTimer(store: Store, events: ReturnType<typeof createEventHub>, config: AcsConfig): NodeJS.Timeout {
  const timer = setInterval(() => {
    try {
      for (const id of store.tasks.expireOlderThan(new Date())) {
        const t = store.tasks.get(id);
        if (t !== undefined) events.emit('taskUpdated', { taskId: id, deviceId: t.deviceId, status: t.status, batchId: t.batchId });
      }
    } catch (err) {
      config.log.error('task expiry failed', { error: String(err) });
    }
  }, config.transfers?.expiryCheckMs ?? 30_000);
  timer.unref();
  return timer;
}

interface Started {
  listener: CwmpListener | null;
  apiServer: ApiServer | null;
  history: HistoryRetentionService | null;
  walker: SelectionWalker;
  wake: WakeQueue;
  files: FileService;
  backups: BackupService;
  backupScheduler: BackupScheduler | null;
  databaseBackups: DatabaseBackupService | null;
  stun: StunServer | null;
  monitoring?: Monitoring | null;
}

async function shutdown(store: Store, started: Started): Promise<void> {
  const { listener, apiServer, history, walker, wake, files } = started;
  // Stop taking CPE traffic first (open sessions are recorded as aborted), then the API, bulk
  // actions and the history pruning (each stops at its next batch), the background connection
  // requests (aborted), then close the database so the WAL is checkpointed.
  if (listener !== null) await listener.close();
  await started.stun?.close();
  if (apiServer !== null) await apiServer.close();
  await Promise.all([walker.close(), wake.close(), files.close()]);
  if (history !== null) await history.close();
  await started.backupScheduler?.close();
  // A database backup in progress finishes first: the store must not close under it.
  await started.databaseBackups?.close();
  await started.backups.close();
  // Alert evaluations and notifications in flight end before the store closes.
  await started.monitoring?.close();
  store.close();
}
