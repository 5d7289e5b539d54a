// Search as you type and the filters that combine with it (status, model, firmware, tag). Every
// value goes to the URL; the suggestions come from the overview's counts and the tag list.
import { useEffect, useRef, useState } from 'react';
import { deviceStatuses } from '../../../../shared/device-status.ts';
import { useApiQuery } from '../../api/queries.ts';
import { statusLabel } from '../../components/StatusChip.tsx';
import { useDebounced } from '../../lib/use-debounced.ts';
import { FilterField } from './FilterField.tsx';
import type { ListState } from './list-state.ts';

/** Short enough to feel instant, long enough not to query on every keystroke of a fast typist. */
export const searchDebounceMs = 60;

export function FilterBar({ state }: { state: ListState }) {
  const { args, update } = state;
  // The suggestions (fleet-wide counts, tags) load when the filters are first used, so on a
  // cold start they neither queue in front of the list on the core nor delay its first paint.
  const [suggest, setSuggest] = useState(false);
  const overview = useApiQuery('getOverview', suggest ? {} : null, { staleTime: 60_000, retry: false });
  const tags = useApiQuery('listTags', suggest ? {} : null, { staleTime: 60_000, retry: false });
  return (
    <div
      className="dev-filters"
      role="search"
      aria-label="Device filters"
      onFocus={() => setSuggest(true)}
      onPointerOver={() => setSuggest(true)}
    >
      <SearchBox value={args.q ?? ''} onSearch={(q) => update({ q }, true)} />
      <label className="filter-field">
        <span>Status</span>
        <select value={args.status ?? ''} onChange={(e) => update({ status: e.target.value })}>
          <option value="">Any</option>
          {deviceStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <FilterField
        label="Model"
        value={args.model}
        placeholder="Any"
        options={(overview.data?.byModel ?? []).map((m) => ({ value: m.modelName, count: m.count }))}
        onApply={(model) => update({ model })}
      />
      <FilterField
        label="Firmware"
        value={args.firmware}
        placeholder="Any"
        options={(overview.data?.byFirmware ?? []).map((f) => ({ value: f.softwareVersion, count: f.count }))}
        onApply={(firmware) => update({ firmware })}
      />
      <FilterField
        label="Tag"
        value={args.tag}
        placeholder="Any"
        options={(tags.data ?? []).map((t) => ({ value: t.tag, count: t.count }))}
        onApply={(tag) => update({ tag })}
      />
    </div>
  );
}

/** The search box: the list follows as you type (debounced); the URL keeps the last search. */
function SearchBox({ value, onSearch }: { value: string; onSearch(q: string): void }) {
  const [text, setText] = useState(value);
  const settled = useDebounced(text.trim(), searchDebounceMs);
  const applied = useRef(value);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;
  // The URL changed elsewhere (back/forward, "Clear filters", the global search's Enter).
  useEffect(() => {
    if (value !== applied.current) {
      applied.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (settled === applied.current) return;
    applied.current = settled;
    onSearchRef.current(settled);
  }, [settled]);
  return (
    <input
      type="search"
      className="dev-search"
      aria-label="Search devices"
      placeholder="Search devices…"
      title="Serial, MAC, IP address, model, manufacturer or firmware"
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}
