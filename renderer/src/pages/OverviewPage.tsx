// The fleet at a glance: how many devices are online, late, offline or failing, what models
// and firmware they run, how many joined per day and informed per hour. Every number opens the
// list it counts. Kept fresh by push events (live-updates.ts) and a refetch every 30 s.
import { useMemo } from 'react';
import type { Overview } from '../../../shared/models-fleet.ts';
import { useApiQuery } from '../api/queries.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { formatAgo, formatTime } from '../lib/format.ts';
import { useNow } from '../lib/use-now.ts';
import { ActivityCard } from './overview/ActivityCard.tsx';
import { CategoryCard, type CategoryRow } from './overview/CategoryCard.tsx';
import { EmptyFleet } from './overview/EmptyFleet.tsx';
import { StatCards } from './overview/StatCards.tsx';
import { FleetOnlineCard } from './device/health/FleetOnlineCard.tsx';
import '../styles/overview.css';

const devicesWhere = (key: string, value: string): string => `/devices?${new URLSearchParams({ [key]: value }).toString()}`;

export function OverviewPage() {
  const overview = useApiQuery('getOverview', {}, { refetchInterval: 30_000 });
  const now = useNow();
  return (
    <section className="overview-page" aria-labelledby="overview-title">
      <div className="page-head">
        <h1 id="overview-title">Overview</h1>
        {overview.data !== undefined && (
          <span className="muted" title={formatTime(overview.data.generatedAt)}>
            Updated {formatAgo(overview.data.generatedAt, Math.max(now, Date.parse(overview.data.generatedAt)))}
          </span>
        )}
      </div>
      {overview.isPending && (
        <p className="muted" role="status">
          Loading the overview…
        </p>
      )}
      {overview.isError && (
        <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} title="Could not load the overview" />
      )}
      {overview.data !== undefined && (overview.data.devices === 0 ? <EmptyFleet /> : <FleetOverview o={overview.data} />)}
    </section>
  );
}

function FleetOverview({ o }: { o: Overview }) {
  const models = useMemo<CategoryRow[]>(
    () =>
      o.byModel.map((m) => ({
        key: `${m.manufacturer}\n${m.modelName}`,
        name: m.modelName || '(no model name)',
        detail: m.manufacturer,
        count: m.count,
        to: devicesWhere('model', m.modelName),
      })),
    [o.byModel],
  );
  const firmware = useMemo<CategoryRow[]>(
    () =>
      o.byFirmware.map((f) => ({
        key: f.softwareVersion,
        name: f.softwareVersion || '(not reported)',
        count: f.count,
        to: devicesWhere('firmware', f.softwareVersion),
      })),
    [o.byFirmware],
  );
  const days = useMemo(() => o.newDevicesPerDay.map((d) => ({ at: d.day, count: d.count })), [o.newDevicesPerDay]);
  const hours = useMemo(() => o.informsPerHour.map((h) => ({ at: h.hour, count: h.count })), [o.informsPerHour]);
  const newTotal = days.reduce((s, d) => s + d.count, 0);
  const informTotal = hours.reduce((s, h) => s + h.count, 0);
  return (
    <>
      <StatCards overview={o} />
      <div className="chart-grid">
        <CategoryCard title="Devices by model" nameHeader="Model" rows={models} total={o.devices} />
        <CategoryCard title="Devices by firmware" nameHeader="Firmware" rows={firmware} total={o.devices} />
        <ActivityCard
          title="New devices per day"
          unit="day"
          noun="new devices"
          points={days}
          summary={
            <>
              <strong>{newTotal.toLocaleString()}</strong> in the last 30 days,{' '}
              <strong>{(days.at(-1)?.count ?? 0).toLocaleString()}</strong> today (UTC).
            </>
          }
        />
        <ActivityCard
          title="Informs per hour"
          unit="hour"
          noun="informs"
          points={hours}
          summary={
            <>
              <strong>{informTotal.toLocaleString()}</strong> in the last 48 hours,{' '}
              <strong>{(hours.at(-1)?.count ?? 0).toLocaleString()}</strong> this hour.
            </>
          }
        />
        <FleetOnlineCard />
      </div>
    </>
  );
}
