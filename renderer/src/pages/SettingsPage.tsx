// Settings, one section per concern: where CPEs connect and how they authenticate, which new
// devices may join, how DeskACS wakes devices, quirk rules, history, scheduled backups, the data
// folder and the API token. `?section=<id>` scrolls to a section, so other pages can link straight to one.
import { useIsFetching } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiTokenSection } from './settings/ApiTokenSection.tsx';
import { BackupsSection } from './settings/BackupsSection.tsx';
import { ConnectionRequestSection } from './settings/ConnectionRequestSection.tsx';
import { ConnectSection } from './settings/ConnectSection.tsx';
import { CpeAuthSection } from './settings/CpeAuthSection.tsx';
import { DataSection } from './settings/DataSection.tsx';
import { HistorySection } from './settings/HistorySection.tsx';
import { MetricsSection } from './settings/MetricsSection.tsx';
import { NetworkSection } from './settings/NetworkSection.tsx';
import { QuirkRulesSection } from './settings/QuirkRulesSection.tsx';
import { isSettingsSection, type SettingsSectionId, settingsSections } from './settings/sections.ts';
import { UnknownDevicesSection } from './settings/UnknownDevicesSection.tsx';
import '../styles/settings.css';

function showSection(id: SettingsSectionId): void {
  const heading = document.getElementById(`settings-${id}-title`);
  heading?.closest('section')?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}

export function SettingsPage() {
  const [params] = useSearchParams();
  const section = params.get('section');
  useEffect(() => {
    if (isSettingsSection(section)) showSection(section);
  }, [section]);
  // Sections above the target grow as their data arrives: scroll again once the first loads settle.
  const fetching = useIsFetching();
  const loads = useRef<'none' | 'running' | 'settled'>('none');
  useEffect(() => {
    if (fetching > 0) {
      if (loads.current === 'none') loads.current = 'running';
      return;
    }
    if (loads.current !== 'running') return;
    loads.current = 'settled';
    if (isSettingsSection(section)) showSection(section);
  }, [fetching, section]);
  return (
    <section className="settings-page" aria-labelledby="settings-title">
      <div className="page-head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <div className="settings-layout">
        <nav className="settings-toc" aria-label="Settings sections">
          <ul>
            {settingsSections.map((s) => (
              <li key={s.id}>
                <Link
                  to={`?section=${s.id}`}
                  replace
                  aria-current={section === s.id ? 'true' : undefined}
                  // The same link twice does not change the address; scroll anyway.
                  onClick={() => showSection(s.id)}
                >
                  {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-sections">
          <ConnectSection />
          <CpeAuthSection />
          <UnknownDevicesSection />
          <ConnectionRequestSection />
          <NetworkSection />
          <QuirkRulesSection />
          <MetricsSection />
          <HistorySection />
          <BackupsSection />
          <DataSection />
          <ApiTokenSection />
        </div>
      </div>
    </section>
  );
}
