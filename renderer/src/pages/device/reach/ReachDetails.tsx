// The facts behind the Reachability tab's answer: NAT (the ConnectionRequestURL's address
// against the address the device's sessions come from), STUN (DeskACS's server, the device's
// switch, its public binding and its age) and the last connection requests with their outcomes.
import type { ReachAttempt, Reachability } from '../../../../../shared/models-reach.ts';
import { formatAgo, formatDuration, formatTime } from '../../../lib/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { bindingAge, resultTone, resultWords } from './reach-words.ts';

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const unknown = <span className="muted">unknown</span>;

export function NatBlock({ r }: { r: Reachability }) {
  return (
    <section className="panel reach-block" aria-labelledby="reach-nat-title">
      <h2 id="reach-nat-title">NAT</h2>
      <dl className="kv">
        <Item term="NAT detected">
          <span className={`chip state-${r.natDetected ? 'warn' : 'good'}`}>{r.natDetected ? 'Yes' : 'No'}</span>
          {r.natDetected && <span className="reach-reason"> {r.natReason}</span>}
        </Item>
        <Item term="Connection-request URL">
          {r.connectionRequestUrl === '' ? (
            <span className="muted">not reported by the device</span>
          ) : (
            <span className="mono wrap-anywhere">{r.connectionRequestUrl}</span>
          )}
        </Item>
        <Item term="Its address">
          {r.connectionRequestHost === null ? unknown : <span className="mono">{r.connectionRequestHost}</span>}
        </Item>
        <Item term="Informs come from">{r.informAddress === null ? unknown : <span className="mono">{r.informAddress}</span>}</Item>
        <Item term="Credentials">
          {r.credentialsKnown ? 'known' : <span className="warn-text">none known: a device that asks for them refuses requests</span>}
        </Item>
        <Item term="Periodic inform">
          {r.periodicInformIntervalSeconds === null ? unknown : `every ${formatDuration(r.periodicInformIntervalSeconds)}`}
        </Item>
      </dl>
    </section>
  );
}

export function StunBlock({ r }: { r: Reachability }) {
  const s = r.stun;
  const age = bindingAge(s.bindingAgeSeconds);
  return (
    <section className="panel reach-block" aria-labelledby="reach-stun-title">
      <h2 id="reach-stun-title">STUN</h2>
      <dl className="kv">
        <Item term="DeskACS server">
          {s.serverPort === null ? <span className="warn-text">off</span> : <span className="mono">UDP port {s.serverPort}</span>}
        </Item>
        <Item term="Enabled on device">
          {s.enabledOnDevice === null ? (
            <span className="muted">unknown (the device has no STUN parameters stored)</span>
          ) : s.enabledOnDevice ? (
            'yes'
          ) : (
            'no'
          )}
          {s.credentialsSet && <span className="muted"> · credentials set by DeskACS</span>}
        </Item>
        <Item term="Binding">
          {s.binding === null ? (
            <span className="muted">none: no Binding Request received</span>
          ) : (
            <>
              <span className="mono">{s.binding}</span>
              {age !== null && <span className={`chip state-${age.tone} reach-age`}>{age.text}</span>}
            </>
          )}
        </Item>
        {s.binding !== null && (
          <Item term="Signed">{s.authenticated ? 'yes (MESSAGE-INTEGRITY verified)' : 'no (the device has no STUN password)'}</Item>
        )}
        <Item term="Device reports">
          {s.deviceReportedAddress === null ? (
            <span className="muted">no UDP address</span>
          ) : (
            <span className="mono">{s.deviceReportedAddress}</span>
          )}
        </Item>
      </dl>
    </section>
  );
}

export function AttemptTable({ attempts }: { attempts: ReachAttempt[] }) {
  const now = useNow();
  return (
    <section className="panel reach-attempts" aria-labelledby="reach-attempts-title">
      <h2 id="reach-attempts-title">Last connection requests</h2>
      {attempts.length === 0 ? (
        <p className="muted empty-inline">None sent since DeskACS started.</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Via</th>
              <th scope="col">To</th>
              <th scope="col">Outcome</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((a) => (
              <tr key={`${a.at}-${a.via}`}>
                <td title={formatTime(a.at)}>{formatAgo(a.at, now)}</td>
                <td>{a.via === 'udp' ? 'UDP' : 'HTTP'}</td>
                <td className="mono">{a.target}</td>
                <td>
                  <span className={`chip state-${resultTone(a)}`}>{resultWords(a)}</span>
                </td>
                <td className="reach-message">{a.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
