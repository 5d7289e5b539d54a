import type { ReactNode } from 'react';
import { type SettingsSectionId, settingsSections } from './sections.ts';

/** One settings section: a titled panel that the page's table of contents can scroll to. */
export function SettingsSection({ id, intro, children }: { id: SettingsSectionId; intro?: ReactNode; children: ReactNode }) {
  const title = settingsSections.find((s) => s.id === id)?.title ?? id;
  return (
    <section className="settings-section panel" id={`settings-${id}`} aria-labelledby={`settings-${id}-title`}>
      <header>
        <h2 id={`settings-${id}-title`} tabIndex={-1}>
          {title}
        </h2>
        {intro !== undefined && <p className="muted section-intro">{intro}</p>}
      </header>
      {children}
    </section>
  );
}
