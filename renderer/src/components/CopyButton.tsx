// Copies a value (a URL, a password, a token) to the clipboard and says so. The accessible name
// starts with the visible text ("Copy", then "Copied") and names what is copied.
import { useEffect, useState } from 'react';

/** Writes `text` to the clipboard; falls back to a selection copy where the async API is absent (plain-HTTP pages). */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard !== undefined && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'sr-only';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the browser refused to copy');
}

export function CopyButton({ value, what, label = 'Copy' }: { value: string; what: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2_500);
    return () => clearTimeout(timer);
  }, [state]);
  const text = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label;
  return (
    <>
      <button
        type="button"
        className={`copy-button${state === 'copied' ? ' copied' : ''}`}
        aria-label={`${text} ${what}`}
        onClick={() =>
          copyText(value).then(
            () => setState('copied'),
            () => setState('failed'),
          )
        }
      >
        {text}
      </button>
      <span className="sr-only" role="status">
        {state === 'copied' ? `${what} copied` : state === 'failed' ? `Could not copy the ${what}` : ''}
      </span>
    </>
  );
}
