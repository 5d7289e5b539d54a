// An in-memory ipcMain + ipcRenderer pair standing in for Electron's (no binary here): invoke()
// reaches main's handler as if sent from `senderUrl`, and main's sends reach the listeners.
import assert from 'node:assert/strict';
import type { IpcMainLike, SenderEvent } from '../../electron/main/ipc.ts';
import type { BridgeIpc, IpcListener } from '../../electron/preload/create-bridge.ts';

type Handler = (event: SenderEvent, args: unknown) => Promise<unknown>;

/** An in-memory ipcMain + ipcRenderer pair: invoke() reaches main's handler from `senderUrl`. */
/** The loopback pair, with what was invoked and a `send` for main's push events. */
export function loopbackIpc(senderUrl: string | null): {
  ipcMain: IpcMainLike;
  ipcRenderer: BridgeIpc;
  handlers: Map<string, Handler>;
  listeners: Set<{ channel: string; listener: IpcListener }>;
  invoked: Array<{ channel: string; args: unknown }>;
  send(channel: string, message: unknown): void;
} {
  const handlers = new Map<string, Handler>();
  const listeners = new Set<{ channel: string; listener: IpcListener }>();
  const invoked: Array<{ channel: string; args: unknown }> = [];
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      assert.ok(!handlers.has(channel), `second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const ipcRenderer: BridgeIpc = {
    async invoke(channel, args) {
      invoked.push({ channel, args });
      const handler = handlers.get(channel);
      // Electron rejects an invoke on a channel without a handler; so does this fake.
      if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
      return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, args);
    },
    on: (channel, listener) => listeners.add({ channel, listener }),
    removeListener(channel, listener) {
      for (const l of listeners) if (l.channel === channel && l.listener === listener) listeners.delete(l);
    },
  };
  const send = (channel: string, message: unknown): void => {
    for (const l of listeners) if (l.channel === channel) l.listener({ sender: 'never shown to the page' }, message);
  };
  return { ipcMain, ipcRenderer, handlers, listeners, invoked, send };
}
