// The dry run: pick a device (search by serial, MAC, IP, model), see whether the profile matches
// it and exactly what the engine would do now: the reads it needs first, the RPCs in order (what
// each carries and why), the items this model cannot take, and conflicts with other profiles.
import { useState } from 'react';
import type { DryRun } from '../../../../../shared/models-provisioning.ts';
import { useApiQuery } from '../../../api/queries.ts';
import { QueryView } from '../../../components/QueryView.tsx';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { PathText } from '../../device/PathText.tsx';

export function DryRunPanel({ profile, dirty }: { profile: string; dirty: boolean }) {
  const [query, setQuery] = useState('');
  const [device, setDevice] = useState<{ id: string; serial: string } | null>(null);
  const q = useDebounced(query.trim(), 250);
  const found = useApiQuery('listDevices', q.length >= 2 && device === null ? { q, limit: 6 } : null);
  const run = useApiQuery('dryRunProfile', device === null ? null : { name: profile, deviceId: device.id });
  return (
    <section className="panel profile-panel" aria-labelledby="dryrun-title">
      <h2 id="dryrun-title">Dry run</h2>
      <p className="muted small">What the saved version would send to one device now. Nothing is sent.</p>
      {dirty && <p className="note warn small">Unsaved changes are not in the dry run: save first.</p>}
      {device === null ? (
        <>
          <input
            type="search"
            aria-label="Device for the dry run"
            placeholder="Serial, MAC, IP or model…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {found.data !== undefined && (
            <ul className="pick-list" aria-label="Devices found">
              {found.data.items.length === 0 && <li className="muted small">No device matches.</li>}
              {found.data.items.map((d) => (
                <li key={d.id}>
                  <button type="button" className="pick" onClick={() => setDevice({ id: d.id, serial: d.serialNumber })}>
                    <span className="mono">{d.serialNumber}</span> <span className="muted small">{d.modelName || d.productClass}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <div className="dryrun-device">
          <span>
            On <span className="mono">{device.serial}</span>
          </span>
          <button type="button" className="prov-link" onClick={() => void run.refetch()}>
            Run again
          </button>
          <button type="button" className="prov-link" onClick={() => setDevice(null)}>
            Another device
          </button>
        </div>
      )}
      {device !== null && <QueryView query={run}>{(r) => <DryRunResult run={r} />}</QueryView>}
    </section>
  );
}

function DryRunResult({ run: r }: { run: DryRun }) {
  if (!r.matches) return <p className="note small">Does not match this device{r.reason === null ? '' : `: ${r.reason}`}.</p>;
  return (
    <div className="dryrun-result" data-testid="dry-run">
      <p className="small">
        Version {r.version}:{' '}
        <strong>
          {r.rpcs.length === 0
            ? 'nothing to send, the device already has everything'
            : `${r.rpcs.length} RPC${r.rpcs.length === 1 ? '' : 's'}`}
        </strong>
        {r.reads.length > 0 ? `, after reading ${r.reads.length} value${r.reads.length === 1 ? '' : 's'}` : ''}.
      </p>
      {r.reads.length > 0 && (
        <details>
          <summary className="small">Reads first ({r.reads.length})</summary>
          <ul className="mono dryrun-reads">
            {r.reads.map((p) => (
              <li key={p}>
                <PathText path={p} />
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.rpcs.length > 0 && (
        <ol className="dryrun-rpcs" aria-label="RPCs that would be sent">
          {r.rpcs.map((rpc, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the RPCs in the order they would be sent
            <li key={i}>
              <div>
                <strong>{rpc.method}</strong> <span className="muted small">for {rpc.reason}</span>
              </div>
              <pre className="mono dryrun-detail">{JSON.stringify(rpc.detail, null, 1)}</pre>
            </li>
          ))}
        </ol>
      )}
      {r.unsupported.length > 0 && (
        <div className="note small">
          <strong>Not supported by this model:</strong>
          <ul>
            {r.unsupported.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
        </div>
      )}
      {r.conflicts.length > 0 && (
        <div className="note warn small">
          <strong>Conflicts (the higher priority wins):</strong>
          <ul>
            {r.conflicts.map((c) => (
              <li key={c.path}>
                <span className="mono">{c.path}</span>: {c.winner.profile} sets “{c.winner.value}”, {c.loser.profile} would set “
                {c.loser.value}”
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
