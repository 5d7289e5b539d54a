// Device use cases of the API contract: the filtered, sorted list; one device's detail; its
// parameters (secret values masked unless revealed: secret-params.ts). Arguments arrive
// validated and trimmed (api-validate.ts).
import type { ApiArgs } from '../../../shared/contract.ts';
import type { DeviceSortKey } from '../../../shared/device-status.ts';
import { AcsError } from '../../../shared/errors.ts';
import type { DeviceDetail, DeviceSummary, Page, ParameterRow } from '../../../shared/models.ts';
import type { SortOrder, Store } from '../store/index.ts';
import { isSecretName, shownValue } from './secret-params.ts';

const RECENT_SESSIONS = 20;
const RECENT_EVENTS = 50;
const DEFAULT_LIMIT = 50;

export interface DeviceService {
  list(args: ApiArgs<'listDevices'>): Page<DeviceSummary>;
  detail(args: ApiArgs<'getDevice'>): DeviceDetail;
  parameters(args: ApiArgs<'getParameters'>): ParameterRow[];
}

/** Dates read newest first unless asked otherwise; text reads A to Z. */
function defaultOrder(sort: DeviceSortKey): SortOrder {
  return sort === 'lastInform' || sort === 'firstSeen' ? 'desc' : 'asc';
}

export function createDeviceService(store: Store, now: () => Date): DeviceService {
  const mustExist = (id: string): DeviceSummary => {
    const device = store.devices.get(id);
    if (device === undefined) throw new AcsError('not_found', `no device with id '${id}'`);
    return device;
  };
  return {
    list: ({ sort = 'lastInform', order, after, offset, limit, ...filter }) =>
      store.devices.list({ filter, sort, order: order ?? defaultOrder(sort), after, offset, limit: limit ?? DEFAULT_LIMIT, now: now() }),
    detail: ({ id }) => ({
      ...mustExist(id),
      sessions: store.sessions.listForDevice(id, RECENT_SESSIONS),
      events: store.events.listForDevice(id, RECENT_EVENTS),
      cpeRequests: store.cpeRequests.listForDevice(id, RECENT_EVENTS),
      parameterCount: store.parameters.count(id),
    }),
    parameters: ({ id, prefix, reveal = false }) => {
      mustExist(id);
      const rows = store.parameters.list(id, prefix);
      return reveal ? rows : rows.map((r) => (isSecretName(r.path) && !r.object ? { ...r, value: shownValue(true, r.value, false) } : r));
    },
  };
}
