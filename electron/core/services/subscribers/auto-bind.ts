// Automatic binding: after a device's Inform (and after each of its sessions, when a refresh may
// have read its MACs) an unbound device whose serial number or one of whose own MACs belongs to
// an unbound subscriber is bound to them. A pair the installer unbound is never bound again
// automatically. Cheap when there is nothing to do: a bound device costs one index probe, and
// with no unbound subscriber holding a serial (a MAC) no serial (MAC) is looked up.
import type { Subscriber } from '../../../../shared/models-provisioning.ts';
import type { Logger } from '../../acs-types.ts';
import type { Store } from '../../store/index.ts';
import { deviceMacs } from './device-macs.ts';

export type BindFn = (deviceId: string, subscriber: Subscriber, how: 'serial' | 'MAC') => Subscriber;

export class AutoBinder {
  constructor(
    private readonly store: Store,
    private readonly bind: BindFn,
  ) {}

  /** The subscriber matching the unbound device, without binding (the installer's suggestion). */
  match(deviceId: string): Subscriber | null {
    const { store } = this;
    if (store.subscribers.byDevice(deviceId) !== undefined) return null;
    const wanted = store.subscribers.unboundIdentifiers();
    if (!wanted.serial && !wanted.mac) return null;
    const device = store.devices.get(deviceId);
    if (device === undefined) return null;
    const serial = wanted.serial ? device.serialNumber.trim() : '';
    const macs = wanted.mac ? deviceMacs(store, deviceId, device.rootObject) : [];
    if (serial === '' && macs.length === 0) return null;
    return store.subscribers.unboundMatch(deviceId, serial, macs) ?? null;
  }

  /** Binds the device when it matches; a failure is logged, never thrown (it runs on device events). */
  check(deviceId: string, log: Logger): Subscriber | null {
    try {
      const found = this.match(deviceId);
      if (found === null) return null;
      const serial = this.store.devices.get(deviceId)?.serialNumber ?? '';
      const how = found.serial !== null && found.serial.toLowerCase() === serial.trim().toLowerCase() ? 'serial' : 'MAC';
      return this.bind(deviceId, found, how);
    } catch (err) {
      log.warn('automatic subscriber binding failed', { device: deviceId, error: String(err) });
      return null;
    }
  }
}
