// The desktop shell's permission policy (electron/main/permissions.ts): notifications for the
// app's own renderer page, nothing else, for nobody else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isPermissionAllowed } from '../../electron/main/permissions.ts';

const rendererFileUrl = 'file:///opt/DeskACS/resources/app.asar/dist/renderer/index.html';
const packaged = { rendererFileUrl, devServerUrl: null };
const dev = { rendererFileUrl, devServerUrl: 'http://localhost:5173/' };
const ask = (permission: string, url: string | undefined, isMainFrame = true) => ({ permission, url, isMainFrame });

describe('desktop permissions', () => {
  test('notifications are allowed for the trusted app page', () => {
    assert.equal(isPermissionAllowed(ask('notifications', rendererFileUrl), packaged), true);
    assert.equal(isPermissionAllowed(ask('notifications', `${rendererFileUrl}#/alerts`), packaged), true);
    assert.equal(isPermissionAllowed(ask('notifications', 'http://localhost:5173/#/alerts'), dev), true);
  });

  test('notifications are denied for any other origin, a subframe or an unknown URL', () => {
    for (const url of [
      'file:///tmp/evil/index.html',
      'https://example.com/',
      'http://localhost:5174/',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
    ])
      assert.equal(isPermissionAllowed(ask('notifications', url), packaged), false, url);
    assert.equal(isPermissionAllowed(ask('notifications', 'https://example.com/'), dev), false);
    assert.equal(isPermissionAllowed(ask('notifications', rendererFileUrl, false), packaged), false, 'subframe');
    assert.equal(isPermissionAllowed(ask('notifications', undefined), packaged), false, 'no URL');
  });

  test('every other permission is denied, even for the app page', () => {
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'midiSysex', 'unknown', ''])
      assert.equal(isPermissionAllowed(ask(permission, rendererFileUrl), packaged), false, permission);
  });
});
