// The Settings page's sections, in page order: the table of contents and deep links
// (#/settings?section=connect) are built from this list.
export const settingsSections = [
  { id: 'connect', title: 'Connect CPEs' },
  { id: 'cpe-auth', title: 'CPE authentication' },
  { id: 'unknown-devices', title: 'Unknown devices' },
  { id: 'connection-requests', title: 'Connection requests' },
  { id: 'network', title: 'NAT and HTTPS' },
  { id: 'quirks', title: 'Quirk rules' },
  { id: 'metrics', title: 'Health metrics' },
  { id: 'history', title: 'History' },
  { id: 'backups', title: 'Scheduled backups' },
  { id: 'data', title: 'Data' },
  { id: 'api-token', title: 'API token' },
] as const;

export type SettingsSectionId = (typeof settingsSections)[number]['id'];

export function isSettingsSection(id: string | null): id is SettingsSectionId {
  return settingsSections.some((s) => s.id === id);
}
