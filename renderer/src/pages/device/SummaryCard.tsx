// What the device is and how it is doing, read from its stored parameters (getDeviceSummary):
// identity, uptime in words (counted on from when it was read, while the device is online), WAN,
// LAN, Wi-Fi per band, and the connection-request state with what to do about it.
import type { DeviceSummaryCard, WanSummary, WifiSummary } from '../../../../shared/models-device.ts';
import type { DeviceDetail } from '../../../../shared/models.ts';
import { useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { statusOf } from '../../components/StatusChip.tsx';
import { formatDuration, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { ConnectionRequestPanel } from './ConnectionRequestPanel.tsx';
import type { DeviceActionsState } from './use-device-actions.ts';

export function SummaryCard({ device, actions }: { device: DeviceDetail; actions: DeviceActionsState }) {
  const summary = useApiQuery('getDeviceSummary', { id: device.id });
  return (
    <section className="panel summary-card" aria-label="Summary">
      <QueryView query={summary} loading="Loading the summary…">
        {(s) => <SummaryBody s={s} device={device} actions={actions} />}
      </QueryView>
    </section>
  );
}

function SummaryBody({ s, device, actions }: { s: DeviceSummaryCard; device: DeviceDetail; actions: DeviceActionsState }) {
  return (
    <div className="summary-grid">
      <Block title="Device">
        <dl className="kv">
          <Item term="Manufacturer" value={s.manufacturer} />
          <Item term="Model" value={s.modelName || s.productClass} />
          <Item term="Serial" value={s.serialNumber} mono />
          <Item term="Hardware" value={s.hardwareVersion} mono />
          <Item term="Firmware" value={s.softwareVersion} mono />
          <div>
            <dt>Uptime</dt>
            <dd>
              <Uptime s={s} device={device} />
            </dd>
          </div>
        </dl>
      </Block>
      <Block title="Network">
        <dl className="kv">
          <Wan wan={s.wan} />
          <Item term="LAN IP" value={s.lanIp ?? ''} mono />
        </dl>
      </Block>
      <Block title="Wi-Fi">
        <Wifi wifi={s.wifi} />
      </Block>
      <Block title="Connection requests">
        <ConnectionRequestPanel device={device} state={s.connectionRequest} actions={actions} />
      </Block>
    </div>
  );
}

function Block({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="summary-block">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

function Item({ term, value, mono = false }: { term: string; value: string; mono?: boolean }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={mono && value !== '' ? 'mono' : undefined}>{value === '' ? <span className="muted">unknown</span> : value}</dd>
    </div>
  );
}

function Uptime({ s, device }: { s: DeviceSummaryCard; device: DeviceDetail }) {
  const now = useNow(1_000);
  // A boot after the value was read makes it stale: the uptime is then the time since that boot.
  const bootedSinceRead = device.lastBoot !== null && (s.uptimeAt === null || device.lastBoot > s.uptimeAt);
  if (bootedSinceRead && device.lastBoot !== null && statusOf(device, now) === 'online') {
    return (
      <span title={`Since its boot at ${formatTime(device.lastBoot)}`}>{formatDuration((now - Date.parse(device.lastBoot)) / 1000)}</span>
    );
  }
  if (s.uptimeSeconds === null || s.uptimeAt === null) return <span className="muted">unknown (refresh the device)</span>;
  const readAt = Date.parse(s.uptimeAt);
  // Counting on is honest only while the device is still in touch; otherwise say when it was true.
  if (statusOf(device, now) !== 'online') {
    return (
      <span>
        {formatDuration(s.uptimeSeconds)} <span className="muted">as of {formatTime(s.uptimeAt)}</span>
      </span>
    );
  }
  return <span title={`Read at ${formatTime(s.uptimeAt)}`}>{formatDuration(s.uptimeSeconds + Math.max(0, now - readAt) / 1000)}</span>;
}

function Wan({ wan }: { wan: WanSummary | null }) {
  if (wan === null) {
    return (
      <div>
        <dt>WAN</dt>
        <dd className="muted">unknown (refresh the device)</dd>
      </div>
    );
  }
  return (
    <>
      <Item term="WAN" value={wan.type} />
      <div>
        <dt>State</dt>
        <dd>
          {wan.state === null ? <span className="muted">unknown</span> : <span className={`chip ${wanTone(wan.state)}`}>{wan.state}</span>}
        </dd>
      </div>
      <Item term="WAN IP" value={wan.ip ?? ''} mono />
      {wan.username !== null && <Item term="PPPoE user" value={wan.username} mono />}
    </>
  );
}

function wanTone(state: string): string {
  const s = state.toLowerCase();
  if (s === 'connected' || s === 'up') return 'state-good';
  if (s.includes('connecting') || s === 'dormant' || s === 'unknown') return 'state-warn';
  return 'state-bad';
}

function Wifi({ wifi }: { wifi: WifiSummary[] }) {
  if (wifi.length === 0) return <p className="muted empty-inline">No Wi-Fi network known (refresh the device).</p>;
  return (
    <ul className="wifi-list">
      {wifi.map((w) => (
        <li key={w.ssidPath} title={w.ssidPath}>
          <span className="wifi-band">{w.band === '' ? 'Wi-Fi' : w.band}</span>
          <span className="wifi-ssid mono">{w.ssid === '' ? <span className="muted">(no name)</span> : w.ssid}</span>
          <span className="muted wifi-meta">
            {w.enabled === false ? 'off' : w.clients === null ? '' : `${w.clients} client${w.clients === 1 ? '' : 's'}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
