// The device's faults, newest first: the code and its name, the device's own words, what it
// means and what to do side by side, and, for a refused SetParameterValues, each parameter the
// device named with its own code.
import { Link } from 'react-router';
import type { DeviceFault } from '../../../../shared/models-device.ts';
import { useApiQuery } from '../../api/queries.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { formatAgo, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { PathText } from './PathText.tsx';

export function FaultsTab({ deviceId }: { deviceId: string }) {
  const faults = useApiQuery('listFaults', { id: deviceId, limit: 100 });
  const now = useNow();
  return (
    <QueryView query={faults} loading="Loading faults…">
      {(list) =>
        list.length === 0 ? (
          <p className="empty-state">No faults: every task this device ran so far was accepted.</p>
        ) : (
          <ul className="fault-list" aria-label="Faults">
            {list.map((f) => (
              <li key={f.id}>
                <FaultCard fault={f} now={now} />
              </li>
            ))}
          </ul>
        )
      }
    </QueryView>
  );
}

function FaultCard({ fault: f, now }: { fault: DeviceFault; now: number }) {
  return (
    <article className="panel fault-card" aria-label={`Fault ${f.code} ${f.title}`}>
      <header className="fault-head">
        <span className="chip task-fault">{f.code === 0 ? 'Failed' : f.code}</span>
        <h3>{f.title}</h3>
        <span className="muted small" title={formatTime(f.at)}>
          {formatAgo(f.at, now)}
        </span>
        <span className="fault-links small">
          {f.taskId !== null && <Link to="?tab=tasks">task #{f.taskId}</Link>}
          {f.sessionId !== null && <Link to={`?tab=sessions&session=${f.sessionId}`}>session #{f.sessionId}</Link>}
        </span>
      </header>
      {f.faultString !== '' && f.faultString !== f.title && (
        <p className="fault-said">
          <span className="muted">The device said: </span>
          <span className="wrap-anywhere">{f.faultString}</span>
        </p>
      )}
      <div className="fault-explained">
        <div>
          <h4>What it means</h4>
          <p>{f.explanation}</p>
        </div>
        <div>
          <h4>What to do</h4>
          <p>{f.suggestedFix}</p>
        </div>
      </div>
      {f.parameters.length > 0 && (
        <table className="table compact fault-params">
          <caption className="sr-only">Parameters the device refused</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Code</th>
              <th scope="col">The device's reason</th>
            </tr>
          </thead>
          <tbody>
            {f.parameters.map((p) => (
              <tr key={p.name}>
                <td className="mono path-cell">
                  <PathText path={p.name} />
                </td>
                <td className="num">{p.code}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
