// Connection-request credentials per device (ACS -> CPE): entered by the operator, imported,
// or set by DeskACS on the device. CPEs report an empty ConnectionRequestPassword, so these
// are the only way the ACS can wake a device that demands authentication.
import { AcsError } from '../../../shared/errors.ts';
import type { DeviceCredentials } from '../../../shared/models.ts';
import type { Store } from '../store/index.ts';

export interface CredentialService {
  get(deviceId: string): DeviceCredentials | null;
  set(deviceId: string, username: string, password: string): DeviceCredentials;
  remove(deviceId: string): { removed: boolean };
}

export function createCredentialService(store: Store): CredentialService {
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
  };
}
