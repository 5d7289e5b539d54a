// The IPC bridge, checked mechanically and without an Electron binary: the preload exposes exactly
// the contract (one function per method, plus onEvent), main registers exactly one handler per
// method on a channel derived from its name, refuses foreign senders, and returns errors as data.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiResponse } from '../../shared/bridge.ts';
import { apiMethods, ipcChannelOf, ipcEventChannel } from '../../shared/bridge.ts';
import type { AcsApi } from '../../shared/contract.ts';
import { apiEventNames, apiRoutes } from '../../shared/contract.ts';
import { AcsError } from '../../shared/errors.ts';
import { createEventHub } from '../../electron/core/events.ts';
import { forwardEvents, registerIpcHandlers } from '../../electron/main/ipc.ts';
import { isAllowedExternalUrl, isTrustedRendererUrl } from '../../electron/main/security.ts';
import { loopbackIpc } from '../helpers/ipc-loopback.ts';
import { createBridge } from '../../electron/preload/create-bridge.ts';

const rendererFileUrl = 'file:///opt/DeskACS/resources/app.asar/dist/renderer/index.html';
const where = { rendererFileUrl, devServerUrl: null };

/** An AcsApi whose every method records its call and echoes its name. */
function echoApi(calls: Array<{ method: string; args: unknown }>): AcsApi {
  const entries = apiMethods.map((method) => [
    method,
    async (args: unknown) => {
      calls.push({ method, args });
      return { echoed: method };
    },
  ]);
  // A test double built from the contract's method list, so it grows with the contract.
  return Object.fromEntries(entries) as AcsApi;
}

describe('contract method list', () => {
  test('apiMethods lists exactly the keys of apiRoutes (which satisfies Record<keyof AcsApi, ...>)', () => {
    assert.deepEqual([...apiMethods].sort(), Object.keys(apiRoutes).sort());
    assert.ok(apiMethods.length > 0);
  });

  test('IPC channels are derived from method names and do not collide with the event channel', () => {
    const channels: string[] = apiMethods.map((m) => ipcChannelOf(m));
    assert.deepEqual(
      channels,
      apiMethods.map((m) => `acs:${m}`),
    );
    assert.equal(new Set(channels).size, channels.length);
    assert.ok(!channels.includes(ipcEventChannel));
  });
});

describe('preload bridge', () => {
  test('exposes exactly one function per contract method, plus onEvent', () => {
    const bridge = createBridge(loopbackIpc(rendererFileUrl).ipcRenderer);
    assert.deepEqual(Object.keys(bridge).sort(), [...apiMethods, 'onEvent'].sort());
    for (const [name, value] of Object.entries(bridge)) assert.equal(typeof value, 'function', name);
  });

  test('each method invokes its own channel with the argument object unchanged', async () => {
    const ipc = loopbackIpc(rendererFileUrl);
    registerIpcHandlers({ ipcMain: ipc.ipcMain, api: echoApi([]), isTrustedSender: () => true });
    const bridge = createBridge(ipc.ipcRenderer);
    for (const method of apiMethods) await Reflect.apply(bridge[method], bridge, [{ id: `dev-${method}` }]);
    assert.deepEqual(
      ipc.invoked,
      apiMethods.map((m) => ({ channel: `acs:${m}`, args: { id: `dev-${m}` } })),
    );
  });

  test('onEvent refuses names outside the contract and delivers only the named payload', () => {
    const ipc = loopbackIpc(rendererFileUrl);
    const bridge = createBridge(ipc.ipcRenderer);
    // A page is untyped JavaScript: call it the way a page could.
    assert.throws(() => Reflect.apply(bridge.onEvent, bridge, ['acs:listDevices', () => {}]), /Not a contract event/);
    assert.throws(() => Reflect.apply(bridge.onEvent, bridge, ['__proto__', () => {}]), /Not a contract event/);
    const got: unknown[] = [];
    const off = bridge.onEvent('deviceInformed', (payload) => got.push(payload));
    ipc.send(ipcEventChannel, { name: 'sessionEnded', payload: { deviceId: 'a', outcome: 'ok' } });
    ipc.send(ipcEventChannel, { name: 'deviceInformed', payload: { deviceId: 'b', events: ['2 PERIODIC'] } });
    ipc.send(ipcEventChannel, 'garbage');
    assert.deepEqual(got, [{ deviceId: 'b', events: ['2 PERIODIC'] }]);
    off();
    assert.equal(ipc.listeners.size, 0);
  });
});

describe('main IPC handlers', () => {
  test('registers exactly one handler per contract method and removes them all', () => {
    const ipc = loopbackIpc(rendererFileUrl);
    const dispose = registerIpcHandlers({ ipcMain: ipc.ipcMain, api: echoApi([]), isTrustedSender: () => true });
    assert.deepEqual([...ipc.handlers.keys()].sort(), apiMethods.map((m) => `acs:${m}`).sort());
    dispose();
    assert.equal(ipc.handlers.size, 0);
  });

  test('a call from the app renderer reaches the same-named API method through the bridge', async () => {
    const ipc = loopbackIpc(`${rendererFileUrl}#/devices`);
    const calls: Array<{ method: string; args: unknown }> = [];
    const isTrustedSender = (url: string): boolean => isTrustedRendererUrl(url, where);
    registerIpcHandlers({ ipcMain: ipc.ipcMain, api: echoApi(calls), isTrustedSender });
    const bridge = createBridge(ipc.ipcRenderer);
    const reply = await bridge.listDevices({ q: 'ZX', limit: 10 });
    assert.deepEqual(reply, { ok: true, value: { echoed: 'listDevices' } });
    assert.deepEqual(calls, [{ method: 'listDevices', args: { q: 'ZX', limit: 10 } }]);
  });

  test('refuses senders other than the app renderer, without calling the API', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/index.html', 'about:blank', '', null]) {
      const ipc = loopbackIpc(url);
      const calls: Array<{ method: string; args: unknown }> = [];
      registerIpcHandlers({ ipcMain: ipc.ipcMain, api: echoApi(calls), isTrustedSender: (u) => isTrustedRendererUrl(u, where) });
      const reply = await createBridge(ipc.ipcRenderer).serverInfo({});
      assert.equal(reply.ok, false, String(url));
      assert.equal(!reply.ok && reply.error.code, 'unauthorized');
      assert.deepEqual(calls, []);
    }
  });

  test('returns failures as { ok: false, error: { code, message } }', async () => {
    const ipc = loopbackIpc(rendererFileUrl);
    const api: AcsApi = {
      ...echoApi([]),
      getDevice: async ({ id }) => {
        throw new AcsError('not_found', `no device ${id}`);
      },
      getParameters: async () => {
        throw new Error('disk full');
      },
    };
    registerIpcHandlers({ ipcMain: ipc.ipcMain, api, isTrustedSender: () => true });
    const bridge = createBridge(ipc.ipcRenderer);
    const notFound: ApiResponse<unknown> = await bridge.getDevice({ id: 'X-1' });
    assert.deepEqual(notFound, { ok: false, error: { code: 'not_found', message: 'no device X-1' } });
    assert.deepEqual(await bridge.getParameters({ id: 'X-1' }), { ok: false, error: { code: 'internal', message: 'disk full' } });
    const badArgs = await ipc.ipcRenderer.invoke('acs:getDevice', 'X-1');
    assert.deepEqual(badArgs, { ok: false, error: { code: 'bad_request', message: 'getDevice expects one argument object' } });
  });

  test('channels outside the contract have no handler', async () => {
    const ipc = loopbackIpc(rendererFileUrl);
    registerIpcHandlers({ ipcMain: ipc.ipcMain, api: echoApi([]), isTrustedSender: () => true });
    await assert.rejects(ipc.ipcRenderer.invoke('acs:dropDatabase', {}), /No handler registered/);
  });
});

describe('push events', () => {
  test('every contract event is forwarded to the renderer listener until unsubscribed', () => {
    const ipc = loopbackIpc(rendererFileUrl);
    const hub = createEventHub();
    const stop = forwardEvents(hub, (name, payload) => ipc.send(ipcEventChannel, { name, payload }));
    const bridge = createBridge(ipc.ipcRenderer);
    const got: unknown[] = [];
    const offs = apiEventNames.map((name) => bridge.onEvent(name, (payload) => got.push({ name, payload })));
    hub.emit('deviceInformed', { deviceId: 'd1', events: ['1 BOOT'], isNew: true });
    hub.emit('sessionEnded', { deviceId: 'd1', outcome: 'ok', sessionId: 7 });
    stop();
    hub.emit('sessionEnded', { deviceId: 'd2', outcome: 'ok', sessionId: 8 });
    for (const off of offs) off();
    assert.deepEqual(got, [
      { name: 'deviceInformed', payload: { deviceId: 'd1', events: ['1 BOOT'], isNew: true } },
      { name: 'sessionEnded', payload: { deviceId: 'd1', outcome: 'ok', sessionId: 7 } },
    ]);
  });
});

describe('URL policies', () => {
  test('trusts only the app index.html or the dev server origin', () => {
    assert.ok(isTrustedRendererUrl(rendererFileUrl, where));
    assert.ok(isTrustedRendererUrl(`${rendererFileUrl}?x=1#/a`, where));
    assert.ok(!isTrustedRendererUrl('file:///opt/DeskACS/resources/app.asar/dist/renderer/other.html', where));
    assert.ok(!isTrustedRendererUrl('file://evil-host/opt/DeskACS/resources/app.asar/dist/renderer/index.html', where));
    assert.ok(!isTrustedRendererUrl('http://127.0.0.1:5173/', where));
    const dev = { rendererFileUrl, devServerUrl: 'http://127.0.0.1:5173/' };
    assert.ok(isTrustedRendererUrl('http://127.0.0.1:5173/src/main.tsx', dev));
    assert.ok(!isTrustedRendererUrl('http://127.0.0.1:5174/', dev));
    assert.ok(!isTrustedRendererUrl('not a url', dev));
  });

  test('opens externally only https URLs on allow-listed hosts', () => {
    assert.ok(isAllowedExternalUrl('https://www.broadband-forum.org/technical/download/TR-069.pdf'));
    assert.ok(isAllowedExternalUrl('https://github.com/deskacs'));
    assert.ok(!isAllowedExternalUrl('http://github.com/'));
    assert.ok(!isAllowedExternalUrl('https://github.com.evil.example/'));
    assert.ok(!isAllowedExternalUrl('https://user:pw@github.com/'));
    assert.ok(!isAllowedExternalUrl('https://github.com:8443/'));
    assert.ok(!isAllowedExternalUrl('file:///etc/passwd'));
    assert.ok(!isAllowedExternalUrl('javascript:alert(1)'));
  });
});
