// The filters in force, one removable chip each ("Status: Offline ×"), and "Clear filters".
import { statusLabel } from '../../components/StatusChip.tsx';
import type { FilterKey, ListState } from './list-state.ts';

interface Chip {
  text: string;
  remove: Partial<Record<FilterKey, undefined>>;
}

function chipsOf(state: ListState): Chip[] {
  const a = state.args;
  const chips: Chip[] = [];
  if (a.q !== undefined) chips.push({ text: `Search: ${a.q}`, remove: { q: undefined } });
  if (a.status !== undefined) chips.push({ text: `Status: ${statusLabel(a.status)}`, remove: { status: undefined } });
  if (a.model !== undefined) chips.push({ text: `Model: ${a.model}`, remove: { model: undefined } });
  if (a.firmware !== undefined) chips.push({ text: `Firmware: ${a.firmware}`, remove: { firmware: undefined } });
  if (a.tag !== undefined) chips.push({ text: `Tag: ${a.tag}`, remove: { tag: undefined } });
  if (a.failing === true) chips.push({ text: 'With failed tasks', remove: { failing: undefined } });
  if (a.param !== undefined) chips.push({ text: `${a.param} = ${a.value ?? ''}`, remove: { param: undefined, value: undefined } });
  return chips;
}

export function ActiveFilters({ state }: { state: ListState }) {
  const chips = chipsOf(state);
  if (chips.length === 0) return null;
  return (
    <ul className="dev-chips" aria-label="Filters in force">
      {chips.map((c) => (
        <li key={c.text}>
          <button
            type="button"
            className="filter-chip"
            aria-label={`Remove filter ${c.text}`}
            title={`Remove filter ${c.text}`}
            onClick={() => state.update(c.remove)}
          >
            <span>{c.text}</span>
            <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
      <li>
        <button type="button" className="link-button" onClick={state.clearFilters}>
          Clear filters
        </button>
      </li>
    </ul>
  );
}
