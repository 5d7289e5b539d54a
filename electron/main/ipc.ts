// One ipcMain.handle per contract method, built from the contract's method list, with channel
// names derived from the method names. Thin on purpose: check the sender, pass the argument
// object to the core's AcsApi (which validates it), return an ApiResponse. No logic here.
import type { AcsApi, AcsEventName, AcsEvents, ApiMethod, ApiResult } from '../../shared/contract.ts';
import { apiEventNames } from '../../shared/contract.ts';
import type { ApiResponse } from '../../shared/bridge.ts';
import { apiMethods, ipcChannelOf } from '../../shared/bridge.ts';
import { toApiError } from '../../shared/errors.ts';
import type { AcsEventBus } from '../core/acs-types.ts';

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
    // The AcsApi validates the fields against the method's schema (core/api-validate.ts).
    const call = options.api[method] as (a: unknown) => Promise<ApiResult<K>>;
    const value = await call(args);
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
