// One device: what it is, whether it is online, quick actions, and its stored parameters.
// (The summary card, the parameter-tree editor and the tabs come with issue #11.)
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { nextExpectedContact } from '../../../shared/device-status.ts';
import { useApiMutation, useApiQuery } from '../api/queries.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { StatusChip, statusOf } from '../components/StatusChip.tsx';
import { useToasts } from '../components/Toasts.tsx';
import { formatRelative, formatTime } from '../lib/format.ts';
import { useNow } from '../lib/use-now.ts';
import { DeviceActions } from './device/DeviceActions.tsx';
import { ParameterList } from './device/ParameterList.tsx';
import '../styles/device.css';

export function DevicePage() {
  const id = useParams().id ?? '';
  const now = useNow();
  const navigate = useNavigate();
  const toasts = useToasts();
  const device = useApiQuery('getDevice', { id });
  const remove = useApiMutation('deleteDevice', ['listDevices', 'serverInfo', 'getOverview']);
  const [confirmDelete, setConfirmDelete] = useState(false);

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
  const title = d.modelName || d.productClass || 'Device';
  return (
    <section className="device-page">
      <nav aria-label="Breadcrumb" className="crumbs">
        <Link to="/devices">Devices</Link> <span aria-hidden="true">›</span> <span className="mono">{d.serialNumber}</span>
      </nav>
      <header className="device-head">
        <div>
          <h1>
            {title} <span className="mono muted">{d.serialNumber}</span>
          </h1>
          <p className="muted">
            {d.manufacturer} · firmware {d.softwareVersion || '—'} · {d.ipAddress || 'no IP'}
          </p>
        </div>
        <dl className="contact">
          <div>
            <dt>Status</dt>
            <dd>
              <StatusChip status={statusOf(d, now)} />
            </dd>
          </div>
          <div>
            <dt>Last contact</dt>
            <dd title={formatTime(d.lastInform)}>{formatRelative(d.lastInform, now)}</dd>
          </div>
          <div>
            <dt>Next expected</dt>
            <dd>{formatRelative(nextExpectedContact(d.lastInform, d.periodicInformInterval), now)}</dd>
          </div>
        </dl>
      </header>
      <div className="device-toolbar">
        <DeviceActions deviceId={d.id} />
        <button type="button" className="danger-outline" onClick={() => setConfirmDelete(true)}>
          Delete device
        </button>
      </div>
      {d.tags.length > 0 && (
        <p className="tags">
          <span className="sr-only">Tags: </span>
          {d.tags.map((t) => (
            <Link key={t} className="tag" to={`/devices?tag=${encodeURIComponent(t)}`}>
              {t}
            </Link>
          ))}
        </p>
      )}
      <ParameterList deviceId={d.id} />
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${d.serialNumber}?`}
        confirmLabel="Delete device"
        danger
        busy={remove.isPending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() =>
          remove.mutate(
            { id: d.id },
            {
              onSuccess: () => {
                toasts.show(`Deleted ${d.serialNumber}.`, 'ok');
                navigate('/devices');
              },
              onError: (err) => toasts.show(`Delete failed: ${err.message}`, 'bad'),
            },
          )
        }
      >
        <p>
          DeskACS forgets this device: its parameters, sessions, tasks and faults. If it informs again it comes back as a new device (or is
          refused, when unknown devices are refused).
        </p>
      </ConfirmDialog>
    </section>
  );
}
