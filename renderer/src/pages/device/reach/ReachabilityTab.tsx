// The device page's Reachability tab: can DeskACS wake this device now, and how (HTTP, or UDP
// through STUN when it sits behind NAT); what to change when it cannot, in one plain sentence;
// "Enable STUN" (a task followed live here to its end) and "Test connection request"; then the
// facts behind the answer: NAT, STUN and the last attempts (getReachability).
import { useEffect, useState } from 'react';
import type { Reachability } from '../../../../../shared/models-reach.ts';
import type { ConnectionRequestReport, DeviceDetail } from '../../../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../../../api/queries.ts';
import { QueryView } from '../../../components/QueryView.tsx';
import { errorText } from '../../../lib/format.ts';
import { ActionLog } from '../ActionLog.tsx';
import type { DeviceActionsState } from '../use-device-actions.ts';
import { AttemptTable, NatBlock, StunBlock } from './ReachDetails.tsx';
import { stunOffer, wakeAnswer } from './reach-words.ts';
import '../../../styles/reach.css';

type Tested = { tone: 'ok' | 'bad'; text: string } | null;

export function ReachabilityTab({ device, actions }: { device: DeviceDetail; actions: DeviceActionsState }) {
  // The STUN binding arrives by UDP, with no event of its own: read again every few seconds while open.
  const reach = useApiQuery('getReachability', { id: device.id }, { refetchInterval: 4_000 });
  const entries = actions.entries.filter((e) => e.scope === 'reach');
  const { refetch } = reach;
  // A followed task moving on (Enable STUN done) changes what the diagnosis says.
  const states = entries.map((e) => (e.kind === 'task' ? `${e.taskId}:${e.task.status}` : e.key)).join(',');
  useEffect(() => {
    if (states !== '') void refetch();
  }, [states, refetch]);
  return (
    <div className="reach-tab">
      <QueryView query={reach} loading="Reading the reachability diagnosis…">
        {(r) => (
          <>
            <Verdict r={r} device={device} actions={actions} />
            {entries.length > 0 && <ActionLog entries={entries} device={device} onDismiss={actions.dismiss} />}
            <div className="reach-grid">
              <NatBlock r={r} />
              <StunBlock r={r} />
            </div>
            <AttemptTable attempts={r.attempts} />
          </>
        )}
      </QueryView>
    </div>
  );
}

function Verdict({ r, device, actions }: { r: Reachability; device: DeviceDetail; actions: DeviceActionsState }) {
  const wake = wakeAnswer(r);
  const offer = stunOffer(r);
  const enable = useApiMutation('enableStun', ['listTasks', 'getReachability', 'getDeviceSummary']);
  const test = useApiMutation('connectionRequest', ['getDeviceSummary', 'getReachability']);
  const [tested, setTested] = useState<Tested>(null);
  const enabling = actions.busy('enableStun') || actions.busy('setParameterValues');
  const enableStun = (): void => {
    void actions.runCall('Enable STUN', 'enableStun', 'reach', () => enable.mutateAsync({ id: device.id, connectionRequest: true }));
  };
  const testNow = (): void => {
    setTested(null);
    test.mutate(
      { id: device.id },
      {
        onSuccess: (report: ConnectionRequestReport) =>
          setTested({ tone: report.outcome === 'reached' ? 'ok' : 'bad', text: report.message }),
        onError: (err) => setTested({ tone: 'bad', text: `Connection request failed: ${errorText(err)}` }),
      },
    );
  };
  return (
    <section className="panel reach-verdict" aria-labelledby="reach-verdict-title">
      <div className="reach-answer">
        <h2 id="reach-verdict-title">Can DeskACS wake it now?</h2>
        <span className={`chip state-${wake.tone}`}>{wake.answer}</span>
        <span className="reach-how">{wake.how}</span>
        {r.natDetected && <span className="chip state-warn">NAT detected</span>}
      </div>
      <p className="reach-advice">{r.advice}</p>
      <div className="reach-actions">
        <button
          type="button"
          className={r.natDetected && r.stun.binding === null ? 'primary' : undefined}
          disabled={!offer.can || enabling}
          aria-describedby="reach-stun-hint"
          onClick={enableStun}
        >
          {enabling ? 'Enabling STUN…' : offer.label}
        </button>
        <button type="button" disabled={test.isPending} onClick={testNow}>
          {test.isPending ? 'Sending…' : 'Test connection request'}
        </button>
        <span id="reach-stun-hint" className="muted small reach-hint">
          {offer.hint}
        </span>
      </div>
      {tested !== null && (
        <p className={`action-line ${tested.tone} reach-tested`} role={tested.tone === 'bad' ? 'alert' : 'status'}>
          <span className="action-text">{tested.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setTested(null)}>
            ×
          </button>
        </p>
      )}
    </section>
  );
}
