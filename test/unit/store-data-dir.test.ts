import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDataDir, resolveDataDir, storePath } from '../../electron/core/store/data-dir.ts';

describe('store defaultDataDir', () => {
  test('Windows uses %APPDATA%\\DeskACS', () => {
    assert.equal(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana'),
      'C:\\Users\\ana\\AppData\\Roaming\\DeskACS',
    );
  });

  test('Windows without APPDATA falls back to the roaming folder under the home directory', () => {
    assert.equal(defaultDataDir('win32', {}, 'C:\\Users\\ana'), 'C:\\Users\\ana\\AppData\\Roaming\\DeskACS');
  });

  test('macOS uses ~/Library/Application Support/DeskACS', () => {
    assert.equal(defaultDataDir('darwin', { XDG_CONFIG_HOME: '/x' }, '/Users/ana'), '/Users/ana/Library/Application Support/DeskACS');
  });

  test('Linux uses $XDG_CONFIG_HOME/deskacs, else ~/.config/deskacs; a relative XDG path is ignored', () => {
    assert.equal(defaultDataDir('linux', { XDG_CONFIG_HOME: '/srv/cfg' }, '/home/ana'), '/srv/cfg/deskacs');
    assert.equal(defaultDataDir('linux', {}, '/home/ana'), '/home/ana/.config/deskacs');
    assert.equal(defaultDataDir('linux', { XDG_CONFIG_HOME: 'rel/cfg' }, '/home/ana'), '/home/ana/.config/deskacs');
    assert.equal(defaultDataDir('freebsd', { XDG_CONFIG_HOME: '' }, '/home/ana'), '/home/ana/.config/deskacs');
  });
});

describe('store resolveDataDir', () => {
  const base = { platform: 'linux', homedir: '/home/ana' };
  test('--data beats DESKACS_DATA beats the default', () => {
    assert.equal(resolveDataDir({ ...base, flag: '/flag', env: { DESKACS_DATA: '/env' } }), '/flag');
    assert.equal(resolveDataDir({ ...base, flag: undefined, env: { DESKACS_DATA: '/env' } }), '/env');
    assert.equal(resolveDataDir({ ...base, flag: '', env: { DESKACS_DATA: ' ' } }), '/home/ana/.config/deskacs');
  });

  test('the database file lives inside the data directory', () => {
    assert.equal(storePath('/data', 'linux'), '/data/deskacs.sqlite');
    assert.equal(storePath('C:\\data', 'win32'), 'C:\\data\\deskacs.sqlite');
  });
});
