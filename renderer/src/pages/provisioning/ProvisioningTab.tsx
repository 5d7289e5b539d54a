// The device page's Provisioning tab: the checklist (the same as the installer's) and the
// history of profile applications (what was sent, and how it ended).
import { Link } from 'react-router';
import type { ProfileApplication } from '../../../../shared/models-provisioning.ts';
import { useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { formatAgo, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { Checklist } from './Checklist.tsx';
import '../../styles/provisioning.css';

const resultWords: Record<ProfileApplication['result'], [string, string]> = {
  applied: ['Applied', 'task-done'],
  'nothing-to-do': ['Nothing to do', ''],
  partial: ['Partly applied', 'task-queued'],
  failed: ['Failed', 'task-fault'],
  pending: ['Pending', 'task-running'],
};

export function ProvisioningTab({ deviceId }: { deviceId: string }) {
  const prov = useApiQuery('getProvisioning', { id: deviceId });
  const apps = useApiQuery('listProfileApplications', { id: deviceId, limit: 50 });
  const now = useNow(30_000);
  return (
    <div className="prov-tab">
      <section className="panel prov-section" aria-labelledby="prov-check-title">
        <div className="prov-section-head">
          <h2 id="prov-check-title">Checklist</h2>
          <Link to={`/installer/${encodeURIComponent(deviceId)}`} className="small">
            Open in installer mode
          </Link>
        </div>
        <QueryView query={prov} loading="Loading the checklist…">
          {(p) => (
            <>
              <p className="small prov-subscriber">
                Subscriber:{' '}
                {p.subscriber === null ? (
                  <span className="muted">none bound</span>
                ) : (
                  <>
                    <strong>{p.subscriber.name}</strong> <span className="mono">({p.subscriber.accountId})</span>
                  </>
                )}
              </p>
              <Checklist provisioning={p} />
            </>
          )}
        </QueryView>
      </section>
      <section className="panel prov-section" aria-labelledby="prov-apps-title">
        <h2 id="prov-apps-title">Applications</h2>
        <QueryView query={apps} loading="Loading applications…">
          {(list) =>
            list.length === 0 ? (
              <p className="muted small">No profile has been applied to this device yet.</p>
            ) : (
              <table className="table compact prov-apps">
                <caption className="sr-only">Profile applications, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Profile</th>
                    <th scope="col">Trigger</th>
                    <th scope="col">Result</th>
                    <th scope="col">What was sent</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((a) => (
                    <tr key={a.id}>
                      <td className="nowrap" title={formatTime(a.at)}>
                        {formatAgo(a.at, now)}
                      </td>
                      <td>
                        <Link to={`/profiles/${encodeURIComponent(a.profile)}`}>{a.profile}</Link>{' '}
                        <span className="muted">v{a.version}</span>
                      </td>
                      <td className="small">{a.trigger}</td>
                      <td>
                        <span className={`chip ${resultWords[a.result][1]}`}>{resultWords[a.result][0]}</span>
                        {a.message !== null && <div className="small check-fault">{a.message}</div>}
                      </td>
                      <td className="small">
                        {a.rpcs.length === 0 ? (
                          <span className="muted">nothing</span>
                        ) : (
                          <details>
                            <summary>
                              {a.rpcs.map((r) => r.method).join(', ')}
                              {a.taskIds.length > 0 ? ` (task${a.taskIds.length === 1 ? '' : 's'} #${a.taskIds.join(', #')})` : ''}
                            </summary>
                            <pre className="mono dryrun-detail">{JSON.stringify(a.rpcs, null, 1)}</pre>
                          </details>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryView>
      </section>
    </div>
  );
}
