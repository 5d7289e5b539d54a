// Handover: when the installer's laptop is only a staging ACS, the last step points the router
// at the operator's production ACS: one setParameterValues of the common settings mgmt.url (and
// mgmt.periodicInformInterval, with periodic inform switched on, when an interval is given).
// A device whose ManagementServer object was never read gets a refresh of it first; when that
// cannot finish within the call, the caller is told to hand over again once it has run.
import type { ApiArgs } from '../../../../shared/contract.ts';
import { AcsError } from '../../../../shared/errors.ts';
import type { CreateTaskResult } from '../../../../shared/models.ts';
import type { DeviceSetting } from '../../../../shared/models-settings.ts';
import type { ScalarValue } from '../../../../shared/tasks.ts';
import type { Store } from '../../store/index.ts';
import { deviceSettings, setDeviceSettings } from '../common-settings/service.ts';
import type { TaskService } from '../tasks/service.ts';

type HandoverArgs = ApiArgs<'handoverDevice'>;

const byKey = (settings: DeviceSetting[], key: string): DeviceSetting | undefined => settings.find((s) => s.key === key);

/** Whether the setting is missing only because the tree (or its ManagementServer) was not read. */
const needsRead = (s: DeviceSetting | undefined): boolean => s !== undefined && s.path === null && /refresh/.test(s.unsupported ?? '');

export async function handoverDevice(store: Store, tasks: TaskService, args: HandoverArgs): Promise<CreateTaskResult> {
  const device = store.devices.get(args.id);
  if (device === undefined) throw new AcsError('not_found', `no device with id '${args.id}'`);
  const options = { connectionRequest: args.connectionRequest ?? false, waitSeconds: args.waitSeconds ?? 0 };
  let settings = deviceSettings(store, args.id);
  if (needsRead(byKey(settings, 'mgmt.url'))) {
    const path = `${device.rootObject}.ManagementServer.`;
    const refresh = await tasks.create(args.id, { name: 'refresh', path }, options);
    if (refresh.task.status !== 'done')
      throw new AcsError(
        'conflict',
        `the device's ${path} was never read: a refresh of it is queued (task ${refresh.task.id}); hand over again once it has run`,
      );
    settings = deviceSettings(store, args.id);
  }
  const url = byKey(settings, 'mgmt.url');
  if (url === undefined || url.path === null)
    throw new AcsError(
      'bad_request',
      `this device has no ACS URL setting: ${url?.unsupported ?? 'mgmt.url is not supported by this model'}`,
    );
  const values: Record<string, ScalarValue> = { 'mgmt.url': args.url };
  if (args.periodicInformInterval !== undefined) {
    values['mgmt.periodicInformInterval'] = args.periodicInformInterval;
    const enable = byKey(settings, 'mgmt.periodicInformEnable');
    if (enable !== undefined && enable.path !== null && enable.writable !== false) values['mgmt.periodicInformEnable'] = true;
  }
  return setDeviceSettings(store, tasks, args.id, values, options);
}
