// Find a device from anywhere: `/` or Ctrl+K focuses the box, typing lists matches (serial,
// MAC, IP, model ... and subscribers by name, account or PPPoE user, which open their router),
// arrows move through them, Enter opens one (or the full list), Escape closes.
import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useApiQuery } from '../api/queries.ts';
import { useDebounced } from '../lib/use-debounced.ts';

interface Option {
  key: string;
  to: string;
  main: string;
  sub: string;
}

export function GlobalSearch() {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const listId = useId();
  const q = useDebounced(text.trim(), 150);
  const results = useApiQuery('listDevices', q === '' ? null : { q, limit: 8 }, { staleTime: 5_000 });
  const subscribers = useApiQuery('listSubscribers', q.length < 2 ? null : { q, limit: 4 }, { staleTime: 5_000 });
  const items: Option[] = [
    ...(results.data?.items ?? []).map((d) => ({
      key: d.id,
      to: `/devices/${encodeURIComponent(d.id)}`,
      main: d.serialNumber,
      sub: `${d.modelName || d.productClass} · ${d.ipAddress || 'no IP'}`,
    })),
    ...(subscribers.data?.items ?? []).map((s) => ({
      key: `subscriber:${s.accountId}`,
      to: s.deviceId === null ? `/subscribers?q=${encodeURIComponent(s.accountId)}` : `/devices/${encodeURIComponent(s.deviceId)}`,
      main: s.name,
      sub: `subscriber ${s.accountId} · ${s.deviceId === null ? 'no router yet' : 'their router'}`,
    })),
  ];

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      const typing = target !== null && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if ((e.key === 'k' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !typing)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const go = (to: string): void => {
    setOpen(false);
    setActive(-1);
    input.current?.blur();
    navigate(to);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(-1, Math.min(items.length - 1, i + step)));
    } else if (e.key === 'Enter') {
      const hit = items[active];
      if (hit !== undefined) go(hit.to);
      else if (text.trim() !== '') go(`/devices?q=${encodeURIComponent(text.trim())}`);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };

  const showList = open && q !== '';
  return (
    <div className="global-search">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Find a device"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        placeholder="Find a device: serial, MAC, IP, model…  ( / )"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <div className="search-results" id={listId} role="listbox" aria-label="Matching devices and subscribers">
          {items.length === 0 && (
            <div className="muted search-note">{results.isFetching || subscribers.isFetching ? 'Searching…' : 'No device matches'}</div>
          )}
          {items.map((d, i) => (
            // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the box (aria-activedescendant), as a combobox's options do
            <div
              key={d.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                go(d.to);
              }}
            >
              <span className={d.key.startsWith('subscriber:') ? undefined : 'mono'}>{d.main}</span>
              <span className="muted">{d.sub}</span>
            </div>
          ))}
          {results.data !== undefined && results.data.total > results.data.items.length && (
            <div className="search-note">Enter: all {results.data.total.toLocaleString()} matches</div>
          )}
        </div>
      )}
    </div>
  );
}
