// One device, the screen an installer lives in: the header (model, serial, status, contact,
// quick actions) with the live trace of what the actions did, the summary card, then the tabs:
// Parameters (the tree editor), Tasks, Faults, Sessions (the inspector), Backups, Reachability.
import { Link, useParams, useSearchParams } from 'react-router';
import { useApiQuery } from '../api/queries.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ActionLog } from './device/ActionLog.tsx';
import { DeviceHeader } from './device/DeviceHeader.tsx';
import { DeviceTabs, tabOf } from './device/DeviceTabs.tsx';
import { SummaryCard } from './device/SummaryCard.tsx';
import { useDeviceActions } from './device/use-device-actions.ts';
import '../styles/device.css';
import '../styles/device-tabs.css';
import '../styles/tasks.css';

export function DevicePage() {
  const id = useParams().id ?? '';
  const device = useApiQuery('getDevice', { id });
  const actions = useDeviceActions(id);
  // Backups and restores (and Enable STUN) are traced in their tab while it is open, beside the buttons that start them.
  const tab = tabOf(useSearchParams()[0].get('tab'));
  const logged = actions.entries.filter((e) => e.scope === 'device' || e.scope !== tab);

  if (device.isPending) return <p className="muted">Loading device…</p>;
  if (device.isError) {
    return (
      <section>
        <p>
          <Link to="/devices">← Devices</Link>
        </p>
        <ErrorAlert error={device.error} onRetry={() => void device.refetch()} />
      </section>
    );
  }
  const d = device.data;
  return (
    <section className="device-page">
      <nav aria-label="Breadcrumb" className="crumbs">
        <Link to="/devices">Devices</Link> <span aria-hidden="true">›</span> <span className="mono">{d.serialNumber}</span>
      </nav>
      <DeviceHeader device={d} actions={actions} />
      <ActionLog entries={logged} device={d} onDismiss={actions.dismiss} />
      <SummaryCard device={d} actions={actions} />
      <DeviceTabs device={d} actions={actions} />
    </section>
  );
}
