// Refresh or reboot the selected devices: what will happen, in numbers, before anything is done.
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorText } from '../../lib/format.ts';
import type { BulkTarget } from './BulkDialogs.tsx';
import type { RunBulkTask } from './use-bulk-tasks.ts';
import { devicesText } from './words.ts';
import type { CreateTasksResult } from '../../../../shared/models-fleet.ts';

const kinds = {
  reboot: {
    verb: 'Reboot',
    task: { name: 'reboot' },
    words: { doing: 'Rebooting', finished: 'Reboot of' },
    what: 'Each device restarts and is offline for a minute or two.',
    offline: 'will reboot at their next contact',
  },
  refresh: {
    verb: 'Refresh',
    task: { name: 'refresh' },
    words: { doing: 'Refreshing', finished: 'Refresh of' },
    what: 'Every parameter of each device is read again: a few round trips per device.',
    offline: 'will be refreshed at their next contact',
  },
} as const;

export interface TaskConfirmDialogProps {
  kind: keyof typeof kinds;
  target: BulkTarget;
  run: RunBulkTask;
  onClose(result: CreateTasksResult | null): void;
}

export function TaskConfirmDialog({ kind, target, run, onClose }: TaskConfirmDialogProps) {
  const k = kinds[kind];
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const title = `${k.verb} ${devicesText(target.count)}`;
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onClose(await run(target.selection, k.task, k.words));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`${title}?`}
      confirmLabel={title}
      danger={kind === 'reboot'}
      busy={busy}
      onCancel={() => onClose(null)}
      onConfirm={() => void confirm()}
    >
      <p>{k.what}</p>
      <p>{reachText(target.count, target.offline, k.offline)}</p>
      {error !== null && (
        <p className="alert" role="alert">
          {errorText(error)}
        </p>
      )}
    </ConfirmDialog>
  );
}

/** Who acts now and who at their next contact, in numbers. */
function reachText(count: number, offline: number | null, later: string): string {
  const expiry = '(a queued task expires after a day)';
  if (offline === null || offline === 0)
    return `${count === 1 ? 'It is' : 'They are'} woken now with a connection request; a device that cannot be reached does it at its next contact ${expiry}.`;
  if (offline >= count) return `${count === 1 ? 'It is' : 'All of them are'} offline now and ${later} ${expiry}.`;
  return `Online devices are woken now with a connection request; ${devicesText(offline)} ${offline === 1 ? 'is' : 'are'} offline and ${later} ${expiry}.`;
}
