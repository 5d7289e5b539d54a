// Builds the object the preload exposes as `window.acs`: exactly one function per contract method
// plus `onEvent`. Takes the IPC renderer as a parameter, so tests check the surface and drive it
// without an Electron binary.
import type { AcsEventName, AcsEvents, ApiArgs, ApiMethod, ApiResult } from '../../shared/contract.ts';
import type { AcsBridge, ApiResponse } from '../../shared/bridge.ts';
import { ipcChannelOf, ipcEventChannel, isAcsEventName, isApiMethod, isEventMessageFor } from '../../shared/bridge.ts';

/** The part of Electron's ipcRenderer the bridge uses (ipcRenderer satisfies it). */
export interface BridgeIpc {
  invoke(channel: string, args: unknown): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export type IpcListener = (event: unknown, message: unknown) => void;

export function createBridge(ipc: BridgeIpc): AcsBridge {
  function method<K extends ApiMethod>(name: K): (args: ApiArgs<K>) => Promise<ApiResponse<ApiResult<K>>> {
    // Refuse at creation, so a typo in the list below fails on load, not on first use.
    if (!isApiMethod(name)) throw new Error(`Not a contract method: ${String(name)}`);
    const channel = ipcChannelOf(name);
    // The main process answers every call with an ApiResponse (see electron/main/ipc.ts).
    return (args) => ipc.invoke(channel, args ?? {}) as Promise<ApiResponse<ApiResult<K>>>;
  }

  function onEvent<K extends AcsEventName>(name: K, listener: (payload: AcsEvents[K]) => void): () => void {
    if (!isAcsEventName(name)) throw new Error(`Not a contract event: ${String(name)}`);
    if (typeof listener !== 'function') throw new Error('onEvent needs a listener function');
    // The IpcRendererEvent stays here: handing it to the page would leak `sender`.
    const handler: IpcListener = (_event, message) => {
      if (isEventMessageFor(message, name)) listener(message.payload);
    };
    ipc.on(ipcEventChannel, handler);
    return () => {
      ipc.removeListener(ipcEventChannel, handler);
    };
  }

  return {
    serverInfo: method('serverInfo'),
    listDevices: method('listDevices'),
    getDevice: method('getDevice'),
    getParameters: method('getParameters'),
    createTask: method('createTask'),
    listTasks: method('listTasks'),
    getTask: method('getTask'),
    cancelTask: method('cancelTask'),
    connectionRequest: method('connectionRequest'),
    getDeviceCredentials: method('getDeviceCredentials'),
    setDeviceCredentials: method('setDeviceCredentials'),
    deleteDeviceCredentials: method('deleteDeviceCredentials'),
    getCpeCredentials: method('getCpeCredentials'),
    setCpeCredentials: method('setCpeCredentials'),
    deleteCpeCredentials: method('deleteCpeCredentials'),
    getCpeAuth: method('getCpeAuth'),
    setCpeAuth: method('setCpeAuth'),
    importDeviceCredentials: method('importDeviceCredentials'),
    getQuirkRules: method('getQuirkRules'),
    setQuirkRules: method('setQuirkRules'),
    listRegistrations: method('listRegistrations'),
    registerDevice: method('registerDevice'),
    unregisterDevice: method('unregisterDevice'),
    getHistorySettings: method('getHistorySettings'),
    setHistorySettings: method('setHistorySettings'),
    pruneHistory: method('pruneHistory'),
    onEvent,
  } satisfies AcsBridge;
}
