// A rollout's states in words (never colour alone) and its CSV summary. Pure.
import type { RolloutDetail, RolloutDeviceState, RolloutState } from '../../../../shared/models-files.ts';
import { rolloutDeviceStates } from '../../../../shared/models-files.ts';
import { csvField } from '../../lib/csv.ts';

export const rolloutStateLabels: Record<RolloutState, string> = {
  scheduled: 'Scheduled',
  running: 'Running',
  paused: 'Paused',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const deviceStateLabels: Record<RolloutDeviceState, string> = {
  waiting: 'Waiting',
  downloading: 'Downloading',
  rebooting: 'Rebooting',
  verified: 'Verified',
  failed: 'Failed',
  skipped: 'Skipped',
};

export function RolloutChip({ state }: { state: RolloutState }) {
  return <span className={`chip rollout-${state}`}>{rolloutStateLabels[state]}</span>;
}

export function DeviceStateChip({ state }: { state: RolloutDeviceState }) {
  return <span className={`chip rdev-${state}`}>{deviceStateLabels[state]}</span>;
}

export function totalOf(counts: Record<RolloutDeviceState, number>): number {
  return rolloutDeviceStates.reduce((n, s) => n + (counts[s] ?? 0), 0);
}

/** "Wave 2 of 4" (waves are counted from 1; the last size repeats until every device had its turn). */
export function waveText(current: number, waves: number): string {
  return current <= 0 ? 'Not started' : `Wave ${current} of ${Math.max(waves, current)}`;
}

/** The number of waves the sizes make for `total` devices. */
export function waveCount(sizes: readonly number[], total: number): number {
  let left = total;
  let n = 0;
  for (let i = 0; left > 0; i++) {
    left -= sizes[Math.min(i, sizes.length - 1)] ?? left;
    n++;
    if (n > 10_000) break;
  }
  return n;
}

export function rolloutCsv(r: RolloutDetail): string {
  const head = ['serial', 'deviceId', 'wave', 'state', 'fromVersion', 'toVersion', 'message', 'updatedAt'];
  const rows = r.devices.map((d) =>
    [d.serialNumber, d.deviceId, String(d.wave), d.state, d.fromVersion, d.toVersion ?? '', d.message, d.updatedAt].map(csvField).join(','),
  );
  return `${[head.join(','), ...rows].join('\r\n')}\r\n`;
}
