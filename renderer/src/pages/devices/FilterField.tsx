// A filter with suggestions that also takes free text (a model outside the top 20): an input
// with a datalist, applied when a suggestion is picked, on Enter, or when the field is left.
import { useEffect, useId, useState } from 'react';

export interface FilterOption {
  value: string;
  /** Devices with it, shown beside the suggestion. */
  count?: number;
}

export interface FilterFieldProps {
  label: string;
  value: string | undefined;
  options: readonly FilterOption[];
  placeholder: string;
  onApply(value: string | undefined): void;
}

export function FilterField({ label, value, options, placeholder, onApply }: FilterFieldProps) {
  const [draft, setDraft] = useState(value ?? '');
  const listId = useId();
  // Back/forward, a chip's ×, "Clear filters": the field shows what the URL says.
  useEffect(() => setDraft(value ?? ''), [value]);
  const apply = (text: string): void => {
    const next = text.trim() === '' ? undefined : text.trim();
    if (next !== value) onApply(next);
  };
  return (
    <label className="filter-field">
      <span>{label}</span>
      <input
        type="text"
        list={listId}
        value={draft}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setDraft(e.target.value);
          // A suggestion picked from the list arrives as one replacement, not as typing.
          const native = e.nativeEvent;
          const picked = !(native instanceof InputEvent) || native.inputType === 'insertReplacementText';
          if (picked && options.some((o) => o.value === e.target.value)) apply(e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply(draft);
          } else if (e.key === 'Escape' && draft !== (value ?? '')) {
            e.preventDefault();
            setDraft(value ?? '');
          }
        }}
        onBlur={() => apply(draft)}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.count !== undefined ? `${o.count.toLocaleString()} devices` : undefined}
          </option>
        ))}
      </datalist>
    </label>
  );
}
