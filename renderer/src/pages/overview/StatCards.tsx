// The fleet in numbers; each card opens the list it counts (status filters, failing devices,
// queued and running tasks).
import { Link } from 'react-router';
import type { Overview } from '../../../../shared/models-fleet.ts';

interface Card {
  label: string;
  value: number;
  to: string;
  sub: string;
  tone: 'plain' | 'ok' | 'warn' | 'bad';
}

const share = (n: number, of: number): string =>
  of === 0 ? '—' : `${n > 0 && (n * 100) / of < 1 ? '<1' : Math.round((n * 100) / of)}% of fleet`;

export function statCards(o: Overview): Card[] {
  return [
    { label: 'Devices', value: o.devices, to: '/devices', sub: 'known', tone: 'plain' },
    { label: 'Online', value: o.online, to: '/devices?status=online', sub: share(o.online, o.devices), tone: 'ok' },
    { label: 'Late', value: o.late, to: '/devices?status=late', sub: share(o.late, o.devices), tone: 'warn' },
    { label: 'Offline', value: o.offline, to: '/devices?status=offline', sub: share(o.offline, o.devices), tone: 'bad' },
    {
      label: 'Failing tasks',
      value: o.failingDevices,
      to: '/devices?failing=1',
      sub: o.failingDevices === 1 ? 'device' : 'devices',
      tone: o.failingDevices > 0 ? 'bad' : 'plain',
    },
    {
      label: 'Queued tasks',
      value: o.tasks.queued,
      to: '/tasks?status=queued',
      sub: `${o.tasks.running.toLocaleString()} running now`,
      tone: 'plain',
    },
  ];
}

export function StatCards({ overview }: { overview: Overview }) {
  return (
    <ul className="stat-cards" aria-label="Fleet at a glance">
      {statCards(overview).map((c) => (
        <li key={c.label}>
          <Link className={`stat-card tone-${c.tone}`} to={c.to}>
            <span className="stat-label">{c.label}</span>
            <span className="stat-value">{c.value.toLocaleString()}</span>
            <span className="stat-sub">{c.sub}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
