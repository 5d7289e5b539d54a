// The device page's Settings tab: the common settings (Wi-Fi name, PPPoE user, periodic inform
// ...) grouped as the catalog groups them, each with its value (a secret masked by the core, read
// again with reveal=true once the user clicks Show) and the parameter it resolved to
// on this device (a link opens the parameter tree there), or "not supported by this model" and
// why. A writable one is edited in place and applied as one setDeviceSettings task, followed to
// its end in the page's action log like the other device actions.
import { useState } from 'react';
import { type DeviceSetting, settingGroups } from '../../../../../shared/models-settings.ts';
import { useClient } from '../../../api/client-context.tsx';
import { useApiQuery } from '../../../api/queries.ts';
import { QueryView } from '../../../components/QueryView.tsx';
import type { DeviceActionsState } from '../use-device-actions.ts';
import { SettingRow } from './SettingRow.tsx';
import '../../../styles/provisioning.css';

export function SettingsTab({ deviceId, actions }: { deviceId: string; actions: DeviceActionsState }) {
  const settings = useApiQuery('getDeviceSettings', { id: deviceId });
  const catalog = useApiQuery('listCommonSettings', {}, { staleTime: Number.POSITIVE_INFINITY });
  const client = useClient();
  const [editing, setEditing] = useState<string | null>(null);
  // Secrets come masked; once one is shown, the settings are read again with reveal=true.
  const [shown, setShown] = useState<ReadonlySet<string>>(() => new Set());
  const revealed = useApiQuery('getDeviceSettings', shown.size > 0 ? { id: deviceId, reveal: true } : null);
  const clear = new Map((revealed.data ?? []).map((s) => [s.key, s.value]));
  const toggle = (key: string): void =>
    setShown((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const descriptions = new Map((catalog.data ?? []).map((c) => [c.key, c]));

  const apply = async (s: DeviceSetting, value: string): Promise<void> => {
    setEditing(null);
    await actions.runCall(`Set ${s.label}`, `setting:${s.key}`, 'device', () =>
      client.call('setDeviceSettings', { id: deviceId, values: { [s.key]: value }, connectionRequest: true }),
    );
    void settings.refetch();
  };

  return (
    <QueryView query={settings} loading="Resolving common settings…">
      {(list) => {
        const supported = list.filter((s) => s.path !== null).length;
        return (
          <div className="csettings">
            <p className="tab-note muted small">
              {supported} of {list.length} common settings resolve on this model. Values are the ones DeskACS last read; an edit is sent as
              one task and followed above.
            </p>
            {settingGroups.map((group) => {
              const rows = list.filter((s) => s.group === group);
              if (rows.length === 0) return null;
              return (
                <section key={group} className="panel csettings-group" aria-label={group}>
                  <h3>{group}</h3>
                  <table className="table compact csettings-table">
                    <thead>
                      <tr>
                        <th scope="col">Setting</th>
                        <th scope="col">Value</th>
                        <th scope="col">Parameter on this device</th>
                        <th scope="col">
                          <span className="sr-only">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((s) => (
                        <SettingRow
                          key={s.key}
                          setting={s}
                          type={descriptions.get(s.key)?.type ?? 'xsd:string'}
                          description={descriptions.get(s.key)?.description ?? ''}
                          editing={editing === s.key}
                          shown={shown.has(s.key)}
                          clearValue={clear.get(s.key)}
                          onToggleShown={() => toggle(s.key)}
                          busy={actions.busy(`setting:${s.key}`)}
                          onEdit={() => setEditing(s.key)}
                          onCancel={() => setEditing(null)}
                          onApply={(value) => void apply(s, value)}
                        />
                      ))}
                    </tbody>
                  </table>
                </section>
              );
            })}
          </div>
        );
      }}
    </QueryView>
  );
}
