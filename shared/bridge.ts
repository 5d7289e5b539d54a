// The typed bridge between the renderer and the Electron main process. Pure TypeScript: the
// preload implements `AcsBridge` (checked with `satisfies`), main registers one IPC handler per
// contract method, and the renderer's api-client consumes it. No electron import here.
import type { AcsEventName, AcsEvents, ApiArgs, ApiMethod, ApiResult } from './contract.ts';
import { apiEventNames } from './contract.ts';
import { apiArgSchemas } from './contract-args.ts';
import type { ApiError } from './errors.ts';

/**
 * What crosses IPC for every call. Errors travel as data because Electron keeps only `message`
 * of an Error thrown in a handler; the renderer's client turns `ok: false` back into an exception.
 */
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** One function per contract method, and nothing generic. */
export type AcsBridgeMethods = {
  [K in ApiMethod]: (args: ApiArgs<K>) => Promise<ApiResponse<ApiResult<K>>>;
};

export interface AcsBridgeEvents {
  /** Subscribes to a core push event; returns the unsubscribe function. Unknown names throw. */
  onEvent<K extends AcsEventName>(name: K, listener: (payload: AcsEvents[K]) => void): () => void;
}

/** The object the preload exposes as `window.acs`. */
export type AcsBridge = AcsBridgeMethods & AcsBridgeEvents;

/** The global name of the bridge in the renderer. */
export const bridgeGlobalName = 'acs';

/** The channel every push event is sent on, as an `AcsEventMessage`. */
export const ipcEventChannel = 'acs:event';

/** A push event as sent from main to the renderer. */
export type AcsEventMessage = { [K in AcsEventName]: { name: K; payload: AcsEvents[K] } }[AcsEventName];

export type IpcChannel<K extends ApiMethod = ApiMethod> = `acs:${K}`;

/** The IPC channel of a contract method: derived from its name, never written by hand. */
export function ipcChannelOf<K extends ApiMethod>(method: K): IpcChannel<K> {
  return `acs:${method}`;
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiArgSchemas, name);
}

export function isAcsEventName(name: unknown): name is AcsEventName {
  return typeof name === 'string' && apiEventNames.some((n) => n === name);
}

/** Every contract method, in contract order (the keys of the argument schemas). */
export const apiMethods: readonly ApiMethod[] = Object.keys(apiArgSchemas).filter(isApiMethod);

/** Checks the shape of a push event received over IPC, for the named event. */
export function isEventMessageFor<K extends AcsEventName>(message: unknown, name: K): message is { name: K; payload: AcsEvents[K] } {
  return typeof message === 'object' && message !== null && 'name' in message && message.name === name && 'payload' in message;
}
