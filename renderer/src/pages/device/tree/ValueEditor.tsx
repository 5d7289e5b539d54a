// A writable parameter edited in place, by its type: a switch for xsd:boolean, a whole-number
// field with the type's range (arrows step within it), a date and time in UTC for xsd:dateTime,
// a list for known enumerations, text otherwise (masked for secrets until revealed). Every
// change becomes a pending edit at once; the core's verdict shows beside the field.
// Enter closes the editor (the edit stays pending), Escape puts back the value it opened with.
import { type KeyboardEvent, type ReactNode, useId } from 'react';
import { BreakAtDots } from './BreakAtDots.tsx';
import type { CheckState } from './use-pending-edits.ts';
import { booleanOf, editorKind, enumOptions, fromDateTimeLocal, integerRange, stepInteger, toDateTimeLocal } from './tree-values.ts';

export interface ValueEditorProps {
  path: string;
  name: string;
  type: string | null;
  value: string;
  secret: boolean;
  revealed: boolean;
  check: CheckState | null;
  onChange(value: string): void;
  /** Enter (keep), Escape (revert), or the focus left the field (blur: keep, focus stays where it went). */
  onClose(how: 'keep' | 'revert' | 'blur'): void;
}

export function ValueEditor(props: ValueEditorProps) {
  const { path, name, type, value, onChange, onClose } = props;
  const messageId = useId();
  const kind = editorKind(path, type);
  const bad = props.check?.state === 'bad';
  const keys = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      onClose('keep');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose('revert');
    }
    // Arrows, Home and End belong to the field, not to the tree around it.
    e.stopPropagation();
  };
  const common = {
    'aria-label': `New value of ${name}`,
    'aria-invalid': bad,
    'aria-describedby': messageId,
    // The editor opens on Enter or a click: it takes the focus then.
    autoFocus: true,
    onKeyDown: keys,
    onBlur: () => onClose('blur'),
  };
  let field: ReactNode;
  if (kind === 'boolean') {
    const on = booleanOf(value) === true;
    field = (
      <button
        type="button"
        role="switch"
        aria-checked={on}
        className={`ptree-switch${on ? ' on' : ''}`}
        {...common}
        onClick={() => onChange(on ? 'false' : 'true')}
      >
        <span className="ptree-switch-knob" aria-hidden="true" />
        <span>{on ? 'On' : 'Off'}</span>
      </button>
    );
  } else if (kind === 'enum') {
    field = (
      <select className="ptree-input" value={value} {...common} onChange={(e) => onChange(e.target.value)}>
        {(enumOptions(path, value) ?? []).map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'dateTime') {
    field = (
      <span className="ptree-datetime">
        <input
          type="datetime-local"
          step={1}
          className="ptree-input"
          value={toDateTimeLocal(value)}
          {...common}
          onChange={(e) => onChange(fromDateTimeLocal(e.target.value))}
        />
        <span className="muted small">UTC</span>
      </span>
    );
  } else {
    const range = integerRange(type);
    field = (
      <input
        type={props.secret && !props.revealed ? 'password' : 'text'}
        inputMode={range !== null ? 'numeric' : undefined}
        className="ptree-input mono"
        value={value}
        spellCheck={false}
        autoComplete="off"
        {...common}
        onKeyDown={(e) => {
          const by = e.key === 'ArrowUp' ? 1 : e.key === 'ArrowDown' ? -1 : 0;
          const next = by === 0 ? null : stepInteger(value, type, by);
          if (next !== null) {
            e.preventDefault();
            onChange(next);
          }
          keys(e);
        }}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div className="ptree-editor">
      {field}
      <EditorMessage id={messageId} type={type} value={value} check={props.check} />
    </div>
  );
}

function EditorMessage({ id, type, value, check }: { id: string; type: string | null; value: string; check: CheckState | null }) {
  const range = integerRange(type);
  const hint = range !== null ? `A whole number from ${range.min.toLocaleString()} to ${range.max.toLocaleString()}.` : '';
  if (check?.state === 'bad') {
    return (
      <span id={id} className="ptree-msg bad" role="alert">
        <BreakAtDots text={check.message} />
      </span>
    );
  }
  let text = hint;
  if (check?.state === 'checking') text = `Checking…${hint === '' ? '' : ` ${hint}`}`;
  else if (check?.state === 'ok') text = check.sent !== value ? `Accepted; sent as “${check.sent}”.` : 'Accepted.';
  else if (check?.state === 'unchecked') text = `Not checked now (${check.message}); checked when applied.`;
  return (
    <span id={id} className="ptree-msg muted" role="status">
      {text}
    </span>
  );
}
