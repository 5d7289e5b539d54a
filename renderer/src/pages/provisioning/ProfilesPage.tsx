// Profiles: declarative documents that keep matching devices configured (what to set, objects,
// attributes, connection-request credentials, periodic inform, a firmware floor), by priority.
// The list (/profiles) and the editor (/profiles/:name, /profiles/new) with its dry run and
// "Apply to matching devices".
import { Link, useNavigate, useParams } from 'react-router';
import { useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { formatAgo, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { ProfileEditor } from './profiles/ProfileEditor.tsx';
import { triggerLabels } from './profiles/profile-form.ts';
import '../../styles/provisioning.css';
import '../../styles/profiles.css';

export function ProfilesPage() {
  const name = useParams().name;
  if (name !== undefined) return <ProfileEditor key={name} name={name === 'new' ? null : name} />;
  return <ProfileList />;
}

function ProfileList() {
  const profiles = useApiQuery('listProfiles', {});
  const navigate = useNavigate();
  const now = useNow(30_000);
  return (
    <div className="profiles-page">
      <div className="page-head">
        <h1>Profiles</h1>
        {profiles.data !== undefined && (
          <span className="muted">
            {profiles.data.length} profile{profiles.data.length === 1 ? '' : 's'}
          </span>
        )}
        <button type="button" className="primary profiles-new" onClick={() => navigate('/profiles/new')}>
          New profile
        </button>
      </div>
      <QueryView query={profiles} loading="Loading profiles…">
        {(list) =>
          list.length === 0 ? (
            <div className="empty-state">
              <h2>No profiles yet</h2>
              <p>
                A profile says what a router should be set to (Wi-Fi name from its subscriber, PPPoE login, periodic inform, a firmware
                floor) and which routers it applies to. New routers get it at their first contact, and it is kept converged after that.
              </p>
            </div>
          ) : (
            <table className="table profiles-table">
              <caption className="sr-only">Profiles, highest priority first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="num">
                    Priority
                  </th>
                  <th scope="col">State</th>
                  <th scope="col">Applies</th>
                  <th scope="col" className="num">
                    Matched devices
                  </th>
                  <th scope="col" className="num">
                    Version
                  </th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <tr key={p.name} data-profile={p.name}>
                    <td>
                      <Link to={`/profiles/${encodeURIComponent(p.name)}`}>{p.name}</Link>
                      {p.description !== '' && <div className="muted small">{p.description}</div>}
                    </td>
                    <td className="num">{p.priority}</td>
                    <td>
                      <span className={`chip ${p.enabled ? 'task-done' : ''}`}>{p.enabled ? 'Enabled' : 'Disabled'}</span>
                    </td>
                    <td className="small">{p.when.map((w) => triggerLabels[w].replace(/ \(.*\)$/, '')).join(', ')}</td>
                    <td className="num">{p.matchedDevices.toLocaleString()}</td>
                    <td className="num">v{p.version}</td>
                    <td className="nowrap" title={formatTime(p.updatedAt)}>
                      {formatAgo(p.updatedAt, now)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </div>
  );
}
