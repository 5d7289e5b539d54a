// The device page's tabs (WAI-ARIA tabs pattern): one Tab stop for the list, arrows, Home and
// End move and select, the chosen tab lives in the URL (?tab=tasks) so a link opens it. Only
// the selected panel is rendered.
import { useEffect, useId, useRef } from 'react';
import { useSearchParams } from 'react-router';
import type { DeviceDetail } from '../../../../shared/models.ts';
import { BackupsTab } from './backups/BackupsTab.tsx';
import { DiagnosticsTab } from './diagnostics/DiagnosticsTab.tsx';
import { FaultsTab } from './FaultsTab.tsx';
import { HealthTab } from './health/HealthTab.tsx';
import { ReachabilityTab } from './reach/ReachabilityTab.tsx';
import { SessionsTab } from './SessionsTab.tsx';
import { SettingsTab } from './settings-tab/SettingsTab.tsx';
import { ProvisioningTab } from '../provisioning/ProvisioningTab.tsx';
import { TasksTab } from './TasksTab.tsx';
import { ParameterTree } from './tree/ParameterTree.tsx';
import type { DeviceActionsState } from './use-device-actions.ts';

export const deviceTabs = [
  { id: 'parameters', label: 'Parameters' },
  { id: 'settings', label: 'Settings' },
  { id: 'tasks', label: 'Tasks' },
  { id: 'faults', label: 'Faults' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'backups', label: 'Backups' },
  { id: 'health', label: 'Health' },
  { id: 'diagnostics', label: 'Diagnostics' },
  { id: 'provisioning', label: 'Provisioning' },
  { id: 'reach', label: 'Reachability' },
] as const;

export type DeviceTab = (typeof deviceTabs)[number]['id'];

export function tabOf(value: string | null): DeviceTab {
  return deviceTabs.find((t) => t.id === value)?.id ?? 'parameters';
}

export function DeviceTabs({ device, actions }: { device: DeviceDetail; actions: DeviceActionsState }) {
  const deviceId = device.id;
  const [params, setParams] = useSearchParams();
  const current = tabOf(params.get('tab'));
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);

  // The strip scrolls sideways when the tabs do not fit (1024 px): keep the chosen one in view,
  // also when the window is resized.
  useEffect(() => {
    const list = listRef.current;
    if (list == null) return;
    const reveal = (): void => {
      const tab = document.getElementById(`${baseId}-tab-${current}`);
      if (tab == null) return;
      if (tab.offsetLeft < list.scrollLeft) list.scrollLeft = tab.offsetLeft;
      else if (tab.offsetLeft + tab.offsetWidth > list.scrollLeft + list.clientWidth)
        list.scrollLeft = tab.offsetLeft + tab.offsetWidth - list.clientWidth;
    };
    reveal();
    const observer = new ResizeObserver(reveal);
    observer.observe(list);
    return () => observer.disconnect();
  }, [current, baseId]);

  const select = (tab: DeviceTab, replace: boolean): void => {
    const next = new URLSearchParams(params);
    if (tab === 'parameters') next.delete('tab');
    else next.set('tab', tab);
    // A session chosen in the inspector belongs to the Sessions tab.
    if (tab !== 'sessions') next.delete('session');
    setParams(next, { replace });
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const at = deviceTabs.findIndex((t) => t.id === current);
    const to =
      e.key === 'ArrowRight'
        ? at + 1
        : e.key === 'ArrowLeft'
          ? at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? deviceTabs.length - 1
              : null;
    if (to === null) return;
    e.preventDefault();
    const tab = deviceTabs[(to + deviceTabs.length) % deviceTabs.length];
    if (tab === undefined) return;
    // Arrow keys select as they move (automatic activation); the address follows without a history entry per key.
    select(tab.id, true);
    document.getElementById(`${baseId}-tab-${tab.id}`)?.focus();
  };

  return (
    <div className="device-tabs">
      <div ref={listRef} role="tablist" aria-label="Device details" className="tablist" onKeyDown={onKeyDown}>
        {deviceTabs.map((t) => (
          <button
            key={t.id}
            id={`${baseId}-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === current}
            aria-controls={`${baseId}-panel`}
            tabIndex={t.id === current ? 0 : -1}
            onClick={() => t.id !== current && select(t.id, false)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`${baseId}-panel`} role="tabpanel" aria-labelledby={`${baseId}-tab-${current}`} className="tabpanel">
        {current === 'parameters' && <ParameterTree deviceId={deviceId} />}
        {current === 'settings' && <SettingsTab deviceId={deviceId} actions={actions} />}
        {current === 'tasks' && <TasksTab deviceId={deviceId} />}
        {current === 'faults' && <FaultsTab deviceId={deviceId} />}
        {current === 'sessions' && <SessionsTab deviceId={deviceId} />}
        {current === 'backups' && <BackupsTab device={device} actions={actions} />}
        {current === 'health' && <HealthTab deviceId={deviceId} />}
        {current === 'diagnostics' && <DiagnosticsTab device={device} />}
        {current === 'provisioning' && <ProvisioningTab deviceId={deviceId} />}
        {current === 'reach' && <ReachabilityTab device={device} actions={actions} />}
      </div>
    </div>
  );
}
