// The one rule for which parameter (or field) values are secrets, and the mask shown in their
// place: names ending Password (ConnectionRequestPassword, STUNPassword, X_VENDOR_…Password),
// Passphrase (KeyPassphrase), PreSharedKey, WEPKey (or WEPKey.N), Secret. Tasks (task-view.ts),
// the device's parameters (devices.ts) and its common settings (common-settings/service.ts) mask
// with it; the stored values stay in clear, since DeskACS must send them.

export const SECRET_MASK = '••••••';

const SECRET_NAME = /(Password|Passphrase|PreSharedKey|WEPKey(\.\d+)?|Secret)$/i;

/** Whether the values of this parameter path or field name are secrets. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** A stored value as it may be shown: a non-empty secret becomes the mask unless revealed. */
export function shownValue(secret: boolean, value: string | null, reveal: boolean): string | null {
  return secret && !reveal && value !== null && value !== '' ? SECRET_MASK : value;
}
