import { useState } from 'react';
import type { FieldControlProps } from './Field.tsx';

/** A password box, masked until "Show" is pressed. */
export function PasswordInput({
  value,
  onChange,
  what,
  autoComplete = 'new-password',
  ...control
}: FieldControlProps & { value: string; onChange(value: string): void; what: string; autoComplete?: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="secret-input">
      <input
        {...control}
        type={shown ? 'text' : 'password'}
        value={value}
        autoComplete={autoComplete}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" aria-pressed={shown} aria-label={`${shown ? 'Hide' : 'Show'} ${what}`} onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide' : 'Show'}
      </button>
    </span>
  );
}
