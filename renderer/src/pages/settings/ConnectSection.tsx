// What an installer types into a CPE: the ACS URL of each network interface (loopback last and
// marked: a CPE can never use it) and the credentials CPEs authenticate with.
import { Link } from 'react-router';
import type { CpeAuthSettings, CwmpEndpoint } from '../../../../shared/models.ts';
import { useApiQuery } from '../../api/queries.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { endpointsOf } from './endpoints.ts';
import { SecretValue } from './SecretValue.tsx';
import { SettingsSection } from './SettingsSection.tsx';

export function ConnectSection() {
  const info = useApiQuery('serverInfo', {}, { refetchInterval: 30_000 });
  const auth = useApiQuery('getCpeAuth', {});
  return (
    <SettingsSection
      id="connect"
      intro="Type these into each CPE's TR-069 settings (often under Management, TR-069 or ACS). Use the address of the network the CPEs are on."
    >
      {info.isPending && <p className="muted">Loading addresses…</p>}
      {info.isError && <ErrorAlert error={info.error} onRetry={() => void info.refetch()} title="Could not read the addresses" />}
      {info.data !== undefined && <EndpointTable endpoints={endpointsOf(info.data)} />}
      <h3>Credentials the CPE sends</h3>
      {auth.isPending && <p className="muted">Loading credentials…</p>}
      {auth.isError && <ErrorAlert error={auth.error} onRetry={() => void auth.refetch()} title="Could not read the CPE credentials" />}
      {auth.data !== undefined && <CpeCredentials auth={auth.data} />}
      <p className="muted small">
        Also turn on the CPE's periodic inform (every 300 to 3600 seconds is usual), so DeskACS knows when it is online.
      </p>
    </SettingsSection>
  );
}

function EndpointTable({ endpoints }: { endpoints: CwmpEndpoint[] }) {
  const reachable = endpoints.filter((e) => !e.loopback);
  return (
    <>
      {reachable.length === 0 && (
        <p className="note warn">
          DeskACS found no network address on this computer, only the loopback one, which CPEs cannot use. Connect this computer to the
          CPEs' network (DeskACS listens on every interface unless started with <code>--cwmp-host</code>), then come back here.
        </p>
      )}
      <table className="table endpoints">
        <caption className="sr-only">ACS URLs per network interface</caption>
        <thead>
          <tr>
            <th scope="col">Interface</th>
            <th scope="col">ACS URL</th>
            <th scope="col">
              <span className="sr-only">Copy</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e, i) => (
            <tr key={e.url} className={e.loopback ? 'loopback' : i === 0 ? 'recommended' : undefined}>
              <td>
                <span className="iface">{e.interface}</span> <span className="muted">{e.family}</span>
              </td>
              <td>
                <code className="url">{e.url}</code>
                {e.loopback && <span className="chip only-here">this computer only</span>}
                {!e.loopback && i === 0 && reachable.length > 1 && <span className="chip suggested">first choice</span>}
              </td>
              <td className="row-actions">
                <CopyButton value={e.url} what={`URL ${e.url}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function CpeCredentials({ auth }: { auth: CpeAuthSettings }) {
  if (auth.mode === 'none') {
    return (
      <p className="note warn">
        No authentication: leave the CPE's ACS username and password empty. Any device that reaches this computer can connect;{' '}
        <Link to="?section=cpe-auth">require a password under CPE authentication</Link>.
      </p>
    );
  }
  return (
    <dl className="kv">
      <div>
        <dt>Authentication</dt>
        <dd>{auth.mode === 'digest' ? 'HTTP Digest' : 'HTTP Basic'}</dd>
      </div>
      <div>
        <dt>ACS username</dt>
        <dd>
          <span className="secret-value">
            <code>{auth.username}</code>
            <CopyButton value={auth.username} what="ACS username" />
          </span>
        </dd>
      </div>
      <div>
        <dt>ACS password</dt>
        <dd>
          <SecretValue value={auth.password} what="ACS password" />
        </dd>
      </div>
    </dl>
  );
}
