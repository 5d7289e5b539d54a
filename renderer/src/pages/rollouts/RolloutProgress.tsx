// Counts per device state as one stacked bar, with each state's word and number beside it.
import type { RolloutDeviceState } from '../../../../shared/models-files.ts';
import { rolloutDeviceStates } from '../../../../shared/models-files.ts';
import { deviceStateLabels, totalOf } from './rollout-words.tsx';

export function RolloutProgress({ counts, compact = false }: { counts: Record<RolloutDeviceState, number>; compact?: boolean }) {
  const total = totalOf(counts);
  return (
    <div className={`rollout-progress${compact ? ' compact' : ''}`}>
      <div
        className="rollout-bar"
        role="img"
        aria-label={rolloutDeviceStates.map((s) => `${deviceStateLabels[s]} ${counts[s] ?? 0}`).join(', ')}
      >
        {total > 0 &&
          rolloutDeviceStates.map((s) =>
            (counts[s] ?? 0) > 0 ? (
              <span key={s} className={`seg rdev-${s}`} style={{ flexGrow: counts[s] }} title={`${deviceStateLabels[s]}: ${counts[s]}`} />
            ) : null,
          )}
      </div>
      {!compact && (
        <ul className="rollout-legend" aria-label="Devices per state">
          {rolloutDeviceStates.map((s) => (
            <li key={s} data-state={s}>
              <span className={`swatch rdev-${s}`} aria-hidden="true" />
              <span>{deviceStateLabels[s]}</span> <strong className="rollout-count">{(counts[s] ?? 0).toLocaleString()}</strong>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
