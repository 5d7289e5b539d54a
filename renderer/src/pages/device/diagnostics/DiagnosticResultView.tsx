// One diagnostic's result as a readable panel: ping's loss and RTT min/avg/max, traceroute's hops
// table, a speed test's Mbit/s with bytes and time, nslookup's answers.
import type { DiagnosticResult, DiagnosticRun } from '../../../../../shared/models-diagnostics.ts';
import { mbytes, ms } from './diagnostic-words.ts';

export function DiagnosticResultView({ run }: { run: DiagnosticRun }) {
  const r = run.result;
  if (r === null) return null;
  return (
    <div className="diag-result" data-testid="diag-result">
      <ResultBody r={r} />
    </div>
  );
}

/** Rows of a list that never reorders, numbered from 1 (the hop number is their identity). */
function numbered<T>(items: readonly T[]): { item: T; n: number }[] {
  return items.map((item, i) => ({ item, n: i + 1 }));
}

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'ok' | 'bad' }) {
  return (
    <div className={`diag-figure${tone === undefined ? '' : ` ${tone}`}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ResultBody({ r }: { r: DiagnosticResult }) {
  switch (r.kind) {
    case 'ping':
      return (
        <dl className="diag-figures">
          <Figure label="Replies" value={`${r.received} of ${r.sent}`} tone={r.received === r.sent ? 'ok' : 'bad'} />
          <Figure label="Loss" value={`${r.lossPercent}%`} tone={r.lossPercent === 0 ? 'ok' : 'bad'} />
          <Figure label="RTT min" value={ms(r.rttMinMs)} />
          <Figure label="RTT avg" value={ms(r.rttAvgMs)} />
          <Figure label="RTT max" value={ms(r.rttMaxMs)} />
        </dl>
      );
    case 'speedTest':
      return (
        <dl className="diag-figures">
          <Figure
            label={r.direction === 'download' ? 'Download' : 'Upload'}
            value={r.mbps === null ? '–' : `${r.mbps.toFixed(1)} Mbit/s`}
            tone="ok"
          />
          <Figure label="Moved" value={mbytes(r.bytes)} />
          <Figure label="Time" value={r.durationMs === null ? '–' : `${(r.durationMs / 1000).toFixed(2)} s`} />
        </dl>
      );
    case 'traceroute':
      return (
        <table className="table compact diag-hops">
          <caption className="sr-only">Hops to {r.host}</caption>
          <thead>
            <tr>
              <th scope="col" className="num diag-hop-n">
                Hop
              </th>
              <th scope="col">Host</th>
              <th scope="col">Address</th>
              <th scope="col" className="num">
                RTT
              </th>
            </tr>
          </thead>
          <tbody>
            {numbered(r.hops).map(({ item: hop, n }) => (
              <tr key={n}>
                <td className="num">{n}</td>
                <td className="wrap-anywhere">{hop.host === '' ? <span className="muted">(no name)</span> : hop.host}</td>
                <td className="mono">{hop.address === '' ? '*' : hop.address}</td>
                <td className="num nowrap">{ms(hop.rttMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'nslookup':
      return r.answers.length === 0 ? (
        <p className="muted">The device got no answer for {r.host}.</p>
      ) : (
        <table className="table compact diag-hops">
          <caption className="sr-only">Answers for {r.host}</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Name</th>
              <th scope="col">Addresses</th>
              <th scope="col">DNS server</th>
              <th scope="col" className="num">
                Time
              </th>
            </tr>
          </thead>
          <tbody>
            {numbered(r.answers).map(({ item: a, n }) => (
              <tr key={n}>
                <td>{a.status}</td>
                <td className="wrap-anywhere">{a.hostNameReturned}</td>
                <td className="mono wrap-anywhere">{a.ipAddresses.join(', ')}</td>
                <td className="mono">{a.dnsServerIp}</td>
                <td className="num nowrap">{ms(a.responseTimeMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
}
