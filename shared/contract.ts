// The API contract: every method the UI (or any client) may call, with its argument type, result
// type and HTTP route. IPC, HTTP and tests all go through one implementation of `AcsApi`.
import type { DeviceDetail, DeviceSummary, Page, ParameterRow, ServerInfo } from './models.ts';

export interface ListDevicesArgs {
  q?: string;
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

export interface AcsApi {
  serverInfo(args: Record<string, never>): Promise<ServerInfo>;
  listDevices(args: ListDevicesArgs): Promise<Page<DeviceSummary>>;
  getDevice(args: GetDeviceArgs): Promise<DeviceDetail>;
  getParameters(args: GetParametersArgs): Promise<ParameterRow[]>;
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
} as const satisfies Record<ApiMethod, { method: 'GET' | 'POST' | 'DELETE' | 'PUT'; path: string }>;

/** Push events from the core (IPC push in the app, server-sent events in browser mode). */
export interface AcsEvents {
  deviceInformed: { deviceId: string; events: string[] };
  sessionEnded: { deviceId: string; outcome: string };
}
export type AcsEventName = keyof AcsEvents;
export const apiEventNames: readonly AcsEventName[] = ['deviceInformed', 'sessionEnded'];

/**
 * Server-sent events stream of `AcsEvents` in browser mode (`event: <name>`, `data: <json>`).
 * EventSource cannot send headers, so this one route also accepts `?token=`.
 */
export const apiEventsPath = '/api/events';
