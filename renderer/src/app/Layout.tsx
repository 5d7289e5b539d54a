// The frame of every page: the left rail (one item per page, each its own address), the global
// device search (`/` or Ctrl+K from anywhere), and the page itself.
import { NavLink, Outlet } from 'react-router';
import { useApiQuery } from '../api/queries.ts';
import { useClient } from '../api/client-context.tsx';
import { GlobalSearch } from '../components/GlobalSearch.tsx';
import { useAlertNotifications } from '../pages/alerts/use-alert-notifications.ts';
import '../styles/layout.css';

const pages = [
  { to: '/overview', label: 'Overview', icon: '◔' },
  { to: '/devices', label: 'Devices', icon: '▤' },
  { to: '/tasks', label: 'Tasks', icon: '☰' },
  { to: '/alerts', label: 'Alerts', icon: '⚠' },
  { to: '/files', label: 'Files', icon: '▣' },
  { to: '/rollouts', label: 'Rollouts', icon: '⇪' },
  { to: '/profiles', label: 'Profiles', icon: '⚑' },
  { to: '/subscribers', label: 'Subscribers', icon: '☺' },
  { to: '/installer', label: 'Installer', icon: '⚒' },
  { to: '/settings', label: 'Settings', icon: '⚙' },
] as const;

export function Layout() {
  const client = useClient();
  const info = useApiQuery('serverInfo', {}, { refetchInterval: 30_000 });
  // New alerts as desktop notifications (when the operator allowed them on the Alerts page).
  useAlertNotifications();
  return (
    <div className="shell">
      <nav className="rail" aria-label="Main">
        <div className="brand">DeskACS</div>
        <ul>
          {pages.map((p) => (
            <li key={p.to}>
              <NavLink to={p.to}>
                <span className="rail-icon" aria-hidden="true">
                  {p.icon}
                </span>
                <span>{p.label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="rail-foot muted">
          {info.data !== undefined && (
            <>
              <div>
                {info.data.devices.toLocaleString()} device{info.data.devices === 1 ? '' : 's'}
              </div>
              <div>
                {info.data.activeSessions} active session{info.data.activeSessions === 1 ? '' : 's'}
              </div>
              <div>
                v{info.data.version} · {client.transport === 'ipc' ? 'desktop' : 'browser'}
              </div>
            </>
          )}
        </div>
      </nav>
      <div className="main-col">
        <header className="topbar">
          <GlobalSearch />
        </header>
        <main className="page">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
