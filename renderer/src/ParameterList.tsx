import { useMemo, useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { DeviceActions } from './DeviceActions.tsx';
import { useApi } from './use-api.ts';

interface Props {
  client: ApiClient;
  deviceId: string;
  revision: number;
  onClose(): void;
}

export function ParameterList({ client, deviceId, revision, onClose }: Props) {
  const [filter, setFilter] = useState('');
  const [local, setLocal] = useState(0);
  const args = useMemo(() => ({ id: deviceId }), [deviceId]);
  const { data, error, loading } = useApi(client, 'getParameters', args, revision + local);
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = data ?? [];
    if (needle === '') return all;
    return all.filter((p) => p.path.toLowerCase().includes(needle) || (p.value ?? '').toLowerCase().includes(needle));
  }, [data, filter]);

  return (
    <section className="panel parameters">
      <div className="toolbar">
        <strong className="mono ellipsis" title={deviceId}>
          {deviceId}
        </strong>
        <button type="button" onClick={onClose} aria-label="Close parameters">
          ×
        </button>
      </div>
      <DeviceActions client={client} deviceId={deviceId} onDone={() => setLocal((n) => n + 1)} />
      <div className="toolbar">
        <input
          type="search"
          placeholder="Filter parameters…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter parameters"
        />
        <span className="muted">{loading ? 'Loading…' : `${rows.length} of ${data?.length ?? 0}`}</span>
      </div>
      {error !== null && <p className="error">{error}</p>}
      <ul className="scroll params">
        {rows.map((p) => (
          <li key={p.path} className={p.object ? 'object' : undefined}>
            <span className="mono path">{p.path}</span>
            {!p.object && (
              <>
                <span className="mono value">{p.value ?? '—'}</span>
                <span className="muted meta">
                  {p.type ?? ''} {p.writable === true ? 'RW' : p.writable === false ? 'RO' : ''}
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
