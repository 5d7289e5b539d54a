// Binding by MAC at first contact: a subscriber known only by the MAC of their router is bound
// when that router first talks to DeskACS, without anyone refreshing it. When an unbound device
// informs, is not bound by its serial or stored MACs, unbound subscribers with a MAC exist and
// its stored tree holds none of its own MACs, one small read is queued in that very session: a
// GetParameterValues of each object its own MACs live under (device-macs.ts's sources: the
// Ethernet interfaces and links of TR-181, the WAN device of TR-098), one task per object so a
// model lacking one still answers the others. Its answer is bound on (and again at the session's
// end). Once per device in a run; a device whose MACs are stored is never read for them.
import type { Logger } from '../../acs-types.ts';
import type { Store } from '../../store/index.ts';
import type { AutoBinder } from './auto-bind.ts';
import { deviceMacs } from './device-macs.ts';

/** The objects read for a device's own MACs, per data model root. */
export const MAC_READS: Record<'Device' | 'InternetGatewayDevice', string[]> = {
  Device: ['Device.Ethernet.Interface.', 'Device.Ethernet.Link.'],
  InternetGatewayDevice: ['InternetGatewayDevice.WANDevice.'],
};

/** Queues one read of these parameter names (a getParameterValues task); false when it was refused. */
export type QueueRead = (deviceId: string, names: string[]) => Promise<boolean>;

export class FirstContactMacReader {
  /** Devices already looked at in this run (read or not): never read again. */
  private readonly seen = new Set<string>();
  /** Devices whose read is queued: each finished task of theirs is bound on. */
  private readonly reading = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly binder: AutoBinder,
    private readonly queue: QueueRead,
    private readonly log: Logger,
  ) {}

  /** After an Inform (and the binder's own check): queues the MAC read when it may bind the device. */
  informed(deviceId: string): void {
    if (this.seen.has(deviceId)) return;
    try {
      const { store } = this;
      if (!store.subscribers.unboundIdentifiers().mac) return;
      this.seen.add(deviceId);
      if (store.subscribers.byDevice(deviceId) !== undefined) return;
      const device = store.devices.get(deviceId);
      if (device === undefined) return;
      const root =
        device.rootObject === 'InternetGatewayDevice' ? 'InternetGatewayDevice' : device.rootObject === 'Device' ? 'Device' : null;
      if (root === null || deviceMacs(store, deviceId, root).length > 0) return;
      this.reading.add(deviceId);
      for (const path of MAC_READS[root]) {
        this.queue(deviceId, [path]).catch((err: unknown) =>
          this.log.warn('could not queue the MAC read of a new device', { device: deviceId, path, error: String(err) }),
        );
      }
      this.log.info('reading the MACs of an unbound device for subscriber binding', { device: deviceId });
    } catch (err) {
      this.log.warn('could not plan the MAC read of a new device', { device: deviceId, error: String(err) });
    }
  }

  /** A task of the device finished: a queued MAC read may have brought its MACs. */
  taskFinished(deviceId: string): void {
    if (!this.reading.has(deviceId)) return;
    if (this.binder.check(deviceId, this.log) !== null) this.reading.delete(deviceId);
  }

  /** The session ended: the reads are over (answered or not). */
  sessionEnded(deviceId: string): void {
    this.reading.delete(deviceId);
  }

  /** The device was deleted: a device informing again under its id is new. */
  forget(deviceId: string): void {
    this.seen.delete(deviceId);
    this.reading.delete(deviceId);
  }
}
