import { useState } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';

/** A secret to read off or copy: masked until "Show", copied without being shown. */
export function SecretValue({ value, what }: { value: string; what: string }) {
  const [shown, setShown] = useState(false);
  return (
    <span className="secret-value">
      <code className={shown ? 'revealed' : 'masked'}>{shown ? value : '•'.repeat(Math.min(16, Math.max(8, value.length)))}</code>
      {!shown && <span className="sr-only">{what} hidden</span>}
      <button type="button" aria-pressed={shown} aria-label={`${shown ? 'Hide' : 'Show'} ${what}`} onClick={() => setShown((s) => !s)}>
        {shown ? 'Hide' : 'Show'}
      </button>
      <CopyButton value={value} what={what} />
    </span>
  );
}
