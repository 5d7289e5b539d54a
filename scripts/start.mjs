// `npm start` (after the build): better-sqlite3 for Electron's ABI in .electron-native/ (built
// once, see electron-native.mjs), then `electron .` with that addon. Arguments go to Electron.
import { fileURLToPath } from 'node:url';
import { electronForLaunch, spawnElectron } from './electron-app.mjs';
import { ensureElectronNative } from './electron-native.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

function main() {
  const electronPath = electronForLaunch(root);
  const nativeBinding = ensureElectronNative({ root, electronPath });
  const child = spawnElectron({ electronPath, root, args: process.argv.slice(2), env: { DESKACS_NATIVE_BINDING: nativeBinding } });
  // Ctrl-C reaches Electron through the terminal's process group; a plain kill of this process
  // is passed on, so the app closes its store cleanly either way.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 1 : 0)));
}

try {
  main();
} catch (err) {
  console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
