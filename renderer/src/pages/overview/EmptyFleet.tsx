// No device has contacted DeskACS yet: say what to do, with the URL to give CPEs at hand.
import { Link } from 'react-router';
import { useApiQuery } from '../../api/queries.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { endpointsOf } from '../settings/endpoints.ts';

export function EmptyFleet() {
  const info = useApiQuery('serverInfo', {});
  const best = info.data === undefined ? undefined : endpointsOf(info.data)[0];
  return (
    <div className="empty-fleet panel">
      <h2>No devices yet</h2>
      <p>A CPE appears here after its first contact. Set its ACS URL (in its TR-069 settings) to:</p>
      {best !== undefined && !best.loopback && (
        <p className="empty-url">
          <code>{best.url}</code> <CopyButton value={best.url} what={`URL ${best.url}`} />
        </p>
      )}
      {best?.loopback === true && (
        <p className="note warn">This computer has no network address CPEs could use yet; connect it to the CPEs' network.</p>
      )}
      <p>
        <Link to="/settings?section=connect">All addresses, and the username and password CPEs need</Link>
      </p>
    </div>
  );
}
