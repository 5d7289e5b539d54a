// The seam between subscribers and the profile engine: the engine fills {{subscriber.*}}
// templates from a device's bound subscriber and re-applies its profiles when a binding changes.
import type { Subscriber } from '../../../../shared/models-provisioning.ts';

/** A subscriber with its secrets in clear (core only: never sent to the UI unmasked unless revealed). */
export type SubscriberWithSecrets = Subscriber;

export interface SubscriberDirectory {
  /** The subscriber bound to the device, secrets unmasked, or null. */
  forDevice(deviceId: string): SubscriberWithSecrets | null;
  /**
   * Called after a device is bound, re-bound or unbound (by Inform, installer or API), and after
   * the values of its bound subscriber changed (PUT, import) or the subscriber was deleted.
   * Called synchronously, after the change is committed; once per device and change.
   */
  onBindingChanged(listener: (deviceId: string) => void): () => void;
}
