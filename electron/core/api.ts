// The API contract's implementation: every method the UI and the JSON API call, delegating to
// the services. One implementation, reached the same way from IPC, HTTP and tests.
import { cwmpTlsView, type RunningCwmpTls, saveCwmpTls, savedCwmpTls } from './services/tls-settings.ts';
import type { AcsApi } from '../../shared/contract.ts';
import { AcsError } from '../../shared/errors.ts';
import { validatedApi } from './api-validate.ts';
import type { AcsConfig } from './acs-types.ts';
import type { ApiTokenHolder } from './api-token.ts';
import { validateDeviceCredentials, type CpeAuthConfig } from './cwmp/auth/index.ts';
import type { CwmpListener } from './cwmp/listener.ts';
import { cwmpEndpoints } from './net-info.ts';
import { createCredentialService } from './services/credentials.ts';
import type { DeviceBulkService } from './services/device-bulk.ts';
import type { FileService } from './services/files.ts';
import type { RolloutService } from './services/rollouts.ts';
import type { BackupService } from './services/backups.ts';
import type { BackupScheduler } from './services/backups-scheduler.ts';
import { diffBackups, restoreBackup } from './services/backups-tasks.ts';
import { COMMON_SETTINGS } from './services/common-settings/catalog.ts';
import { setDeviceSettings, shownDeviceSettings } from './services/common-settings/service.ts';
import { listDeviceFaults } from './services/device-faults.ts';
import { deviceSummaryCard } from './services/device-summary.ts';
import { createDeviceService } from './services/devices.ts';
import type { DatabaseBackupService } from './services/database-backups.ts';
import type { HistoryRetentionService } from './services/history-retention.ts';
import { fleetOverview } from './services/overview.ts';
import { parseQuirkRules, type QuirkRule, type Quirks } from './services/quirks.ts';
import { listDeviceSessions, sessionDetail } from './services/session-inspector.ts';
import type { TaskBatchService } from './services/tasks/batches.ts';
import type { TaskService } from './services/tasks/service.ts';
import { checkValues } from './services/value-check.ts';
import type { WakeOutcomes } from './services/wake.ts';
import { getReachability } from './services/reachability.ts';
import { enableStun } from './services/stun-enable.ts';
import { caCertificate } from './tls/ca-certificate.ts';
import type { Store } from './store/index.ts';
import type { DiagnosticsService } from './services/diagnostics/service.ts';
import type { ProfileService } from './services/profiles/service.ts';
import type { SubscriberService } from './services/subscribers/service.ts';
import type { InstallerService } from './services/installer/service.ts';
import type { MonitoringApi } from './services/metrics/monitoring.ts';

export const ACS_VERSION = '0.1.0';

const QUIRK_RULES_SETTING = 'quirkRules';

/** The operator's quirk rules, saved by the API; a damaged setting counts as none. */
export function operatorQuirkRules(store: Store): QuirkRule[] {
  const saved = parseQuirkRules(store.settings.get(QUIRK_RULES_SETTING) ?? []);
  return typeof saved === 'string' ? [] : saved;
}

export interface CpeAuthHolder {
  get(): CpeAuthConfig;
  update(changes: Partial<CpeAuthConfig>): CpeAuthConfig;
}

/** What the API delegates to, built by the composition root. */
export interface ApiParts {
  store: Store;
  config: AcsConfig;
  listener: CwmpListener;
  tasks: TaskService;
  cpeAuth: CpeAuthHolder;
  history: HistoryRetentionService;
  /** Tagging and deleting devices, one or a selection. */
  bulk: DeviceBulkService;
  /** Bulk tasks (createTasks) and their progress. */
  batches: TaskBatchService;
  apiToken: ApiTokenHolder;
  /** Per-model quirks (checkValues coerces booleans as the device's tasks would). */
  quirksFor: (deviceId: string) => Quirks;
  /** The last connection request's outcome per device (the summary card). */
  wakeOutcomes: WakeOutcomes;
  now: () => Date;
  /** The JSON API's URL once it listens (its real port), or '' when there is none. */
  apiUrl: () => string;
  /** The file library (uploads, metadata, the bytes on disk). */
  files: FileService;
  /** Firmware rollouts, and what a push would do (previewPush). */
  rollouts: RolloutService;
  /** Configuration backups (uploaded files and snapshots) and their scheduled passes. */
  backups: BackupService;
  backupScheduler: BackupScheduler;
  /** Scheduled online backups of the database itself. */
  databaseBackups: DatabaseBackupService;
  /** The STUN server's UDP port, or null when it is off (devices behind NAT). */
  stunPort: () => number | null;
  /** The local CA's certificate file (CWMP over TLS without the operator's own), or null. */
  caCertificatePath: string | null;
  /** The TLS listener the ACS started with (services/tls-settings.ts). */
  cwmpTls: () => RunningCwmpTls;
  /** Diagnostics history and device logs (services/diagnostics/). */
  diagnostics: DiagnosticsService;
  /** Provisioning profiles: CRUD, dry runs, waves, the installer's checklist (services/profiles/). */
  profiles: ProfileService;
  /** Subscribers and their device bindings (services/subscribers/). */
  subscribers: SubscriberService;
  /** The installer mode: waiting devices, handover, the provisioning report (services/installer/). */
  installer: InstallerService;
  /** Health metrics and alerts (services/metrics/monitoring.ts): their contract methods. */
  monitoring: MonitoringApi;
}

/** The contract's implementation behind its validation boundary: every caller gets checked arguments. */
export function createApi(parts: ApiParts): AcsApi {
  return validatedApi(createApiImpl(parts));
}

function createApiImpl(parts: ApiParts): AcsApi {
  const { store, config, listener, tasks, cpeAuth, history, bulk, batches, apiToken, quirksFor, wakeOutcomes, now } = parts;
  const devices = createDeviceService(store, now);
  const credentials = createCredentialService(store, now);
  return {
    serverInfo: async () => {
      const endpoints = cwmpEndpoints(config.cwmpHost, listener.port);
      return {
        version: ACS_VERSION,
        cwmpUrl: listener.url,
        cwmpUrls: endpoints.map((e) => e.url),
        cwmpEndpoints: endpoints,
        apiUrl: parts.apiUrl(),
        dataDir: config.dataDir,
        devices: store.devices.count(),
        activeSessions: listener.activeSessions(),
        stunPort: parts.stunPort(),
        cwmpTlsUrl: listener.tlsUrl,
        localCa: parts.caCertificatePath !== null,
      };
    },
    getOverview: async () => fleetOverview(store, now()),
    listDevices: async (args) => devices.list(args),
    getDevice: async (args) => devices.detail(args),
    deleteDevice: async (args) => bulk.deleteOne(args.id),
    getParameters: async (args) => devices.parameters(args),
    getDeviceSummary: async (args) => deviceSummaryCard(store, wakeOutcomes, args.id),
    getDeviceSettings: async (args) => shownDeviceSettings(store, args.id, args.reveal),
    listCommonSettings: async () => [...COMMON_SETTINGS],
    setDeviceSettings: ({ id, values, ...options }) => setDeviceSettings(store, tasks, id, values, options),
    checkValues: async (args) => checkValues(store, quirksFor, args),
    listFaults: async (args) => listDeviceFaults(store, args.id, args.limit),
    listSessions: async (args) => listDeviceSessions(store, args.id, args.limit),
    getSession: async (args) => sessionDetail(store, args.sessionId),
    listTags: async () => store.tags.counts(),
    tagDevices: (args) => bulk.tag(args),
    deleteDevices: (args) => bulk.deleteMany(args),
    createTask: (args) => {
      const options: Parameters<TaskService['create']>[2] = {};
      if (args.connectionRequest !== undefined) options.connectionRequest = args.connectionRequest;
      if (args.waitSeconds !== undefined) options.waitSeconds = args.waitSeconds;
      if (args.expiresInSeconds !== undefined) options.expiresInSeconds = args.expiresInSeconds;
      return tasks.create(args.id, args.task, options);
    },
    createTasks: (args) => batches.create(args),
    getTaskBatch: async (args) => batches.get(args.batchId),
    listTasks: async (args) => tasks.list(args),
    getTask: async (args) => tasks.get(args.taskId),
    cancelTask: async (args) => tasks.cancel(args.taskId),
    retryTask: async (args) => tasks.retry(args.taskId),
    connectionRequest: (args) => tasks.connectionRequest(args.id),
    enableStun: (args) => enableStun({ store, tasks, stunPort: parts.stunPort, cwmpUrl: () => listener.url }, args),
    getReachability: async (args) => getReachability({ store, outcomes: wakeOutcomes, stunPort: parts.stunPort, now }, args.id),
    getCaCertificate: async () => caCertificate(parts.caCertificatePath, listener.tlsUrl),
    getCwmpTlsSettings: async () => cwmpTlsView(savedCwmpTls(store), parts.cwmpTls()),
    setCwmpTlsSettings: async (args) => {
      const saved = saveCwmpTls(store, { port: args.port, certPath: args.certPath ?? null, keyPath: args.keyPath ?? null }, listener.port);
      return cwmpTlsView(saved, parts.cwmpTls());
    },
    getDeviceCredentials: async (args) => credentials.get(args.id),
    setDeviceCredentials: async (args) => credentials.set(args.id, args.username, args.password),
    deleteDeviceCredentials: async (args) => credentials.remove(args.id),
    getCpeCredentials: async (args) => {
      const c = store.cpeCredentials.get(args.id);
      return c === undefined ? null : { deviceId: c.deviceId, username: c.username, password: c.password, updatedAt: c.updatedAt };
    },
    setCpeCredentials: async (args) => {
      try {
        validateDeviceCredentials(cpeAuth.get(), args);
        const c = store.cpeCredentials.set(args.id, { username: args.username, password: args.password });
        return { deviceId: c.deviceId, username: c.username, password: c.password, updatedAt: c.updatedAt };
      } catch (err) {
        throw new AcsError('bad_request', err instanceof Error ? err.message : String(err));
      }
    },
    deleteCpeCredentials: async (args) => ({ removed: store.cpeCredentials.remove(args.id) }),
    getDefaultCredentials: async () => credentials.getDefault(),
    setDefaultCredentials: async (args) => credentials.setDefault(args.username, args.password),
    deleteDefaultCredentials: async () => credentials.removeDefault(),
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
    getHistorySettings: async () => history.settings(),
    setHistorySettings: async (args) => history.update(args),
    pruneHistory: () => history.pruneNow(),
    listFiles: async () => parts.files.list(),
    getFile: async (args) => parts.files.get(args.fileId),
    updateFile: async ({ fileId, ...changes }) => parts.files.update(fileId, changes),
    deleteFile: (args) => parts.files.remove(args.fileId),
    beginFileUpload: (args) => parts.files.begin(args),
    appendFileUpload: (args) => parts.files.append(args.uploadId, args.offset, args.chunk),
    finishFileUpload: (args) => parts.files.finish(args.uploadId),
    cancelFileUpload: (args) => parts.files.cancel(args.uploadId),
    listFileFetches: async (args) => store.fileFetches.list({ fileId: args.fileId, deviceId: args.deviceId, limit: args.limit ?? 100 }),
    createRollout: (args) => parts.rollouts.create(args),
    listRollouts: async () => parts.rollouts.list(),
    getRollout: async (args) => parts.rollouts.get(args.rolloutId),
    pauseRollout: async (args) => parts.rollouts.pause(args.rolloutId),
    resumeRollout: async (args) => parts.rollouts.resume(args.rolloutId),
    cancelRollout: async (args) => parts.rollouts.cancel(args.rolloutId),
    previewPush: (args) => parts.rollouts.preview(args),
    listBackups: async (args) => parts.backups.list(args.id),
    getBackup: (args) => parts.backups.content(args.backupId),
    createSnapshot: async (args) => parts.backups.snapshot(args.id, args.label ?? '', 'manual'),
    updateBackup: async (args) => parts.backups.relabel(args.backupId, args.label),
    deleteBackup: (args) => parts.backups.remove(args.backupId),
    diffBackups: (args) => diffBackups(store, parts.backups, args.backupId, args.to),
    restoreBackup: ({ backupId, ...options }) => restoreBackup(store, tasks, parts.backups.get(backupId), options),
    getBackupSettings: async () => parts.backupScheduler.settings(),
    setBackupSettings: async (args) => parts.backupScheduler.update(args),
    getDatabaseBackups: async () => parts.databaseBackups.settings(),
    setDatabaseBackups: async (args) => parts.databaseBackups.update(args),
    backupDatabaseNow: () => parts.databaseBackups.backupNow(),
    listDiagnostics: async (args) => parts.diagnostics.list(args.id, args.limit),
    getDeviceLog: async (args) => parts.diagnostics.deviceLog(args.id),
    listProfiles: async () => parts.profiles.list(),
    getProfile: async (args) => parts.profiles.get(args.name),
    createProfile: async (args) => parts.profiles.create(args),
    updateProfile: async ({ name, rename, ...doc }) => parts.profiles.update(name, { ...doc, name: rename ?? name }),
    deleteProfile: async (args) => parts.profiles.remove(args.name),
    dryRunProfile: async (args) => parts.profiles.dryRun(args.name, args.deviceId),
    applyProfile: async ({ name, ...options }) => parts.profiles.apply(name, options),
    listProfileApplications: async (args) => parts.profiles.applications(args.id, args.limit),
    getProvisioning: async (args) => parts.profiles.provisioning(args.id),
    retryProvisioning: async (args) => parts.profiles.retry(args.id),
    listSubscribers: async (args) => parts.subscribers.list(args),
    getSubscriber: async (args) => parts.subscribers.get(args.accountId, args.reveal),
    putSubscriber: async (args) => parts.subscribers.put(args),
    deleteSubscriber: async (args) => parts.subscribers.remove(args.accountId),
    importSubscribers: async (args) => parts.subscribers.import(args),
    exportSubscribers: async ({ reveal, ...query }) => parts.subscribers.export(query, reveal === true),
    bindSubscriber: async (args) => parts.subscribers.bind(args.id, args.accountId),
    unbindSubscriber: async (args) => parts.subscribers.unbind(args.id),
    getDeviceSubscriber: async (args) => parts.subscribers.ofDevice(args.id, args.reveal),
    listWaitingDevices: async (args) => parts.installer.waiting(args),
    handoverDevice: (args) => parts.installer.handover(args),
    getProvisioningReport: (args) => parts.installer.report(args.id, args.format === 'pdf'),
    getApiToken: async () => ({ token: apiToken.get() }),
    regenerateApiToken: async () => ({ token: apiToken.regenerate() }),
    ...parts.monitoring,
  };
}
