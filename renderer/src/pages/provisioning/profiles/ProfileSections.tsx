// The profile form's plain sections: name and priority, which devices it matches, when it is
// applied, management (connection-request credentials, periodic inform), NAT traversal (STUN)
// and the firmware floor (a file from the library). Each control is labelled by the text shown beside it.
import type { ReactNode } from 'react';
import { profileTriggers } from '../../../../../shared/models-provisioning.ts';
import { useApiQuery } from '../../../api/queries.ts';
import { type ProfileForm, triggerLabels } from './profile-form.ts';

export interface SectionProps {
  form: ProfileForm;
  onChange(update: (f: ProfileForm) => ProfileForm): void;
}

export function Section({ title, hint, children }: { title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="panel profile-section">
      <legend>{title}</legend>
      {hint !== undefined && <p className="muted small profile-hint">{hint}</p>}
      {children}
    </fieldset>
  );
}

export function TextField({
  label,
  value,
  onChange,
  mono = false,
  placeholder,
  wide = false,
  type = 'text',
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  mono?: boolean;
  placeholder?: string;
  wide?: boolean;
  type?: 'text' | 'password' | 'number';
}) {
  return (
    <label className={`pfield${wide ? ' wide' : ''}`}>
      <span>{label}</span>
      <input
        type={type}
        className={mono ? 'mono' : undefined}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export function IdentityFields({ form, onChange }: SectionProps) {
  return (
    <Section title="Profile">
      <div className="pfields">
        <TextField label="Name" value={form.name} onChange={(name) => onChange((f) => ({ ...f, name }))} />
        <TextField
          label="Priority"
          type="number"
          value={form.priority}
          onChange={(priority) => onChange((f) => ({ ...f, priority }))}
          placeholder="0"
        />
        <label className="pcheck">
          <input type="checkbox" checked={form.enabled} onChange={(e) => onChange((f) => ({ ...f, enabled: e.target.checked }))} />
          <span>Enabled</span>
        </label>
        <TextField label="Description" wide value={form.description} onChange={(description) => onChange((f) => ({ ...f, description }))} />
      </div>
    </Section>
  );
}

export function MatchFields({ form, onChange }: SectionProps) {
  const m = form.match;
  const field = (k: keyof ProfileForm['match'], label: string, placeholder?: string, mono = false) => (
    <TextField
      label={label}
      value={m[k]}
      mono={mono}
      placeholder={placeholder}
      onChange={(v) => onChange((f) => ({ ...f, match: { ...f.match, [k]: v } }))}
    />
  );
  return (
    <Section title="Applies to" hint="Every field given must hold; leave all empty for every device.">
      <div className="pfields">
        {field('manufacturer', 'Manufacturer')}
        {field('oui', 'OUI', '6 hex digits', true)}
        {field('productClass', 'Product class')}
        {field('model', 'Model')}
        {field('swMin', 'Firmware from', '1.2.0', true)}
        {field('swMax', 'Firmware up to', '1.9.9', true)}
        {field('serial', 'Serial pattern', '2207* or ?', true)}
        {field('tag', 'Tag')}
        {field('paramPath', 'Parameter path', 'Device.X.Y', true)}
        {field('paramValue', 'Parameter value', undefined, true)}
      </div>
    </Section>
  );
}

export function WhenFields({ form, onChange }: SectionProps) {
  return (
    <Section title="When">
      <div className="pchecks">
        {profileTriggers.map((t) => (
          <label key={t} className="pcheck">
            <input
              type="checkbox"
              checked={form.when.includes(t)}
              onChange={(e) =>
                onChange((f) => ({
                  ...f,
                  when: e.target.checked ? profileTriggers.filter((x) => x === t || f.when.includes(x)) : f.when.filter((x) => x !== t),
                }))
              }
            />
            <span>{triggerLabels[t]}</span>
          </label>
        ))}
      </div>
    </Section>
  );
}

export function ManagementFields({ form, onChange }: SectionProps) {
  return (
    <Section title="Management" hint="Connection-request credentials DeskACS puts on the device (templates allowed), and periodic inform.">
      <div className="pfields">
        <TextField
          label="Connection-request user"
          mono
          value={form.crUsername}
          onChange={(crUsername) => onChange((f) => ({ ...f, crUsername }))}
        />
        <TextField
          label="Connection-request password"
          type="password"
          mono
          value={form.crPassword}
          onChange={(crPassword) => onChange((f) => ({ ...f, crPassword }))}
        />
        <label className="pfield">
          <span>Periodic inform</span>
          <select value={form.periodic} onChange={(e) => onChange((f) => ({ ...f, periodic: e.target.value as ProfileForm['periodic'] }))}>
            <option value="leave">Leave as it is</option>
            <option value="on">On</option>
            <option value="off">Off</option>
          </select>
        </label>
        {form.periodic === 'on' && (
          <TextField
            label="Every (seconds)"
            type="number"
            value={form.periodicInterval}
            placeholder="3600"
            onChange={(periodicInterval) => onChange((f) => ({ ...f, periodicInterval }))}
          />
        )}
      </div>
    </Section>
  );
}

export function FirmwareFields({ form, onChange }: SectionProps) {
  const files = useApiQuery('listFiles', {});
  const firmware = (files.data ?? []).filter((f) => f.fileType.startsWith('1 '));
  return (
    <Section title="Firmware floor" hint="Devices below the version get this file from the library, verified at their next Inform.">
      <div className="pfields">
        <label className="pfield wide">
          <span>Firmware file</span>
          <select value={form.firmwareFileId} onChange={(e) => onChange((f) => ({ ...f, firmwareFileId: e.target.value }))}>
            <option value="">None</option>
            {firmware.map((f) => (
              <option key={f.id} value={String(f.id)}>
                {f.name}
                {f.version !== '' ? ` (${f.version})` : ''}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="Minimum version"
          mono
          value={form.firmwareMinVersion}
          placeholder="1.4.2"
          onChange={(firmwareMinVersion) => onChange((f) => ({ ...f, firmwareMinVersion }))}
        />
      </div>
      {files.isSuccess && firmware.length === 0 && <p className="muted small">No firmware in the library yet (Files page).</p>}
    </Section>
  );
}

export function StunFields({ form, onChange }: SectionProps) {
  const on = form.stun === 'on';
  return (
    <Section
      title="NAT traversal (STUN)"
      hint="Devices behind NAT learn their public address from DeskACS's STUN server, so DeskACS can wake them with UDP connection requests. Each device gets STUN credentials of its own; the server address defaults to the host of its ACS URL."
    >
      <div className="pchecks">
        <label className="pcheck">
          <input type="checkbox" checked={on} onChange={(e) => onChange((f) => ({ ...f, stun: e.target.checked ? 'on' : 'leave' }))} />
          <span>Enable STUN on the devices</span>
        </label>
      </div>
      {on && (
        <div className="pfields">
          <TextField
            label="Server address"
            mono
            value={form.stunServerAddress}
            placeholder="host of the ACS URL"
            onChange={(stunServerAddress) => onChange((f) => ({ ...f, stunServerAddress }))}
          />
        </div>
      )}
      {form.stun === 'off' && (
        <p className="muted small">This profile turns STUN off on its devices; tick the box to turn it on instead.</p>
      )}
    </Section>
  );
}
