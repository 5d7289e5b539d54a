// One device, the screen an installer lives in: the header (model, serial, status, contact,
// quick actions) with the live trace of what the actions did, the summary card, then the tabs:
// Parameters (the tree editor), Tasks, Faults, Sessions (the inspector).
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../api/queries.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ActionLog } from './device/ActionLog.tsx';
import { DeviceHeader } from './device/DeviceHeader.tsx';
import { DeviceTabs } from './device/DeviceTabs.tsx';
import { SummaryCard } from './device/SummaryCard.tsx';
import { useDeviceActions } from './device/use-device-actions.ts';
import '../styles/device.css';
import '../styles/device-tabs.css';
import '../styles/tasks.css';

export function DevicePage() {
  const id = useParams().id ?? '';
  const device = useApiQuery('getDevice', { id });
  const actions = useDeviceActions(id);

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
      <ActionLog entries={actions.entries} device={d} onDismiss={actions.dismiss} />
      <SummaryCard device={d} actions={actions} />
      <DeviceTabs deviceId={d.id} />
    </section>
  );
}
