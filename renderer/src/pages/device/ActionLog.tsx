// The live trace of the device page's actions, one line each, updated until the action ends:
// "Reboot: sent; waiting for the device to come back (expected within ~2 min)", then "Reboot:
// done, the device is back (uptime 12 s)", or the fault with its explanation.
import { nextExpectedContact } from '../../../../shared/device-status.ts';
import type { DeviceDetail } from '../../../../shared/models.ts';
import { useApiQuery } from '../../api/queries.ts';
import { formatDuration, formatTime } from '../../lib/format.ts';
import { useNow } from '../../lib/use-now.ts';
import { TaskChip } from '../tasks/TaskChip.tsx';
import { sentence, taskInFlight, taskOutcome } from '../tasks/task-words.ts';
import { useFollowedTask } from '../tasks/use-followed-task.ts';
import type { ActionEntry } from './use-device-actions.ts';

type Tone = 'info' | 'ok' | 'bad' | 'idle';

export function ActionLog({ entries, device, onDismiss }: { entries: ActionEntry[]; device: DeviceDetail; onDismiss(key: string): void }) {
  if (entries.length === 0) return null;
  return (
    <ul className="action-log" aria-label="What the actions did">
      {entries.map((e) => (
        <li key={e.key}>
          {e.kind === 'task' && <TaskLine entry={e} device={device} onDismiss={() => onDismiss(e.key)} />}
          {e.kind === 'wake' && <WakeLine entry={e} device={device} onDismiss={() => onDismiss(e.key)} />}
          {e.kind === 'error' && <Line tone="bad" text={`${e.label} failed: ${e.message}`} onDismiss={() => onDismiss(e.key)} />}
        </li>
      ))}
    </ul>
  );
}

function Line({ tone, text, chip, onDismiss }: { tone: Tone; text: string; chip?: React.ReactNode; onDismiss?: () => void }) {
  return (
    <div className={`action-line ${tone}`}>
      {chip}
      <span role={tone === 'bad' ? 'alert' : 'status'} className="action-text">
        {text}
      </span>
      {onDismiss !== undefined && (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}

function TaskLine({
  entry,
  device,
  onDismiss,
}: {
  entry: Extract<ActionEntry, { kind: 'task' }>;
  device: DeviceDetail;
  onDismiss(): void;
}) {
  const now = useNow(1_000);
  const query = useFollowedTask(entry.taskId, entry.task);
  const task = query.data ?? entry.task;
  // The uptime the device reported after it came back (the summary is re-read on its Inform).
  const rebooted = task.name === 'reboot' && task.status === 'done';
  const summary = useApiQuery('getDeviceSummary', rebooted ? { id: device.id } : null);
  // The boot's time comes with the device's record; re-read for a while should its event be missed.
  const sinceEnd = task.endedAt === null ? 0 : (now - Date.parse(task.endedAt)) / 1000;
  const bootKnown = device.lastBoot !== null && task.startedAt !== null && device.lastBoot >= task.startedAt;
  useApiQuery('getDevice', { id: device.id }, { refetchInterval: rebooted && !bootKnown && sinceEnd < 60 ? 2_000 : false });
  const s = summary.data;
  const fresh = s?.uptimeSeconds != null && s.uptimeAt !== null && task.startedAt !== null && s.uptimeAt >= task.startedAt;
  // Else the time since the boot DeskACS saw (its '1 BOOT' Inform), when that came after the reboot was sent.
  const bootAt =
    device.lastBoot !== null && task.startedAt !== null && device.lastBoot >= task.startedAt ? Date.parse(device.lastBoot) : null;
  const uptime =
    fresh && s.uptimeAt !== null
      ? formatDuration((s.uptimeSeconds ?? 0) + (now - Date.parse(s.uptimeAt)) / 1000)
      : bootAt !== null
        ? formatDuration((now - bootAt) / 1000)
        : null;
  const text = taskOutcome(task, {
    now,
    wake: entry.wake,
    nextContact: nextExpectedContact(device.lastInform, device.periodicInformInterval),
    uptime,
  });
  const reused = entry.reused ? `already queued (task #${task.id}); ` : '';
  const tone: Tone =
    task.status === 'done' ? 'ok' : task.status === 'fault' || task.status === 'expired' ? 'bad' : taskInFlight(task) ? 'info' : 'idle';
  return (
    <Line
      tone={tone}
      chip={<TaskChip task={task} />}
      text={`${entry.label}: ${reused}${sentence(text)}`}
      onDismiss={taskInFlight(task) ? undefined : onDismiss}
    />
  );
}

function WakeLine({
  entry,
  device,
  onDismiss,
}: {
  entry: Extract<ActionEntry, { kind: 'wake' }>;
  device: DeviceDetail;
  onDismiss(): void;
}) {
  const { report, sentAt } = entry;
  const now = useNow(1_000);
  const reached = report.outcome === 'reached';
  // The device answered; it is done when it has opened its session (a new Inform). The device is
  // re-read on its Inform event, and polled meanwhile should the event be missed.
  const last = device.lastInform === null ? 0 : Date.parse(device.lastInform);
  const connected = last >= sentAt - 1_000;
  const waited = (now - sentAt) / 1000;
  useApiQuery('getDevice', { id: device.id }, { refetchInterval: reached && !connected && waited < 120 ? 2_000 : false });
  if (!reached) return <Line tone="bad" text={`Connection request failed: ${sentence(report.message)}`} onDismiss={onDismiss} />;
  const text = connected
    ? `Connection request: done, the device answered and opened a session at ${formatTime(device.lastInform)}.`
    : waited < 60
      ? `Connection request: ${sentence(report.message)} Waiting for the device to open its session…`
      : `Connection request: the device answered ${formatDuration(waited)} ago but has not opened a session yet (is the ACS URL on the device right?).`;
  return <Line tone={connected ? 'ok' : 'info'} text={text} onDismiss={connected ? onDismiss : undefined} />;
}
