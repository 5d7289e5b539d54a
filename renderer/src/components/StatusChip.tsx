// Online / Late / Offline in words and colour, never colour alone; the rule is shared with the
// store's status filter (shared/device-status.ts).
import { type DeviceStatus, deviceStatus } from '../../../shared/device-status.ts';
import type { DeviceSummary } from '../../../shared/models.ts';

const labels: Record<DeviceStatus, string> = { online: 'Online', late: 'Late', offline: 'Offline' };

export function statusOf(device: Pick<DeviceSummary, 'lastInform' | 'periodicInformInterval'>, now: number): DeviceStatus {
  return deviceStatus(device.lastInform, device.periodicInformInterval, now);
}

export function StatusChip({ status }: { status: DeviceStatus }) {
  return <span className={`chip status-${status}`}>{labels[status]}</span>;
}

export function statusLabel(status: DeviceStatus): string {
  return labels[status];
}
