// A real store in a fresh temp folder, closed and removed when the test process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../electron/core/store/index.ts';

export function tempStore(tag = 'store'): Store {
  const dir = mkdtempSync(join(tmpdir(), `deskacs-${tag}-`));
  const store = openStore({ path: join(dir, 'acs.sqlite') });
  process.on('exit', () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}
