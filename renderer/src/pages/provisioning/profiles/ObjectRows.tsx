// Object instances a profile keeps (a port mapping identified by its key fields, created once)
// and parameter attributes (active notification on the WAN address).
import type { ProfileForm } from './profile-form.ts';
import { Section, type SectionProps } from './ProfileSections.tsx';

export function ObjectRows({ form, onChange }: SectionProps) {
  const putObject = (i: number, row: Partial<ProfileForm['objects'][number]>): void =>
    onChange((f) => ({ ...f, objects: f.objects.map((o, j) => (j === i ? { ...o, ...row } : o)) }));
  const putAttr = (i: number, row: Partial<ProfileForm['attributes'][number]>): void =>
    onChange((f) => ({ ...f, attributes: f.attributes.map((a, j) => (j === i ? { ...a, ...row } : a)) }));
  return (
    <>
      <Section
        title="Objects that must exist"
        hint="The instance whose key fields have these values is “it”; created once, then kept. One Name=Value per line."
      >
        <ul className="obj-rows" aria-label="Objects">
          {form.objects.map((o, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
            <li key={i} className="obj-row">
              <label className="pfield wide">
                <span>Table</span>
                <input
                  type="text"
                  className="mono"
                  value={o.table}
                  placeholder="Device.NAT.PortMapping."
                  spellCheck={false}
                  onChange={(e) => putObject(i, { table: e.target.value })}
                />
              </label>
              <label className="pfield">
                <span>Key fields</span>
                <textarea
                  className="mono"
                  rows={3}
                  value={o.key}
                  placeholder="ExternalPort=8080"
                  onChange={(e) => putObject(i, { key: e.target.value })}
                />
              </label>
              <label className="pfield">
                <span>Other values</span>
                <textarea
                  className="mono"
                  rows={3}
                  value={o.set}
                  placeholder={'InternalPort=80\nEnable=true'}
                  onChange={(e) => putObject(i, { set: e.target.value })}
                />
              </label>
              <button
                type="button"
                className="icon-button set-remove"
                aria-label={`Remove object ${i + 1}`}
                onClick={() => onChange((f) => ({ ...f, objects: f.objects.filter((_, j) => j !== i) }))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => onChange((f) => ({ ...f, objects: [...f.objects, { table: '', key: '', set: '' }] }))}>
          Add an object
        </button>
      </Section>
      <Section title="Notifications" hint="Parameter attributes: active notification makes the device inform when the value changes.">
        <ul className="set-rows" aria-label="Notifications">
          {form.attributes.map((a, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, by position
            <li key={i} className="set-row">
              <label className="pfield grow">
                <span>Setting or path</span>
                <input
                  type="text"
                  className="mono"
                  value={a.parameter}
                  placeholder="wan.ip"
                  spellCheck={false}
                  onChange={(e) => putAttr(i, { parameter: e.target.value })}
                />
              </label>
              <label className="pfield">
                <span>Notification</span>
                <select value={a.notification} onChange={(e) => putAttr(i, { notification: e.target.value as '0' | '1' | '2' })}>
                  <option value="0">Off</option>
                  <option value="1">Passive</option>
                  <option value="2">Active</option>
                </select>
              </label>
              <button
                type="button"
                className="icon-button set-remove"
                aria-label={`Remove notification ${i + 1}`}
                onClick={() => onChange((f) => ({ ...f, attributes: f.attributes.filter((_, j) => j !== i) }))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() => onChange((f) => ({ ...f, attributes: [...f.attributes, { parameter: 'wan.ip', notification: '2' }] }))}
        >
          Add a notification
        </button>
      </Section>
    </>
  );
}
