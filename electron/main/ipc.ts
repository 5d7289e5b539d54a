// One ipcMain.handle per contract method, channel names derived from the contract. Thin on
// purpose: check the sender, pass the argument object to the core's AcsApi, return an
// ApiResponse. No business logic here.
import type { AcsApi, AcsEventName, AcsEvents, ApiArgs, ApiMethod, ApiResult } from '../../shared/contract.ts';
import { apiEventNames } from '../../shared/contract.ts';
import type { ApiResponse } from '../../shared/bridge.ts';
import { apiMethods, ipcChannelOf } from '../../shared/bridge.ts';
import { toApiError } from '../../shared/errors.ts';
import type { AcsEventBus } from '../core/acs-types.ts';

type Handler<K extends ApiMethod> = (api: AcsApi, args: ApiArgs<K>) => Promise<ApiResult<K>>;

/** The typed map: the compiler refuses a contract method without an entry here. */
const handlers: { [K in ApiMethod]: Handler<K> } = {
  serverInfo: (api, args) => api.serverInfo(args),
  listDevices: (api, args) => api.listDevices(args),
  getDevice: (api, args) => api.getDevice(args),
  getParameters: (api, args) => api.getParameters(args),
  createTask: (api, args) => api.createTask(args),
  listTasks: (api, args) => api.listTasks(args),
  getTask: (api, args) => api.getTask(args),
  cancelTask: (api, args) => api.cancelTask(args),
  connectionRequest: (api, args) => api.connectionRequest(args),
  getDeviceCredentials: (api, args) => api.getDeviceCredentials(args),
  setDeviceCredentials: (api, args) => api.setDeviceCredentials(args),
  deleteDeviceCredentials: (api, args) => api.deleteDeviceCredentials(args),
  getCpeCredentials: (api, args) => api.getCpeCredentials(args),
  setCpeCredentials: (api, args) => api.setCpeCredentials(args),
  deleteCpeCredentials: (api, args) => api.deleteCpeCredentials(args),
  getCpeAuth: (api, args) => api.getCpeAuth(args),
  setCpeAuth: (api, args) => api.setCpeAuth(args),
  importDeviceCredentials: (api, args) => api.importDeviceCredentials(args),
  getQuirkRules: (api, args) => api.getQuirkRules(args),
  setQuirkRules: (api, args) => api.setQuirkRules(args),
  listRegistrations: (api, args) => api.listRegistrations(args),
  registerDevice: (api, args) => api.registerDevice(args),
  unregisterDevice: (api, args) => api.unregisterDevice(args),
  getHistorySettings: (api, args) => api.getHistorySettings(args),
  setHistorySettings: (api, args) => api.setHistorySettings(args),
  pruneHistory: (api, args) => api.pruneHistory(args),
};

/** What a handler needs of Electron's IpcMainInvokeEvent: the frame that sent the call. */
export interface SenderEvent {
  senderFrame: { url: string } | null;
}

/** The part of Electron's ipcMain used here (ipcMain satisfies it). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: SenderEvent, args: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  ipcMain: IpcMainLike;
  api: AcsApi;
  /** True when the URL is the app's own renderer (see security.ts). */
  isTrustedSender(url: string): boolean;
}

/** Registers every contract handler; returns a function that removes them all. */
export function registerIpcHandlers(options: IpcOptions): () => void {
  const { ipcMain } = options;
  const channels = apiMethods.map((method) => {
    const channel = ipcChannelOf(method);
    ipcMain.handle(channel, (event, args: unknown) => handleCall(options, method, event, args));
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

async function handleCall<K extends ApiMethod>(
  options: IpcOptions,
  method: K,
  event: SenderEvent,
  args: unknown,
): Promise<ApiResponse<ApiResult<K>>> {
  // senderFrame is null when the frame navigated away or was destroyed: refuse that too.
  const url = event.senderFrame?.url ?? '';
  if (!options.isTrustedSender(url)) {
    return { ok: false, error: { code: 'unauthorized', message: `IPC call ${method} refused from ${url || 'an unknown frame'}` } };
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    return { ok: false, error: { code: 'bad_request', message: `${method} expects one argument object` } };
  }
  try {
    // The core validates the fields; here the shape is only known to be a plain object.
    const value = await handlers[method](options.api, args as ApiArgs<K>);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}

export type EventSink = <K extends AcsEventName>(name: K, payload: AcsEvents[K]) => void;

/** Forwards every contract push event to `send`; returns the unsubscribe function. */
export function forwardEvents(events: AcsEventBus, send: EventSink): () => void {
  const offs = apiEventNames.map((name) => subscribe(events, name, send));
  return () => {
    for (const off of offs) off();
  };
}

function subscribe<K extends AcsEventName>(events: AcsEventBus, name: K, send: EventSink): () => void {
  return events.on(name, (payload) => send(name, payload));
}
