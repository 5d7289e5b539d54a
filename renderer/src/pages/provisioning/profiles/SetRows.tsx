// The values a profile sets: each row a common setting picked from the catalog (resolved on
// every model) or a raw path, and its value, which may hold {{variables}} (listed in the help).
import { settingGroups } from '../../../../../shared/models-settings.ts';
import { useApiQuery } from '../../../api/queries.ts';
import { type SetRow, templateVariables } from './profile-form.ts';
import { Section } from './ProfileSections.tsx';

export function SetRows({ rows, onChange }: { rows: SetRow[]; onChange(rows: SetRow[]): void }) {
  const catalog = useApiQuery('listCommonSettings', {}, { staleTime: Number.POSITIVE_INFINITY });
  const settings = catalog.data ?? [];
  const put = (i: number, row: Partial<SetRow>): void => onChange(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  return (
    <Section title="Values to set" hint="A common setting resolves to each model's own path; a raw path is sent as written.">
      {rows.length === 0 && <p className="muted small">No values yet.</p>}
      <ul className="set-rows" aria-label="Values to set">
        {rows.map((r, i) => {
          const secret = settings.find((s) => s.key === r.key)?.secret === true;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
            <li key={i} className="set-row">
              <label className="pfield">
                <span>Setting</span>
                <select value={r.key} onChange={(e) => put(i, { key: e.target.value })}>
                  <option value="">Raw path…</option>
                  {settingGroups.map((g) => (
                    <optgroup key={g} label={g}>
                      {settings
                        .filter((s) => s.group === g)
                        .map((s) => (
                          <option key={s.key} value={s.key}>
                            {s.label} ({s.key})
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
              </label>
              {r.key === '' && (
                <label className="pfield">
                  <span>Path</span>
                  <input
                    type="text"
                    className="mono"
                    value={r.path}
                    placeholder="Device.X.Y"
                    spellCheck={false}
                    onChange={(e) => put(i, { path: e.target.value })}
                  />
                </label>
              )}
              <label className="pfield grow">
                <span>Value</span>
                <input
                  type="text"
                  className="mono"
                  value={r.value}
                  placeholder={secret ? '{{subscriber.wifiKey}} or {{random:12}}' : 'Net-{{serialNumber}}'}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => put(i, { value: e.target.value })}
                />
              </label>
              <button
                type="button"
                className="icon-button set-remove"
                aria-label={`Remove row ${i + 1}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <div className="set-tools">
        <button type="button" onClick={() => onChange([...rows, { key: 'wifi.ssid', path: '', value: '' }])}>
          Add a value
        </button>
        <details className="set-help">
          <summary>Variables</summary>
          <dl>
            {templateVariables.map((v) => (
              <div key={v.name}>
                <dt className="mono">{v.name}</dt>
                <dd className="muted">{v.what}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
    </Section>
  );
}
