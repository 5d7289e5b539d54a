// Installer mode: one screen for a 13" laptop at the customer's house. Left, the routers waiting
// (just bootstrapped or not bound to a subscriber), live; right, the one picked: bind it to its
// subscriber (the suggested one first), watch its checklist go green (each step and check with
// the fault explained and a retry), optionally hand it over to the production ACS, then the
// report (printable HTML and PDF).
import { Link, useNavigate, useParams } from 'react-router';
import { useApiQuery } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StatusChip, statusOf } from '../../components/StatusChip.tsx';
import { useNow } from '../../lib/use-now.ts';
import { Checklist } from './Checklist.tsx';
import { HandoverStep } from './installer/HandoverStep.tsx';
import { ReportStep } from './installer/ReportStep.tsx';
import { SubscriberStep } from './installer/SubscriberStep.tsx';
import { WaitingList } from './installer/WaitingList.tsx';
import '../../styles/provisioning.css';
import '../../styles/installer.css';

export function InstallerPage() {
  const id = useParams().id ?? null;
  const navigate = useNavigate();
  const waiting = useApiQuery('listWaitingDevices', {}, { refetchInterval: 15_000 });
  const suggested = waiting.data?.find((w) => w.deviceId === id)?.suggested ?? null;
  return (
    <div className="installer">
      <aside className="installer-waiting panel" aria-labelledby="waiting-title">
        <h1 id="waiting-title">Waiting for a router</h1>
        <p className="muted small">Routers that just contacted DeskACS or have no subscriber yet. Plug one in: it shows up here.</p>
        {waiting.isError && <ErrorAlert error={waiting.error} onRetry={() => void waiting.refetch()} />}
        {waiting.isPending ? (
          <p className="muted">Loading…</p>
        ) : (
          <WaitingList devices={waiting.data ?? []} selected={id} onPick={(d) => navigate(`/installer/${encodeURIComponent(d)}`)} />
        )}
      </aside>
      <section className="installer-main" aria-label="Installation">
        {id === null ? (
          <div className="empty-state installer-empty">
            <h2>Pick a router on the left</h2>
            <p>Then bind it to its subscriber; DeskACS applies the profiles and checks the result while you watch.</p>
          </div>
        ) : (
          <DevicePanel key={id} id={id} suggested={suggested} />
        )}
      </section>
    </div>
  );
}

function DevicePanel({ id, suggested }: { id: string; suggested: string | null }) {
  const device = useApiQuery('getDevice', { id });
  const prov = useApiQuery('getProvisioning', { id }, { refetchInterval: (q) => (q.state.data?.state === 'working' ? 5_000 : false) });
  const now = useNow(10_000);
  if (device.isPending) return <p className="muted">Loading the router…</p>;
  if (device.isError) return <ErrorAlert error={device.error} onRetry={() => void device.refetch()} />;
  const d = device.data;
  const p = prov.data;
  return (
    <>
      <header className="installer-device panel">
        <div>
          <h2>
            {d.manufacturer} {d.modelName || d.productClass}
          </h2>
          <div className="small">
            <span className="mono">{d.serialNumber}</span>
            {d.ipAddress !== '' && <span className="mono muted"> · {d.ipAddress}</span>}
            <span className="muted"> · firmware </span>
            <span className="mono">{d.softwareVersion || '?'}</span>
          </div>
        </div>
        <StatusChip status={statusOf(d, now)} />
        <Link to={`/devices/${encodeURIComponent(id)}?tab=provisioning`} className="small">
          Device page
        </Link>
      </header>
      <SubscriberStep deviceId={id} subscriber={p?.subscriber ?? null} loaded={p !== undefined} suggested={suggested} />
      <section className="panel installer-step" aria-labelledby="checklist-title">
        <h2 id="checklist-title">
          <span className="step-no">2</span> Checklist
        </h2>
        {prov.isError && <ErrorAlert error={prov.error} onRetry={() => void prov.refetch()} />}
        {p === undefined ? <p className="muted small">Loading…</p> : <Checklist provisioning={p} compact />}
      </section>
      <div className="installer-row">
        <HandoverStep deviceId={id} />
        <ReportStep deviceId={id} serial={d.serialNumber} state={p?.state ?? null} />
      </div>
    </>
  );
}
