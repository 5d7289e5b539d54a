// Connection-request credentials (ACS -> CPE): per device (entered by the operator, imported,
// or set by DeskACS on the device), and a default pair for devices that have none of their own
// (a fleet provisioned with one shared ConnectionRequestUsername/Password). CPEs report an empty
// ConnectionRequestPassword, so these are the only way the ACS can wake a device that demands
// authentication.
import { AcsError } from '../../../shared/errors.ts';
import type { DefaultCredentials } from '../../../shared/models-fleet.ts';
import type { DeviceCredentials } from '../../../shared/models.ts';
import type { Store } from '../store/index.ts';
import type { HttpCredentials } from '../http-auth/client.ts';

const DEFAULT_CREDENTIALS_SETTING = 'defaultConnectionRequestCredentials';

export interface CredentialService {
  get(deviceId: string): DeviceCredentials | null;
  set(deviceId: string, username: string, password: string): DeviceCredentials;
  remove(deviceId: string): { removed: boolean };
  getDefault(): DefaultCredentials | null;
  setDefault(username: string, password: string): DefaultCredentials;
  removeDefault(): { removed: boolean };
}

function isDefaultCredentials(value: unknown): value is DefaultCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.username === 'string' && v.username !== '' && typeof v.password === 'string' && typeof v.updatedAt === 'string';
}

/** The saved default pair, or null (a damaged setting counts as none). */
export function defaultCrCredentials(store: Store): DefaultCredentials | null {
  return store.settings.get(DEFAULT_CREDENTIALS_SETTING, isDefaultCredentials) ?? null;
}

/** What a connection request to the device answers a challenge with: its own pair, else the default one. */
export function crCredentialsFor(store: Store, deviceId: string): HttpCredentials | null {
  const own = store.crCredentials.get(deviceId);
  if (own !== undefined) return { username: own.username, password: own.password };
  const shared = defaultCrCredentials(store);
  return shared === null ? null : { username: shared.username, password: shared.password };
}

export function createCredentialService(store: Store, now: () => Date): CredentialService {
  const mustExist = (id: string): void => {
    if (!store.devices.exists(id)) throw new AcsError('not_found', `no device with id '${id}'`);
  };
  const view = (c: { username: string; password: string; source: DeviceCredentials['source']; updatedAt: string }): DeviceCredentials => ({
    username: c.username,
    password: c.password,
    source: c.source,
    updatedAt: c.updatedAt,
  });
  return {
    get(deviceId) {
      mustExist(deviceId);
      const c = store.crCredentials.get(deviceId);
      return c === undefined ? null : view(c);
    },
    set(deviceId, username, password) {
      mustExist(deviceId);
      return view(store.crCredentials.set(deviceId, { username, password, source: 'operator' }));
    },
    remove(deviceId) {
      mustExist(deviceId);
      return { removed: store.crCredentials.remove(deviceId) };
    },
    getDefault: () => defaultCrCredentials(store),
    setDefault(username, password) {
      const saved: DefaultCredentials = { username, password, updatedAt: now().toISOString() };
      store.settings.set(DEFAULT_CREDENTIALS_SETTING, saved);
      return saved;
    },
    removeDefault: () => ({ removed: store.settings.remove(DEFAULT_CREDENTIALS_SETTING) }),
  };
}
