// A device's provisioning checklist, as the installer and the device page show it: the profile
// steps (done, failed with the fault explained, pending with what it waits for, not supported by
// this model) and the checks read from the device (firmware floor, WAN up, PPPoE, Wi-Fi,
// periodic inform), each a chip in words; "Retry" asks for the failed steps again now.
import type { DeviceProvisioning, ProvisioningCheck, ProvisioningStep } from '../../../../shared/models-provisioning.ts';
import { useApiMutation } from '../../api/queries.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatTime } from '../../lib/format.ts';
import { BreakAtDots } from '../device/tree/BreakAtDots.tsx';
import { ReadChecksButton } from './ReadChecksButton.tsx';

const stepWords: Record<ProvisioningStep['state'], [string, string]> = {
  done: ['Done', 'task-done'],
  failed: ['Failed', 'task-fault'],
  pending: ['Pending', 'task-queued'],
  unsupported: ['Not supported', ''],
  overridden: ['Overridden', ''],
};
const checkWords: Record<ProvisioningCheck['state'], [string, string]> = {
  ok: ['OK', 'task-done'],
  failed: ['Failed', 'task-fault'],
  pending: ['Pending', 'task-queued'],
  unsupported: ['Not supported', ''],
};
export const overallWords: Record<DeviceProvisioning['state'], [string, string]> = {
  done: ['Done', 'task-done'],
  working: ['Working', 'task-running'],
  failed: ['Failed', 'task-fault'],
};

export function Chip({ words }: { words: [string, string] }) {
  return <span className={`chip ${words[1]}`}>{words[0]}</span>;
}

export function Checklist({ provisioning: p, compact = false }: { provisioning: DeviceProvisioning; compact?: boolean }) {
  const retry = useApiMutation('retryProvisioning', ['getProvisioning']);
  const failed = p.steps.filter((s) => s.state === 'failed').length;
  return (
    <div className={`checklist${compact ? ' compact' : ''}`}>
      <div className="checklist-head">
        <Chip words={overallWords[p.state]} />
        <span className="small">
          {p.profiles.length === 0
            ? 'No profile matches this device.'
            : `Profile${p.profiles.length === 1 ? '' : 's'}: ${p.profiles.map((x) => `${x.name} v${x.version}`).join(', ')}`}
        </span>
        {failed > 0 && (
          <button type="button" className="checklist-retry" disabled={retry.isPending} onClick={() => retry.mutate({ id: p.deviceId })}>
            {retry.isPending ? 'Retrying…' : `Retry ${failed} failed step${failed === 1 ? '' : 's'}`}
          </button>
        )}
      </div>
      {retry.isError && <ErrorAlert error={retry.error} title="Retry" />}
      <h3 className="checklist-title">Steps</h3>
      {p.steps.length === 0 ? (
        <p className="muted small">Nothing to apply.</p>
      ) : (
        <ul className="checklist-items" aria-label="Profile steps">
          {p.steps.map((s) => (
            <li key={`${s.profile}:${s.item}`} className={`check-item ${s.state}`} data-item={s.item} data-state={s.state}>
              <Chip words={stepWords[s.state]} />
              <div className="check-text">
                <div>
                  <strong>{s.label}</strong>
                  {s.value !== null && (
                    <span className="mono check-value">
                      {' '}
                      = <BreakAtDots text={s.value} />
                    </span>
                  )}
                </div>
                {s.message !== null && <div className={s.state === 'failed' ? 'check-fault small' : 'muted small'}>{s.message}</div>}
              </div>
              {s.at !== null && !compact && <span className="muted small check-at">{formatTime(s.at)}</span>}
            </li>
          ))}
        </ul>
      )}
      <h3 className="checklist-title">Checks on the device</h3>
      <ReadChecksButton deviceId={p.deviceId} pending={p.checks.filter((c) => c.state === 'pending').length} />
      <ul className="checklist-items" aria-label="Checks">
        {p.checks.map((c) => (
          <li key={c.key} className={`check-item ${c.state}`} data-item={c.key} data-state={c.state}>
            <Chip words={checkWords[c.state]} />
            <div className="check-text">
              <strong>{c.label}</strong>
              <div className={c.state === 'failed' ? 'check-fault small' : 'muted small'}>{c.detail}</div>
            </div>
          </li>
        ))}
      </ul>
      {p.conflicts.length > 0 && (
        <div className="note warn small">
          <strong>Profiles disagree (the higher priority wins):</strong>
          <ul>
            {p.conflicts.map((c) => (
              <li key={c.path}>
                <span className="mono">{c.path}</span>: {c.winner.profile} “{c.winner.value}” over {c.loser.profile} “{c.loser.value}”
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
