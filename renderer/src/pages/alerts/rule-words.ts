// Alert rules and alerts in words (tables, notifications).
import type { AlertRule } from '../../../../shared/models-monitoring.ts';

export const kindLabels: Record<AlertRule['kind'], string> = {
  offline: 'Device offline',
  rebootLoop: 'Reboot loop',
  threshold: 'Metric threshold',
  firmware: 'Firmware version',
  taskFailures: 'Failing tasks',
};

export function ruleCondition(r: AlertRule): string {
  switch (r.kind) {
    case 'offline':
      return `no contact for ${r.intervals ?? 3} periodic intervals`;
    case 'rebootLoop':
      return `${r.boots ?? 3} boots within ${r.windowMinutes ?? 60} minutes`;
    case 'threshold':
      return `${r.metric} ${r.op} ${r.value}${r.forMinutes ? ` for ${r.forMinutes} min` : ''}`;
    case 'firmware':
      return `firmware is not ${r.expectedVersion}`;
    case 'taskFailures':
      return `last ${r.failures ?? 3} tasks failed`;
  }
}

export function scopeWords(r: AlertRule): string {
  const parts = [r.scope.model === undefined ? '' : `model ${r.scope.model}`, r.scope.tag === undefined ? '' : `tag ${r.scope.tag}`].filter(
    (p) => p !== '',
  );
  return parts.length === 0 ? 'all devices' : parts.join(', ');
}
