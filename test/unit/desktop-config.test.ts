// The desktop app's configuration from its environment (electron/main/desktop-config.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Logger } from '../../electron/core/acs-types.ts';
import { cwmpPortFrom, dataDirOverride, desktopConfig, startFailureHint } from '../../electron/main/desktop-config.ts';

const log: Logger = { info: () => {}, warn: () => {}, error: () => {} };

describe('desktop config', () => {
  test('CPEs reach the desktop app on 7547 on every interface; no HTTP API (the window uses IPC)', () => {
    const config = desktopConfig({ dataDir: '/d', log, env: {}, isPackaged: true });
    assert.equal(config.cwmpPort, 7547);
    assert.equal(config.cwmpHost, '0.0.0.0');
    assert.equal(config.httpPort, null);
    assert.equal(config.webRoot, null);
    assert.equal(config.nativeBinding, undefined);
  });

  test('the unpackaged app loads the Electron build of better-sqlite3 named by DESKACS_NATIVE_BINDING', () => {
    const env = { DESKACS_NATIVE_BINDING: '/repo/.electron-native/x/better_sqlite3.node' };
    assert.equal(desktopConfig({ dataDir: '/d', log, env, isPackaged: false }).nativeBinding, env.DESKACS_NATIVE_BINDING);
    // Packaged: electron-builder rebuilt node_modules for Electron; a stray variable is ignored.
    assert.equal(desktopConfig({ dataDir: '/d', log, env, isPackaged: true }).nativeBinding, undefined);
    assert.equal(desktopConfig({ dataDir: '/d', log, env: { DESKACS_NATIVE_BINDING: ' ' }, isPackaged: false }).nativeBinding, undefined);
  });

  test('DESKACS_CWMP_PORT: a port number (0 = any free port); anything else is refused by name', () => {
    assert.equal(cwmpPortFrom({ DESKACS_CWMP_PORT: '0' }), 0);
    assert.equal(cwmpPortFrom({ DESKACS_CWMP_PORT: '17547' }), 17547);
    assert.equal(cwmpPortFrom({ DESKACS_CWMP_PORT: '' }), 7547);
    for (const bad of ['abc', '-1', '65536', '80.5', '1e3']) {
      assert.throws(() => cwmpPortFrom({ DESKACS_CWMP_PORT: bad }), /DESKACS_CWMP_PORT must be a port number/);
    }
  });

  test("DESKACS_DATA moves the desktop data folder like serve's", () => {
    assert.equal(dataDirOverride({ DESKACS_DATA: '/tmp/x' }), '/tmp/x');
    assert.equal(dataDirOverride({}), null);
    assert.equal(dataDirOverride({ DESKACS_DATA: '  ' }), null);
  });

  test('start failures get a hint a user can act on', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });
    assert.match(startFailureHint(inUse, 7547), /CWMP port 7547/);
    const abi = new Error(
      'Cannot open the database x: Error: The module was compiled against a different Node.js version using NODE_MODULE_VERSION 115',
    );
    assert.match(startFailureHint(abi, 7547), /npm start/);
    assert.equal(startFailureHint(new Error('disk full'), 7547), '');
  });
});
