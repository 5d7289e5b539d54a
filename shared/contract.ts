// The API contract: every method the UI (or any client) may call, with its argument type, result
// type and HTTP route. IPC, HTTP and tests all go through one implementation of `AcsApi`.
import type {
  CpeDeviceCredentials,
  CredentialImportResult,
  ConnectionRequestReport,
  CpeAuthSettings,
  DeviceRegistration,
  CreateTaskResult,
  DeviceCredentials,
  DeviceDetail,
  DeviceSummary,
  HistoryPruneReport,
  HistoryRetention,
  HistorySettings,
  Page,
  ParameterRow,
  ServerInfo,
  TaskRecord,
  TaskStatus,
} from './models.ts';
import type { TaskOptions } from './tasks.ts';

export interface ListDevicesArgs {
  q?: string;
  /** With `value`: only devices whose parameter at this path has exactly this value. */
  param?: string;
  value?: string;
  offset?: number;
  limit?: number;
}

export interface GetDeviceArgs {
  id: string;
}

export interface GetParametersArgs {
  id: string;
  prefix?: string;
}

export interface CreateTaskArgs extends TaskOptions {
  id: string;
  /** A TaskSpec as JSON, e.g. {"name": "reboot"}; validated by the core. */
  task: unknown;
}

export interface ListTasksArgs {
  deviceId?: string;
  status?: TaskStatus;
  limit?: number;
}

export interface TaskIdArgs {
  taskId: number;
}

export interface SetDeviceCredentialsArgs {
  id: string;
  username: string;
  password: string;
}

export interface AcsApi {
  serverInfo(args: Record<string, never>): Promise<ServerInfo>;
  listDevices(args: ListDevicesArgs): Promise<Page<DeviceSummary>>;
  getDevice(args: GetDeviceArgs): Promise<DeviceDetail>;
  getParameters(args: GetParametersArgs): Promise<ParameterRow[]>;
  createTask(args: CreateTaskArgs): Promise<CreateTaskResult>;
  listTasks(args: ListTasksArgs): Promise<TaskRecord[]>;
  getTask(args: TaskIdArgs): Promise<TaskRecord>;
  cancelTask(args: TaskIdArgs): Promise<TaskRecord>;
  connectionRequest(args: GetDeviceArgs): Promise<ConnectionRequestReport>;
  getDeviceCredentials(args: GetDeviceArgs): Promise<DeviceCredentials | null>;
  setDeviceCredentials(args: SetDeviceCredentialsArgs): Promise<DeviceCredentials>;
  deleteDeviceCredentials(args: GetDeviceArgs): Promise<{ removed: boolean }>;
  /** A device's own CPE -> ACS credentials (it may authenticate only with these). */
  getCpeCredentials(args: GetDeviceArgs): Promise<CpeDeviceCredentials | null>;
  setCpeCredentials(args: SetDeviceCredentialsArgs): Promise<CpeDeviceCredentials>;
  deleteCpeCredentials(args: GetDeviceArgs): Promise<{ removed: boolean }>;
  getCpeAuth(args: Record<string, never>): Promise<CpeAuthSettings>;
  setCpeAuth(args: Partial<CpeAuthSettings>): Promise<CpeAuthSettings>;
  importDeviceCredentials(args: { rows: { deviceId: string; username: string; password: string }[] }): Promise<CredentialImportResult>;
  /** Operator quirk rules (JSON), applied after the built-in ones; see services/quirks.ts. */
  getQuirkRules(args: Record<string, never>): Promise<unknown[]>;
  setQuirkRules(args: { rules: unknown }): Promise<unknown[]>;
  listRegistrations(args: Record<string, never>): Promise<DeviceRegistration[]>;
  registerDevice(args: { id: string; note?: string }): Promise<DeviceRegistration>;
  unregisterDevice(args: GetDeviceArgs): Promise<{ removed: boolean }>;
  /** How long sessions, faults, CPE requests and finished tasks are kept; the last pruning pass. */
  getHistorySettings(args: Record<string, never>): Promise<HistorySettings>;
  setHistorySettings(args: Partial<HistoryRetention>): Promise<HistorySettings>;
  /** Prunes history now with the saved retention (joins a pass already running). */
  pruneHistory(args: Record<string, never>): Promise<HistoryPruneReport>;
}

export type ApiMethod = keyof AcsApi;
export type ApiArgs<K extends ApiMethod> = Parameters<AcsApi[K]>[0];
export type ApiResult<K extends ApiMethod> = Awaited<ReturnType<AcsApi[K]>>;

/** HTTP routes of the JSON API; path parameters are taken from the argument object. */
export const apiRoutes = {
  serverInfo: { method: 'GET', path: '/api/info' },
  listDevices: { method: 'GET', path: '/api/devices' },
  getDevice: { method: 'GET', path: '/api/devices/:id' },
  getParameters: { method: 'GET', path: '/api/devices/:id/parameters' },
  createTask: { method: 'POST', path: '/api/devices/:id/tasks' },
  listTasks: { method: 'GET', path: '/api/tasks' },
  getTask: { method: 'GET', path: '/api/tasks/:taskId' },
  cancelTask: { method: 'DELETE', path: '/api/tasks/:taskId' },
  connectionRequest: { method: 'POST', path: '/api/devices/:id/connection-request' },
  getDeviceCredentials: { method: 'GET', path: '/api/devices/:id/credentials' },
  setDeviceCredentials: { method: 'PUT', path: '/api/devices/:id/credentials' },
  deleteDeviceCredentials: { method: 'DELETE', path: '/api/devices/:id/credentials' },
  getCpeCredentials: { method: 'GET', path: '/api/devices/:id/cpe-credentials' },
  setCpeCredentials: { method: 'PUT', path: '/api/devices/:id/cpe-credentials' },
  deleteCpeCredentials: { method: 'DELETE', path: '/api/devices/:id/cpe-credentials' },
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
} as const satisfies Record<ApiMethod, { method: 'GET' | 'POST' | 'DELETE' | 'PUT'; path: string }>;

/** Push events from the core (IPC push in the app, server-sent events in browser mode). */
export interface AcsEvents {
  deviceInformed: { deviceId: string; events: string[] };
  sessionEnded: { deviceId: string; outcome: string };
  taskUpdated: { taskId: number; deviceId: string; status: TaskStatus };
}
export type AcsEventName = keyof AcsEvents;
export const apiEventNames: readonly AcsEventName[] = ['deviceInformed', 'sessionEnded', 'taskUpdated'];

/**
 * Server-sent events stream of `AcsEvents` in browser mode (`event: <name>`, `data: <json>`).
 * EventSource cannot send headers, so this one route also accepts `?token=`.
 */
export const apiEventsPath = '/api/events';
