// The device's stored parameters as a filterable list (the tree editor replaces it in #11).
import { useMemo, useState } from 'react';
import { useApiQuery } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

export function ParameterList({ deviceId }: { deviceId: string }) {
  const [filter, setFilter] = useState('');
  const params = useApiQuery('getParameters', { id: deviceId });
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const all = params.data ?? [];
    if (needle === '') return all;
    return all.filter((p) => p.path.toLowerCase().includes(needle) || (p.value ?? '').toLowerCase().includes(needle));
  }, [params.data, filter]);

  return (
    <section className="panel parameters" aria-label="Parameters">
      <div className="toolbar">
        <h2>Parameters</h2>
        <input
          type="search"
          placeholder="Filter parameters…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter parameters"
        />
        <span className="muted">{params.isPending ? 'Loading…' : `${rows.length} of ${params.data?.length ?? 0}`}</span>
      </div>
      {params.isError && <ErrorAlert error={params.error} onRetry={() => void params.refetch()} />}
      <ul className="params">
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
