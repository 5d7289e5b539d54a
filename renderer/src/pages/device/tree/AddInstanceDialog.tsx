// "Add instance" of a table (Device.NAT.PortMapping.): optional initial values for the new
// instance's writable parameters, as name/value rows (names relative to the instance). The
// names offered are those an existing instance shows, else the well-known ones of the table;
// rows left empty are not sent. One addObject task, followed live by the tree.
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { instanceFields, type TreeNode } from './tree-model.ts';
import { knownInstanceFields, shortType } from './tree-values.ts';

interface Field {
  id: number;
  name: string;
  value: string;
  hint: string;
}

let nextId = 1;

function initialFields(table: TreeNode): Field[] {
  const known = instanceFields(table);
  const names = known.length > 0 ? known : knownInstanceFields(table.path).map((name) => ({ name, type: null }));
  const rows = names.slice(0, 8).map((f) => ({ id: nextId++, name: f.name, value: '', hint: shortType(f.type) }));
  return rows.length > 0 ? rows : [{ id: nextId++, name: '', value: '', hint: '' }];
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

export interface AddInstanceDialogProps {
  table: TreeNode;
  busy: boolean;
  onCancel(): void;
  onConfirm(values: [string, string][]): void;
}

export function AddInstanceDialog({ table, busy, onCancel, onConfirm }: AddInstanceDialogProps) {
  const [fields, setFields] = useState<Field[]>(() => initialFields(table));
  const listId = useId();
  const suggestions = [...new Set([...instanceFields(table).map((f) => f.name), ...knownInstanceFields(table.path)])];
  const filled = fields.filter((f) => f.name.trim() !== '' && f.value !== '');
  const badName = fields.find((f) => f.name.trim() !== '' && !namePattern.test(f.name.trim()));
  const names = filled.map((f) => f.name.trim());
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  const problem =
    badName !== undefined ? `'${badName.name}' is not a parameter name` : twice !== undefined ? `'${twice}' is given twice` : null;
  const update = (id: number, change: Partial<Field>): void => setFields((all) => all.map((f) => (f.id === id ? { ...f, ...change } : f)));
  const count = table.children.filter((c) => c.instance).length;
  return (
    <ConfirmDialog
      open
      title={`Add an instance to ${table.name}`}
      confirmLabel="Add instance"
      busy={busy}
      confirmDisabled={problem !== null}
      onCancel={onCancel}
      onConfirm={() => onConfirm(filled.map((f) => [f.name.trim(), f.value]))}
    >
      <p>
        The device creates a new entry in <span className="mono wrap-anywhere">{table.path}</span> (it has {count}{' '}
        {count === 1 ? 'entry' : 'entries'} now) and gives it its number; the values below are then set on it. Empty values are left as the
        device sets them.
      </p>
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <div className="ptree-add-rows">
        {fields.map((f, i) => (
          <div className="ptree-add-row" key={f.id}>
            <label>
              <span className="sr-only">Name {i + 1}</span>
              <input
                type="text"
                className="mono"
                list={listId}
                placeholder="Name"
                value={f.name}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => update(f.id, { name: e.target.value })}
              />
            </label>
            <label>
              <span className="sr-only">Value of {f.name.trim() === '' ? `row ${i + 1}` : f.name.trim()}</span>
              <input
                type="text"
                className="mono"
                placeholder={f.hint === '' ? 'Value' : `Value (${f.hint})`}
                value={f.value}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => update(f.id, { value: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove ${f.name.trim() === '' ? `row ${i + 1}` : f.name.trim()}`}
              onClick={() => setFields((all) => all.filter((x) => x.id !== f.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
      <button type="button" onClick={() => setFields((all) => [...all, { id: nextId++, name: '', value: '', hint: '' }])}>
        Add a value
      </button>
      <p className={problem !== null ? 'alert-inline' : 'muted small'}>
        {problem ?? `${filled.length} value${filled.length === 1 ? '' : 's'} to set on the new instance.`}
      </p>
    </ConfirmDialog>
  );
}
