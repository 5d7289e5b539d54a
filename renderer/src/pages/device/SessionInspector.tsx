// One session's messages in order: who sent it (CPE -> ACS or ACS -> CPE), the RPC, when, and
// the SOAP as it was sent (passwords masked by the core) in a scrollable, copyable block. Old
// sessions keep their record but not their messages: that is said, not shown as empty.
import { useState } from 'react';
import type { SessionDetail, SessionMessage } from '../../../../shared/models-device.ts';
import { useApiQuery } from '../../api/queries.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { formatTime } from '../../lib/format.ts';
import { indentXml } from '../../lib/xml-indent.ts';
import { SessionOutcomeChip } from './SessionOutcomeChip.tsx';

export function SessionInspector({ sessionId }: { sessionId: number }) {
  const session = useApiQuery(
    'getSession',
    { sessionId },
    // A session still open gains messages; it is re-read until it ends (and on its sessionEnded event).
    { staleTime: 0, refetchInterval: (q) => (q.state.data?.outcome === 'open' ? 2_000 : false) },
  );
  return (
    <section className="panel inspector" aria-label={`Session ${sessionId}`}>
      <QueryView query={session} loading="Loading the session…">
        {(s) => <InspectorBody s={s} />}
      </QueryView>
    </section>
  );
}

function InspectorBody({ s }: { s: SessionDetail }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const all = s.messageLog.length > 0 && open.size === s.messageLog.length;
  const toggle = (seq: number, on: boolean): void =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (on) next.add(seq);
      else next.delete(seq);
      return next;
    });
  return (
    <>
      <header className="inspector-head">
        <h3>Session #{s.id}</h3>
        <SessionOutcomeChip outcome={s.outcome} />
        <span className="muted small">
          {formatTime(s.startedAt)}
          {s.endedAt !== null && ` – ${formatTime(s.endedAt)}`} · from <span className="mono">{s.remoteAddress || 'unknown'}</span> · CWMP{' '}
          {s.cwmpVersion || '?'}
        </span>
        {s.messageLog.length > 0 && (
          <button type="button" className="link-button" onClick={() => setOpen(all ? new Set() : new Set(s.messageLog.map((m) => m.seq)))}>
            {all ? 'Hide all SOAP' : 'Show all SOAP'}
          </button>
        )}
      </header>
      {s.warnings.length > 0 && (
        <ul className="note warn inspector-warnings" aria-label="Warnings">
          {s.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {s.messageLog.length === 0 ? (
        <p className="note">
          {s.outcome === 'open'
            ? 'The session is in progress; its messages appear as they are exchanged.'
            : `The messages of this session are no longer kept (${s.messages} were exchanged): DeskACS keeps the raw SOAP of each device's most recent sessions only.`}
        </p>
      ) : (
        <ol className="message-list" aria-label="Messages in order">
          {s.messageLog.map((m) => (
            <li key={m.seq}>
              <Message m={m} open={open.has(m.seq)} onToggle={(on) => toggle(m.seq, on)} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 });

function Message({ m, open, onToggle }: { m: SessionMessage; open: boolean; onToggle(on: boolean): void }) {
  const from = m.direction === 'cpe' ? 'CPE → ACS' : 'ACS → CPE';
  const t = Date.parse(m.at);
  return (
    <details className={`message ${m.direction}`} open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary>
        <span className="msg-seq muted">{m.seq}</span>
        <span className={`msg-dir ${m.direction}`}>{from}</span>
        <span className="msg-rpc">{m.rpc === '' || m.rpc === 'empty' ? <span className="muted">(empty)</span> : m.rpc}</span>
        <span className="msg-time muted small">{Number.isNaN(t) ? m.at : timeOfDay.format(t)}</span>
        {m.truncated && <span className="muted small">(cut short)</span>}
      </summary>
      {open && (
        <div className="soap">
          <div className="soap-tools">
            <span className="muted small">
              {m.soap.length.toLocaleString()} characters{m.truncated ? ', the rest not kept' : ''}; indented for reading, copied as sent
            </span>
            <CopyButton value={m.soap} what={`the SOAP of message ${m.seq}`} />
          </div>
          {m.soap === '' ? (
            <p className="muted small">
              An empty HTTP message: the CPE has nothing more to send, or the ACS has nothing more to ask and ends the session.
            </p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a block that scrolls must be reachable (and scrollable) by keyboard
            <pre className="soap-block" role="region" tabIndex={0} aria-label={`SOAP of message ${m.seq}, ${m.rpc || 'empty'}`}>
              {indentXml(m.soap)}
            </pre>
          )}
        </div>
      )}
    </details>
  );
}
