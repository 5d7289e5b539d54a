// The list's selection: some devices by id (checked rows), or every device matching the filter
// ("Select all 41,002 matching"), sent as {filter} so 100,000 devices need no list of ids.
import type { ApiArgs } from '../../../../shared/contract.ts';
import type { DeviceSummary } from '../../../../shared/models.ts';
import type { FilterArgs } from './list-state.ts';

export type Selection = { mode: 'ids'; ids: ReadonlySet<string> } | { mode: 'all' };
export type ApiSelection = ApiArgs<'tagDevices'>['selection'];

export const noSelection: Selection = { mode: 'ids', ids: new Set() };

export function selectedCount(selection: Selection, total: number | null): number {
  return selection.mode === 'all' ? (total ?? 0) : selection.ids.size;
}

export function isSelected(selection: Selection, id: string): boolean {
  return selection.mode === 'all' || selection.ids.has(id);
}

/**
 * Toggles one row. Unchecking a row of "all matching" keeps the loaded rows but that one: the
 * contract's selection is ids or a filter, never a filter minus some devices.
 */
export function toggleRow(selection: Selection, id: string, loaded: readonly DeviceSummary[]): Selection {
  if (selection.mode === 'all') return { mode: 'ids', ids: new Set(loaded.map((d) => d.id).filter((x) => x !== id)) };
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { mode: 'ids', ids };
}

/** Checks (or unchecks) the rows from..to inclusive: shift-click on a checkbox. */
export function setRange(selection: Selection, rows: readonly DeviceSummary[], from: number, to: number, on: boolean): Selection {
  const ids = new Set(selection.mode === 'all' ? rows.map((d) => d.id) : selection.ids);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    const d = rows[i];
    if (d === undefined) continue;
    if (on) ids.add(d.id);
    else ids.delete(d.id);
  }
  return { mode: 'ids', ids };
}

/** What the header checkbox shows for the loaded rows. */
export function headerState(selection: Selection, rows: readonly DeviceSummary[]): 'all' | 'some' | 'none' {
  if (selection.mode === 'all') return rows.length > 0 ? 'all' : 'none';
  if (selection.ids.size === 0) return 'none';
  const loadedSelected = rows.reduce((n, d) => n + (selection.ids.has(d.id) ? 1 : 0), 0);
  return loadedSelected === rows.length && rows.length > 0 ? 'all' : 'some';
}

/** The contract's selection for a bulk action. */
export function toApiSelection(selection: Selection, filter: FilterArgs): ApiSelection {
  if (selection.mode === 'all') return { filter };
  return { ids: [...selection.ids] };
}
