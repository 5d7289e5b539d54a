// Builds the object the preload exposes as `window.acs`: exactly one function per contract method
// plus `onEvent`. Takes the IPC renderer as a parameter, so tests check the surface and drive it
// without an Electron binary.
import type { AcsEventName, AcsEvents, ApiArgs, ApiMethod, ApiResult } from '../../shared/contract.ts';
import type { AcsBridge, AcsBridgeMethods, ApiResponse } from '../../shared/bridge.ts';
import { apiMethods, ipcChannelOf, ipcEventChannel, isAcsEventName, isApiMethod, isEventMessageFor } from '../../shared/bridge.ts';

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

  // One function per contract method, built from the method list (so it grows with the contract).
  const methods = Object.fromEntries(apiMethods.map((name) => [name, method(name)])) as AcsBridgeMethods;
  return { ...methods, onEvent } satisfies AcsBridge;
}
