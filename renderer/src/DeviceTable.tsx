import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { formatAgo, formatTime, presenceOf } from './format.ts';
import { useApi } from './use-api.ts';

const pageSize = 500;

interface Props {
  client: ApiClient;
  revision: number;
  now: number;
  selectedId: string | null;
  onSelect(id: string): void;
}

export function DeviceTable({ client, revision, now, selectedId, onSelect }: Props) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const args = useMemo(() => (query === '' ? { limit: pageSize } : { q: query, limit: pageSize }), [query]);
  const { data, error, loading } = useApi(client, 'listDevices', args, revision);
  const devices = data?.items ?? [];

  return (
    <section className="panel devices">
      <div className="toolbar">
        <input
          type="search"
          placeholder="Search serial, product class, manufacturer, IP…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="Search devices"
        />
        <span className="muted">
          {loading ? 'Loading…' : data ? `${devices.length} of ${data.total} devices` : ''}
        </span>
      </div>
      {error !== null && <p className="error">{error}</p>}
      <div className="scroll">
        <table>
          <thead>
            <tr>
              <th aria-label="Online" />
              <th>Serial</th>
              <th>Product class</th>
              <th>Manufacturer</th>
              <th>Software</th>
              <th>IP</th>
              <th>Last inform</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => {
              const presence = presenceOf(d, now);
              return (
                <tr
                  key={d.id}
                  className={d.id === selectedId ? 'selected' : undefined}
                  onClick={() => onSelect(d.id)}
                  onKeyDown={(e) => e.key === 'Enter' && onSelect(d.id)}
                  tabIndex={0}
                >
                  <td>
                    <span className={`dot ${presence}`} title={presence} />
                  </td>
                  <td className="mono">{d.serialNumber}</td>
                  <td>{d.productClass}</td>
                  <td>{d.manufacturer}</td>
                  <td>{d.softwareVersion}</td>
                  <td className="mono">{d.ipAddress}</td>
                  <td title={formatTime(d.lastInform)}>{formatAgo(d.lastInform, now)}</td>
                </tr>
              );
            })}
            {data !== null && devices.length === 0 && (
              <tr>
                <td colSpan={7} className="muted empty">
                  {query === '' ? 'No device has informed yet. Point a CPE at the CWMP URL above.' : 'No device matches.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
