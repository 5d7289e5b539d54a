// The device page's header: model and serial, online state in words, last contact and when the
// next one is expected ("expected in 12 min" / "overdue by 5 min"), and the quick actions.
import { Link } from 'react-router';
import { nextExpectedContact } from '../../../../shared/device-status.ts';
import type { DeviceDetail } from '../../../../shared/models.ts';
import { useApiQuery } from '../../api/queries.ts';
import { StatusChip, statusOf } from '../../components/StatusChip.tsx';
import { formatAgo, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { PushFirmwareButton } from '../push/PushFirmwareButton.tsx';
import { nextContactText } from '../tasks/task-words.ts';
import { DeviceActions } from './DeviceActions.tsx';
import type { DeviceActionsState } from './use-device-actions.ts';

export function DeviceHeader({ device: d, actions }: { device: DeviceDetail; actions: DeviceActionsState }) {
  const now = useNow(5_000);
  // The model name the device's tree gives (the summary reads it) over the Inform's product class.
  const summary = useApiQuery('getDeviceSummary', { id: d.id });
  const title = summary.data?.modelName || d.modelName || d.productClass || 'Device';
  const next = nextExpectedContact(d.lastInform, d.periodicInformInterval);
  const nextText = nextContactText(next, now);
  return (
    <header className="device-head">
      <div className="device-title">
        <h1>
          {title} <span className="mono device-serial">{d.serialNumber}</span>
        </h1>
        <div className="device-facts">
          <StatusChip status={statusOf(d, now)} />
          <span title={formatTime(d.lastInform)}>
            <span className="muted">Last contact</span> {formatAgo(d.lastInform, now)}
          </span>
          <span title={next === null ? undefined : formatTime(next)} className={nextText.startsWith('overdue') ? 'warn-text' : undefined}>
            <span className="muted">Next contact</span> {nextText === '' ? 'unknown' : nextText}
          </span>
          {d.tags.length > 0 && (
            <span className="tags">
              <span className="sr-only">Tags: </span>
              {d.tags.map((t) => (
                <Link key={t} className="tag" to={`/devices?tag=${encodeURIComponent(t)}`}>
                  {t}
                </Link>
              ))}
            </span>
          )}
        </div>
      </div>
      <div className="push-head-actions">
        <PushFirmwareButton device={d} actions={actions} />
        <DeviceActions device={d} actions={actions} />
      </div>
    </header>
  );
}
