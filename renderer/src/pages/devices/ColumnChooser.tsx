// Which columns the list shows: a checkbox per column in a popover; kept for the next visit.
import { columns } from './columns.tsx';
import { Popover } from './Popover.tsx';
import type { ColumnChoice } from './use-columns.ts';

export function ColumnChooser({ choice }: { choice: ColumnChoice }) {
  const shown = new Set(choice.visible.map((c) => c.id));
  return (
    <Popover label="Columns" title="Shown columns" className="column-chooser">
      <fieldset>
        <legend>Shown columns</legend>
        {columns.map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              checked={shown.has(c.id)}
              disabled={shown.has(c.id) && shown.size === 1}
              onChange={() => choice.toggle(c.id)}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      <button type="button" className="link-button" disabled={!choice.chosen} onClick={choice.reset}>
        Default for this window's width
      </button>
    </Popover>
  );
}
