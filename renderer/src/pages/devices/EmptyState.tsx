// Nothing to list: either no device has ever informed (say where to point one), or the filters
// match nothing (say so, and offer to clear them).
import { Link } from 'react-router';
import { useApiQuery } from '../../api/queries.ts';

export function EmptyState({ filtered, onClear }: { filtered: boolean; onClear(): void }) {
  const info = useApiQuery('serverInfo', {});
  if (filtered) {
    return (
      <div className="empty-state dev-empty">
        <p>No device matches these filters.</p>
        <button type="button" onClick={onClear}>
          Clear filters
        </button>
      </div>
    );
  }
  const url = info.data?.cwmpEndpoints?.find((e) => !e.loopback)?.url ?? info.data?.cwmpUrls[0] ?? info.data?.cwmpUrl;
  return (
    <div className="empty-state dev-empty">
      <p>
        <strong>No devices yet.</strong>{' '}
        {url !== undefined ? (
          <>
            Point a CPE at <code className="dev-empty-url">{url}</code>: it appears here on its first Inform.
          </>
        ) : (
          'Point a CPE at this ACS: it appears here on its first Inform.'
        )}
      </p>
      <p>
        <Link to="/settings">Settings</Link> has every address of this machine and the credentials CPEs need.
      </p>
    </div>
  );
}
