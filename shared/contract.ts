// The API contract: every method the UI (or any client) may call, with its argument schema
// (contract-args.ts, from which the argument types are inferred), its result type and its HTTP
// route. IPC, HTTP and tests all go through one implementation of `AcsApi`, validated once.
import type * as v from 'valibot';
import type { ApiArgSchemas } from './contract-args.ts';
import type {
  ConnectionRequestReport,
  CpeAuthSettings,
  CpeDeviceCredentials,
  CreateTaskResult,
  CredentialImportResult,
  DeviceCredentials,
  DeviceDetail,
  DeviceRegistration,
  DeviceSummary,
  HistoryPruneReport,
  HistorySettings,
  Page,
  ParameterRow,
  ServerInfo,
  SessionRecord,
  TaskRecord,
  TaskStatus,
} from './models.ts';
import type { AddFileResult, FileFetch, FileRecord, FileUpload, PushPreview, Rollout, RolloutDetail } from './models-files.ts';
import type { Backup, BackupContent, BackupDiff, BackupSettings } from './models-backups.ts';
import type { DeviceFault, DeviceSummaryCard, SessionDetail, ValueCheck } from './models-device.ts';
import type { CommonSetting, DeviceSetting } from './models-settings.ts';
import type { DatabaseBackup, DatabaseBackupSettings } from './models-maintenance.ts';
import type { CaCertificate, CwmpTlsSettings, Reachability } from './models-reach.ts';
import type {
  AlertRule,
  AlertSettings,
  Alert,
  DeviceMetricName,
  DeviceMetrics,
  FleetMetrics,
  MetricDefinition,
  MetricSettings,
} from './models-monitoring.ts';
import type { DeviceLog, DiagnosticRun } from './models-diagnostics.ts';
import type { ApplyProfileResult, DeviceProvisioning, DryRun, Profile, ProfileApplication } from './models-provisioning.ts';
import type { ProvisioningReport, Subscriber, SubscriberExport, SubscriberImportResult, WaitingDevice } from './models-provisioning.ts';
import type {
  ApiTokenInfo,
  CreateTasksResult,
  DefaultCredentials,
  DeleteResult,
  Overview,
  TagCount,
  TagResult,
  TaskBatch,
} from './models-fleet.ts';

export type ApiMethod = keyof ApiArgSchemas;
/** A method's argument object as callers write it (optional fields may be left out). */
export type ApiArgs<K extends ApiMethod> = v.InferInput<ApiArgSchemas[K]>;

/** Every method's result type. */
export interface ApiResults {
  serverInfo: ServerInfo;
  getOverview: Overview;
  listDevices: Page<DeviceSummary>;
  getDevice: DeviceDetail;
  deleteDevice: { removed: boolean };
  getParameters: ParameterRow[];
  getDeviceSummary: DeviceSummaryCard;
  getDeviceSettings: DeviceSetting[];
  listCommonSettings: CommonSetting[];
  setDeviceSettings: CreateTaskResult;
  checkValues: ValueCheck[];
  listFaults: DeviceFault[];
  listSessions: SessionRecord[];
  getSession: SessionDetail;
  listTags: TagCount[];
  tagDevices: TagResult;
  deleteDevices: DeleteResult;
  createTask: CreateTaskResult;
  createTasks: CreateTasksResult;
  getTaskBatch: TaskBatch;
  listTasks: TaskRecord[];
  getTask: TaskRecord;
  cancelTask: TaskRecord;
  retryTask: TaskRecord;
  connectionRequest: ConnectionRequestReport;
  enableStun: CreateTaskResult;
  getReachability: Reachability;
  getCaCertificate: CaCertificate;
  getCwmpTlsSettings: CwmpTlsSettings;
  setCwmpTlsSettings: CwmpTlsSettings;
  getDeviceCredentials: DeviceCredentials | null;
  setDeviceCredentials: DeviceCredentials;
  deleteDeviceCredentials: { removed: boolean };
  /** A device's own CPE -> ACS credentials (it may authenticate only with these). */
  getCpeCredentials: CpeDeviceCredentials | null;
  setCpeCredentials: CpeDeviceCredentials;
  deleteCpeCredentials: { removed: boolean };
  getDefaultCredentials: DefaultCredentials | null;
  setDefaultCredentials: DefaultCredentials;
  deleteDefaultCredentials: { removed: boolean };
  getCpeAuth: CpeAuthSettings;
  setCpeAuth: CpeAuthSettings;
  importDeviceCredentials: CredentialImportResult;
  /** Operator quirk rules (JSON), applied after the built-in ones; see services/quirks.ts. */
  getQuirkRules: unknown[];
  setQuirkRules: unknown[];
  listRegistrations: DeviceRegistration[];
  registerDevice: DeviceRegistration;
  unregisterDevice: { removed: boolean };
  /** How long sessions, faults, CPE requests and finished tasks are kept; the last pruning pass. */
  getHistorySettings: HistorySettings;
  setHistorySettings: HistorySettings;
  /** Prunes history now with the saved retention (joins a pass already running). */
  pruneHistory: HistoryPruneReport;
  getApiToken: ApiTokenInfo;
  regenerateApiToken: ApiTokenInfo;
  listFiles: FileRecord[];
  getFile: FileRecord;
  updateFile: FileRecord;
  deleteFile: { removed: boolean };
  beginFileUpload: FileUpload;
  appendFileUpload: FileUpload;
  finishFileUpload: AddFileResult;
  cancelFileUpload: { removed: boolean };
  listFileFetches: FileFetch[];
  createRollout: Rollout;
  listRollouts: Rollout[];
  getRollout: RolloutDetail;
  pauseRollout: Rollout;
  resumeRollout: Rollout;
  cancelRollout: Rollout;
  previewPush: PushPreview;
  listBackups: Backup[];
  getBackup: BackupContent;
  createSnapshot: Backup;
  updateBackup: Backup;
  deleteBackup: { removed: boolean };
  diffBackups: BackupDiff;
  restoreBackup: CreateTaskResult;
  getBackupSettings: BackupSettings;
  setBackupSettings: BackupSettings;
  getDatabaseBackups: DatabaseBackupSettings;
  setDatabaseBackups: DatabaseBackupSettings;
  backupDatabaseNow: DatabaseBackup;
  getDeviceMetrics: DeviceMetrics;
  listMetricNames: DeviceMetricName[];
  getFleetMetrics: FleetMetrics;
  getMetricDefinitions: MetricDefinition[];
  setMetricDefinitions: MetricDefinition[];
  getMetricSettings: MetricSettings;
  setMetricSettings: MetricSettings;
  listAlertRules: AlertRule[];
  createAlertRule: AlertRule;
  updateAlertRule: AlertRule;
  deleteAlertRule: { removed: boolean };
  listAlerts: Alert[];
  ackAlert: Alert;
  muteAlert: Alert;
  unmuteAlert: Alert;
  getAlertSettings: AlertSettings;
  setAlertSettings: AlertSettings;
  listDiagnostics: DiagnosticRun[];
  getDeviceLog: DeviceLog;
  listProfiles: Profile[];
  getProfile: Profile;
  createProfile: Profile;
  updateProfile: Profile;
  deleteProfile: { removed: boolean };
  dryRunProfile: DryRun;
  applyProfile: ApplyProfileResult;
  listProfileApplications: ProfileApplication[];
  getProvisioning: DeviceProvisioning;
  retryProvisioning: DeviceProvisioning;
  listSubscribers: Page<Subscriber>;
  getSubscriber: Subscriber;
  putSubscriber: Subscriber;
  deleteSubscriber: { removed: boolean };
  importSubscribers: SubscriberImportResult;
  exportSubscribers: SubscriberExport;
  bindSubscriber: Subscriber;
  unbindSubscriber: { removed: boolean };
  getDeviceSubscriber: Subscriber | null;
  listWaitingDevices: WaitingDevice[];
  handoverDevice: CreateTaskResult;
  getProvisioningReport: ProvisioningReport;
}

export type ApiResult<K extends ApiMethod> = ApiResults[K];

/** The contract as an interface: one async function per method, one argument object each. */
export type AcsApi = { [K in ApiMethod]: (args: ApiArgs<K>) => Promise<ApiResult<K>> };

type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PUT';

/**
 * HTTP routes of the JSON API. The mapping is mechanical: `:name` path segments, then (GET and
 * DELETE) query parameters or (POST and PUT) the JSON body, each under the argument's own name.
 */
export const apiRoutes = {
  serverInfo: { method: 'GET', path: '/api/info' },
  getOverview: { method: 'GET', path: '/api/overview' },
  listDevices: { method: 'GET', path: '/api/devices' },
  getDevice: { method: 'GET', path: '/api/devices/:id' },
  deleteDevice: { method: 'DELETE', path: '/api/devices/:id' },
  getParameters: { method: 'GET', path: '/api/devices/:id/parameters' },
  getDeviceSummary: { method: 'GET', path: '/api/devices/:id/summary' },
  getDeviceSettings: { method: 'GET', path: '/api/devices/:id/settings' },
  listCommonSettings: { method: 'GET', path: '/api/common-settings' },
  setDeviceSettings: { method: 'PUT', path: '/api/devices/:id/settings' },
  checkValues: { method: 'POST', path: '/api/devices/:id/check-values' },
  listFaults: { method: 'GET', path: '/api/devices/:id/faults' },
  listSessions: { method: 'GET', path: '/api/devices/:id/sessions' },
  getSession: { method: 'GET', path: '/api/sessions/:sessionId' },
  listTags: { method: 'GET', path: '/api/tags' },
  tagDevices: { method: 'POST', path: '/api/devices/tags' },
  deleteDevices: { method: 'POST', path: '/api/devices/delete' },
  createTask: { method: 'POST', path: '/api/devices/:id/tasks' },
  createTasks: { method: 'POST', path: '/api/tasks/batches' },
  getTaskBatch: { method: 'GET', path: '/api/tasks/batches/:batchId' },
  listTasks: { method: 'GET', path: '/api/tasks' },
  getTask: { method: 'GET', path: '/api/tasks/:taskId' },
  cancelTask: { method: 'DELETE', path: '/api/tasks/:taskId' },
  retryTask: { method: 'POST', path: '/api/tasks/:taskId/retry' },
  connectionRequest: { method: 'POST', path: '/api/devices/:id/connection-request' },
  enableStun: { method: 'POST', path: '/api/devices/:id/stun' },
  getReachability: { method: 'GET', path: '/api/devices/:id/reachability' },
  getCaCertificate: { method: 'GET', path: '/api/settings/tls/ca' },
  getCwmpTlsSettings: { method: 'GET', path: '/api/settings/tls' },
  setCwmpTlsSettings: { method: 'PUT', path: '/api/settings/tls' },
  getDeviceCredentials: { method: 'GET', path: '/api/devices/:id/credentials' },
  setDeviceCredentials: { method: 'PUT', path: '/api/devices/:id/credentials' },
  deleteDeviceCredentials: { method: 'DELETE', path: '/api/devices/:id/credentials' },
  getCpeCredentials: { method: 'GET', path: '/api/devices/:id/cpe-credentials' },
  setCpeCredentials: { method: 'PUT', path: '/api/devices/:id/cpe-credentials' },
  deleteCpeCredentials: { method: 'DELETE', path: '/api/devices/:id/cpe-credentials' },
  getDefaultCredentials: { method: 'GET', path: '/api/settings/connection-request' },
  setDefaultCredentials: { method: 'PUT', path: '/api/settings/connection-request' },
  deleteDefaultCredentials: { method: 'DELETE', path: '/api/settings/connection-request' },
  getCpeAuth: { method: 'GET', path: '/api/settings/cpe-auth' },
  setCpeAuth: { method: 'PUT', path: '/api/settings/cpe-auth' },
  importDeviceCredentials: { method: 'POST', path: '/api/credentials/import' },
  getQuirkRules: { method: 'GET', path: '/api/settings/quirks' },
  setQuirkRules: { method: 'PUT', path: '/api/settings/quirks' },
  listRegistrations: { method: 'GET', path: '/api/registrations' },
  registerDevice: { method: 'POST', path: '/api/registrations' },
  unregisterDevice: { method: 'DELETE', path: '/api/registrations/:id' },
  getHistorySettings: { method: 'GET', path: '/api/settings/history' },
  setHistorySettings: { method: 'PUT', path: '/api/settings/history' },
  pruneHistory: { method: 'POST', path: '/api/settings/history/prune' },
  getApiToken: { method: 'GET', path: '/api/settings/api-token' },
  regenerateApiToken: { method: 'POST', path: '/api/settings/api-token' },
  listFiles: { method: 'GET', path: '/api/files' },
  getFile: { method: 'GET', path: '/api/files/:fileId' },
  updateFile: { method: 'PUT', path: '/api/files/:fileId' },
  deleteFile: { method: 'DELETE', path: '/api/files/:fileId' },
  beginFileUpload: { method: 'POST', path: '/api/files/uploads' },
  appendFileUpload: { method: 'PUT', path: '/api/files/uploads/:uploadId' },
  finishFileUpload: { method: 'POST', path: '/api/files/uploads/:uploadId/finish' },
  cancelFileUpload: { method: 'DELETE', path: '/api/files/uploads/:uploadId' },
  listFileFetches: { method: 'GET', path: '/api/file-fetches' },
  createRollout: { method: 'POST', path: '/api/rollouts' },
  listRollouts: { method: 'GET', path: '/api/rollouts' },
  getRollout: { method: 'GET', path: '/api/rollouts/:rolloutId' },
  pauseRollout: { method: 'POST', path: '/api/rollouts/:rolloutId/pause' },
  resumeRollout: { method: 'POST', path: '/api/rollouts/:rolloutId/resume' },
  cancelRollout: { method: 'POST', path: '/api/rollouts/:rolloutId/cancel' },
  previewPush: { method: 'POST', path: '/api/files/:fileId/preview-push' },
  listBackups: { method: 'GET', path: '/api/devices/:id/backups' },
  getBackup: { method: 'GET', path: '/api/backups/:backupId' },
  createSnapshot: { method: 'POST', path: '/api/devices/:id/snapshots' },
  updateBackup: { method: 'PUT', path: '/api/backups/:backupId' },
  deleteBackup: { method: 'DELETE', path: '/api/backups/:backupId' },
  diffBackups: { method: 'GET', path: '/api/backups/:backupId/diff' },
  restoreBackup: { method: 'POST', path: '/api/backups/:backupId/restore' },
  getBackupSettings: { method: 'GET', path: '/api/settings/backups' },
  setBackupSettings: { method: 'PUT', path: '/api/settings/backups' },
  getDatabaseBackups: { method: 'GET', path: '/api/settings/database-backups' },
  setDatabaseBackups: { method: 'PUT', path: '/api/settings/database-backups' },
  backupDatabaseNow: { method: 'POST', path: '/api/settings/database-backups/run' },
  getDeviceMetrics: { method: 'GET', path: '/api/devices/:id/metrics' },
  listMetricNames: { method: 'GET', path: '/api/devices/:id/metric-names' },
  getFleetMetrics: { method: 'GET', path: '/api/metrics/fleet' },
  getMetricDefinitions: { method: 'GET', path: '/api/metrics/definitions' },
  setMetricDefinitions: { method: 'PUT', path: '/api/metrics/definitions' },
  getMetricSettings: { method: 'GET', path: '/api/settings/metrics' },
  setMetricSettings: { method: 'PUT', path: '/api/settings/metrics' },
  listAlertRules: { method: 'GET', path: '/api/alert-rules' },
  createAlertRule: { method: 'POST', path: '/api/alert-rules' },
  updateAlertRule: { method: 'PUT', path: '/api/alert-rules/:ruleId' },
  deleteAlertRule: { method: 'DELETE', path: '/api/alert-rules/:ruleId' },
  listAlerts: { method: 'GET', path: '/api/alerts' },
  ackAlert: { method: 'POST', path: '/api/alerts/:alertId/ack' },
  muteAlert: { method: 'POST', path: '/api/alerts/:alertId/mute' },
  unmuteAlert: { method: 'POST', path: '/api/alerts/:alertId/unmute' },
  getAlertSettings: { method: 'GET', path: '/api/settings/alerts' },
  setAlertSettings: { method: 'PUT', path: '/api/settings/alerts' },
  listDiagnostics: { method: 'GET', path: '/api/devices/:id/diagnostics' },
  getDeviceLog: { method: 'GET', path: '/api/devices/:id/log' },
  listProfiles: { method: 'GET', path: '/api/profiles' },
  getProfile: { method: 'GET', path: '/api/profiles/:name' },
  createProfile: { method: 'POST', path: '/api/profiles' },
  updateProfile: { method: 'PUT', path: '/api/profiles/:name' },
  deleteProfile: { method: 'DELETE', path: '/api/profiles/:name' },
  dryRunProfile: { method: 'GET', path: '/api/profiles/:name/dry-run' },
  applyProfile: { method: 'POST', path: '/api/profiles/:name/apply' },
  listProfileApplications: { method: 'GET', path: '/api/devices/:id/profile-applications' },
  getProvisioning: { method: 'GET', path: '/api/devices/:id/provisioning' },
  retryProvisioning: { method: 'POST', path: '/api/devices/:id/provisioning/retry' },
  listSubscribers: { method: 'GET', path: '/api/subscribers' },
  getSubscriber: { method: 'GET', path: '/api/subscribers/:accountId' },
  putSubscriber: { method: 'PUT', path: '/api/subscribers/:accountId' },
  deleteSubscriber: { method: 'DELETE', path: '/api/subscribers/:accountId' },
  importSubscribers: { method: 'POST', path: '/api/subscribers/import' },
  exportSubscribers: { method: 'POST', path: '/api/subscribers/export' },
  bindSubscriber: { method: 'PUT', path: '/api/devices/:id/subscriber' },
  unbindSubscriber: { method: 'DELETE', path: '/api/devices/:id/subscriber' },
  getDeviceSubscriber: { method: 'GET', path: '/api/devices/:id/subscriber' },
  listWaitingDevices: { method: 'GET', path: '/api/installer/waiting' },
  handoverDevice: { method: 'POST', path: '/api/devices/:id/handover' },
  getProvisioningReport: { method: 'GET', path: '/api/devices/:id/provisioning/report' },
} as const satisfies Record<ApiMethod, { method: HttpMethod; path: string }>;

/** Push events from the core (IPC push in the app, server-sent events in browser mode). */
export interface AcsEvents {
  /** `isNew`: the device's first Inform (it was not in the store before). */
  deviceInformed: { deviceId: string; events: string[]; isNew: boolean };
  sessionEnded: { deviceId: string; outcome: string; sessionId: number | null };
  taskUpdated: { taskId: number; deviceId: string; status: TaskStatus; batchId: string | null };
  /** Devices were deleted or re-tagged through the API (deviceIds: at most 1,000 listed). */
  devicesChanged: { change: 'deleted' | 'tagged'; count: number; deviceIds: string[] };
  /** A file was added, changed or removed from the library. */
  filesChanged: { fileId: number };
  /** A rollout changed state, or one of its devices did. */
  rolloutUpdated: { rolloutId: number; state: string };
  /** A backup of the device was stored, relabelled or removed. */
  backupsChanged: { deviceId: string; backupId: number };
  /** An alert opened, closed, was acknowledged or muted. */
  alertChanged: { alertId: number; state: 'open' | 'closed' };
  /** A device's provisioning steps changed (the installer's checklist refreshes). */
  provisioningChanged: { deviceId: string };
  /** Subscribers were created, changed, imported, deleted, bound or unbound (null: several). */
  subscribersChanged: { accountId: string | null; deviceId: string | null };
}
export type AcsEventName = keyof AcsEvents;
export const apiEventNames: readonly AcsEventName[] = [
  'deviceInformed',
  'sessionEnded',
  'taskUpdated',
  'devicesChanged',
  'filesChanged',
  'rolloutUpdated',
  'backupsChanged',
  'alertChanged',
  'provisioningChanged',
  'subscribersChanged',
];

/**
 * Server-sent events stream of `AcsEvents` in browser mode (`event: <name>`, `data: <json>`).
 * EventSource cannot send headers, so this one route also accepts `?token=`.
 */
export const apiEventsPath = '/api/events';
