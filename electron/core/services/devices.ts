// Device use cases of the API contract: list and search, one device's detail, its parameters.
import type { GetDeviceArgs, GetParametersArgs, ListDevicesArgs } from '../../../shared/contract.ts';
import { AcsError } from '../../../shared/errors.ts';
import type { DeviceDetail, DeviceSummary, Page, ParameterRow } from '../../../shared/models.ts';
import type { Store } from '../store/index.ts';

const RECENT_SESSIONS = 20;
const RECENT_EVENTS = 50;
const MAX_VALUE_MATCHES = 10_000;

export interface DeviceService {
  list(args: ListDevicesArgs): Page<DeviceSummary>;
  detail(args: GetDeviceArgs): DeviceDetail;
  parameters(args: GetParametersArgs): ParameterRow[];
}

export function createDeviceService(store: Store): DeviceService {
  const mustExist = (id: string): DeviceSummary => {
    const device = store.devices.get(id);
    if (device === undefined) throw new AcsError('not_found', `no device with id '${id}'`);
    return device;
  };
  return {
    list: (args) => {
      if (args.param === undefined || args.value === undefined) {
        return store.devices.search({ q: args.q ?? '', offset: args.offset ?? 0, limit: args.limit ?? 50 });
      }
      // Exact value of one parameter, e.g. the device whose PPPoE username is 'bob'.
      const offset = args.offset ?? 0;
      const limit = args.limit ?? 50;
      const ids = store.parameters.findDeviceIds(args.param, args.value, MAX_VALUE_MATCHES);
      const items = ids.slice(offset, offset + limit).flatMap((id) => {
        const d = store.devices.get(id);
        return d === undefined ? [] : [d];
      });
      return { items, total: ids.length, offset, limit };
    },
    detail: ({ id }) => ({
      ...mustExist(id),
      sessions: store.sessions.listForDevice(id, RECENT_SESSIONS),
      events: store.events.listForDevice(id, RECENT_EVENTS),
      cpeRequests: store.cpeRequests.listForDevice(id, RECENT_EVENTS),
      parameterCount: store.parameters.count(id),
    }),
    parameters: ({ id, prefix }) => {
      mustExist(id);
      return store.parameters.list(id, prefix);
    },
  };
}
