// Every firmware rollout, newest first: the file and version, its state in words, and how far
// it got in numbers.
import { Link } from 'react-router';
import { useApiQuery } from '../api/queries.ts';
import { QueryView } from '../components/QueryView.tsx';
import { formatAgo, formatTime } from '../lib/format.ts';
import { useNow } from '../lib/use-now.ts';
import { RolloutProgress } from './rollouts/RolloutProgress.tsx';
import { RolloutChip, totalOf, waveText } from './rollouts/rollout-words.tsx';
import '../styles/rollouts.css';

export function RolloutsPage() {
  const now = useNow(30_000);
  const q = useApiQuery(
    'listRollouts',
    {},
    {
      refetchInterval: (query) => (query.state.data?.some((r) => r.state === 'running') === true ? 3_000 : false),
    },
  );
  return (
    <div className="rollouts-page">
      <div className="page-head">
        <h1>Rollouts</h1>
      </div>
      <QueryView query={q} loading="Loading rollouts…">
        {(list) =>
          list.length === 0 ? (
            <div className="empty-state">
              <h2>No rollouts yet</h2>
              <p>
                A rollout sends a firmware file to many devices in waves: a canary first, then more, pausing itself when too many fail.
                Select devices on the <Link to="/devices">Devices</Link> page and choose “Push firmware…”.
              </p>
            </div>
          ) : (
            <table className="table rollouts-table">
              <caption className="sr-only">Rollouts</caption>
              <thead>
                <tr>
                  <th scope="col">Rollout</th>
                  <th scope="col">State</th>
                  <th scope="col">Progress</th>
                  <th scope="col" className="num">
                    Verified
                  </th>
                  <th scope="col" className="num">
                    Failed
                  </th>
                  <th scope="col">Started</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => {
                  const total = totalOf(r.counts);
                  return (
                    <tr key={r.id} data-rollout-id={r.id}>
                      <td>
                        <Link to={`/rollouts/${r.id}`}>
                          #{r.id} {r.fileName}
                        </Link>
                        <div className="muted small">
                          {r.version !== '' && <span className="mono">{r.version}</span>} · {total.toLocaleString()} device
                          {total === 1 ? '' : 's'} · {waveText(r.currentWave, r.waveSizes.length)}
                        </div>
                      </td>
                      <td>
                        <RolloutChip state={r.state} />
                        {r.reason !== '' && <div className="small warn-text">{r.reason}</div>}
                      </td>
                      <td className="rollouts-progress-cell">
                        <RolloutProgress counts={r.counts} compact />
                      </td>
                      <td className="num">{r.counts.verified.toLocaleString()}</td>
                      <td className="num">{r.counts.failed.toLocaleString()}</td>
                      <td className="nowrap" title={formatTime(r.createdAt)}>
                        {formatAgo(r.createdAt, now)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </div>
  );
}
