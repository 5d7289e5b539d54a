// One common setting of the device: label (and key), value (a secret masked until shown), the
// parameter it resolved to with a link into the parameter tree, or why the model has none; a
// writable one edits in place (Enter applies, Escape cancels).
import { useState } from 'react';
import { Link } from 'react-router';
import type { DeviceSetting } from '../../../../../shared/models-settings.ts';
import { PathText } from '../PathText.tsx';

const mask = '••••••••';

export interface SettingRowProps {
  setting: DeviceSetting;
  type: string;
  description: string;
  editing: boolean;
  /** A secret shown (the user clicked Show), and its clear value once read (undefined until then). */
  shown: boolean;
  clearValue: string | null | undefined;
  onToggleShown(): void;
  busy: boolean;
  onEdit(): void;
  onCancel(): void;
  onApply(value: string): void;
}

export function SettingRow(props: SettingRowProps) {
  const { setting: s, type, description, editing, busy, onEdit, onCancel, onApply } = props;
  const name = (
    <th scope="row" className="csettings-name">
      <span title={description}>{s.label}</span>
      <span className="mono muted csettings-key">{s.key}</span>
    </th>
  );
  if (s.path === null) {
    return (
      <tr className="csettings-unsupported">
        {name}
        <td colSpan={3}>
          <span className="chip">Not supported by this model</span> <span className="muted small">{s.unsupported ?? ''}</span>
        </td>
      </tr>
    );
  }
  const canEdit = s.writable !== false;
  return (
    <tr>
      {name}
      <td className="csettings-value">
        {editing ? (
          <ValueInput setting={s} type={type} onApply={onApply} onCancel={onCancel} />
        ) : (
          <ShownValue setting={s} shown={props.shown} clearValue={props.clearValue} onToggle={props.onToggleShown} />
        )}
      </td>
      <td className="csettings-path mono">
        <Link to={`?tab=parameters&path=${encodeURIComponent(s.path)}`} title={`Open ${s.path} in the parameter tree`}>
          <PathText path={s.path} />
        </Link>
        {s.writable === false && <span className="muted small"> (read-only)</span>}
      </td>
      <td className="row-actions">
        {!editing && canEdit && (
          <button type="button" onClick={onEdit} disabled={busy} aria-label={`Edit ${s.label}`}>
            {busy ? 'Applying…' : 'Edit'}
          </button>
        )}
      </td>
    </tr>
  );
}

function ShownValue({
  setting: s,
  shown,
  clearValue,
  onToggle,
}: {
  setting: DeviceSetting;
  shown: boolean;
  clearValue: string | null | undefined;
  onToggle(): void;
}) {
  if (s.value === null) return <span className="muted">not read yet</span>;
  if (s.secret && s.value !== '') {
    return (
      <span className="csettings-secret">
        <span className="mono">{!shown ? mask : clearValue === undefined ? 'Reading…' : (clearValue ?? '')}</span>
        {!shown && <span className="sr-only">{s.label} hidden</span>}
        <button
          type="button"
          className="prov-link"
          aria-pressed={shown}
          aria-label={`${shown ? 'Hide' : 'Show'} ${s.label}`}
          onClick={onToggle}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
      </span>
    );
  }
  if (s.value === '') return <span className="muted small">{s.secret ? 'empty (devices rarely report secrets)' : 'empty'}</span>;
  return <span className="mono wrap-anywhere">{s.value}</span>;
}

function ValueInput({
  setting: s,
  type,
  onApply,
  onCancel,
}: {
  setting: DeviceSetting;
  type: string;
  onApply(v: string): void;
  onCancel(): void;
}) {
  const boolean = type === 'xsd:boolean';
  const [value, setValue] = useState(() => {
    if (boolean) return s.value === '1' || s.value === 'true' ? 'true' : 'false';
    return s.secret ? '' : (s.value ?? '');
  });
  const numeric = /int|long/i.test(type);
  const bad = numeric && value.trim() !== '' && !/^-?\d+$/.test(value.trim());
  const submit = (): void => {
    if (!bad) onApply(value);
  };
  const keys = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    }
  };
  return (
    <span className="csettings-edit">
      {boolean ? (
        <select aria-label={`New ${s.label}`} value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={keys}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input
          // biome-ignore lint/a11y/noAutofocus: the field the Edit button just opened
          autoFocus
          type={s.secret ? 'password' : 'text'}
          inputMode={numeric ? 'numeric' : undefined}
          aria-label={`New ${s.label}`}
          aria-invalid={bad}
          value={value}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={keys}
        />
      )}
      <button type="button" className="primary" onClick={submit} disabled={bad}>
        Apply
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {bad && <span className="alert-inline small">a whole number</span>}
    </span>
  );
}
