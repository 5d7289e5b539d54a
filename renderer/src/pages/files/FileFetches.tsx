// The recent CPE fetches of one file: who fetched it, what DeskACS answered and how fast.
import { Link } from 'react-router';
import { useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { formatAgo, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { formatBytes } from './upload-file.ts';

const statusWords: Record<number, string> = {
  200: 'served',
  206: 'served (part)',
  401: 'refused: not authorized',
  404: 'refused: wrong or expired link',
};

export function FileFetches({ fileId }: { fileId: number }) {
  const now = useNow(10_000);
  const q = useApiQuery('listFileFetches', { fileId, limit: 20 });
  return (
    <QueryView query={q} loading="Loading fetches…">
      {(fetches) =>
        fetches.length === 0 ? (
          <p className="muted small">No device has fetched this file yet.</p>
        ) : (
          <table className="table file-fetches">
            <caption className="sr-only">Recent fetches</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Device</th>
                <th scope="col">Answer</th>
                <th scope="col">Bytes</th>
                <th scope="col">Took</th>
              </tr>
            </thead>
            <tbody>
              {fetches.map((f) => (
                <tr key={f.id}>
                  <td title={formatTime(f.at)}>{formatAgo(f.at, now)}</td>
                  <td className="mono wrap-anywhere">
                    {f.deviceId === null ? f.remoteAddress : <Link to={`/devices/${encodeURIComponent(f.deviceId)}`}>{f.deviceId}</Link>}
                  </td>
                  <td className={f.status >= 400 ? 'warn-text' : undefined}>
                    {f.status} {statusWords[f.status] ?? ''}
                  </td>
                  <td>{formatBytes(f.bytes)}</td>
                  <td>{(f.durationMs / 1000).toFixed(1)} s</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </QueryView>
  );
}
