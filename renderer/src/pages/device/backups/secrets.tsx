// Secrets (Wi-Fi keys, PPPoE passwords) in a snapshot or a diff are masked until the operator
// asks to see them, as in the parameter tree.
import { secretMask } from '../tree/tree-values.ts';
import { isSecretPath } from '../tree/tree-model.ts';

/** A value as shown: masked when its parameter is a secret and secrets are hidden. */
export function shownValue(name: string, value: string, reveal: boolean): string {
  return !reveal && value !== '' && isSecretPath(name) ? secretMask : value;
}

export function RevealSecrets({ count, reveal, onChange }: { count: number; reveal: boolean; onChange(on: boolean): void }) {
  if (count === 0) return null;
  return (
    <label className="reveal-secrets small">
      <input type="checkbox" checked={reveal} onChange={(e) => onChange(e.target.checked)} />
      <span>
        Show {count} secret value{count === 1 ? '' : 's'} (passwords, keys)
      </span>
    </label>
  );
}
