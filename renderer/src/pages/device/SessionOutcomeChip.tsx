// How a session ended, in words and colour.
import type { SessionOutcome } from '../../../../shared/models.ts';

const words: Record<SessionOutcome, { label: string; tone: string }> = {
  open: { label: 'In progress', tone: 'state-warn' },
  ok: { label: 'OK', tone: 'state-good' },
  timeout: { label: 'Timed out', tone: 'state-bad' },
  fault: { label: 'Fault', tone: 'state-bad' },
  error: { label: 'Error', tone: 'state-bad' },
  aborted: { label: 'Aborted', tone: 'state-bad' },
};

export function SessionOutcomeChip({ outcome }: { outcome: SessionOutcome }) {
  const w = words[outcome] ?? { label: outcome, tone: '' };
  return <span className={`chip ${w.tone}`}>{w.label}</span>;
}
