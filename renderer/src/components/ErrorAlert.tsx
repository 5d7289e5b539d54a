import { errorText } from '../lib/format.ts';

/** A failure the user should read: announced at once (role="alert"), with an optional retry. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="alert" role="alert">
      {title !== undefined && <strong>{title}: </strong>}
      <span>{errorText(error)}</span>
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
