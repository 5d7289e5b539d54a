// "Push firmware…": choose a file (firmware first), see what would happen in numbers, then for one
// device queue the download (the device page follows it in its action log), or for a selection
// plan a rollout in waves and open its page.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { FileRecord } from '../../../../shared/models-files.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorText } from '../../lib/format.ts';
import type { ApiSelection } from '../devices/selection.ts';
import { devicesText } from '../devices/words.ts';
import { formatBytes } from '../files/upload-file.ts';
import { defaultWaves, filesForPush, parseWaves } from './push-plan.ts';
import { PushPreviewView } from './PushPreviewView.tsx';
import { type RolloutForm, RolloutFields, rolloutFormErrors } from './RolloutFields.tsx';
import '../../styles/push.css';

export interface PushDialogProps {
  selection: ApiSelection;
  /** Devices selected (for the title). */
  count: number;
  /** One device: the download is queued directly (no rollout). */
  onPushOne?: (file: FileRecord) => void;
  onClose(): void;
}

export function PushDialog({ selection, count, onPushOne, onClose }: PushDialogProps) {
  const files = useApiQuery('listFiles', {});
  const list = filesForPush(files.data ?? []);
  const [fileId, setFileId] = useState<number | null>(null);
  const chosen = list.find((f) => f.id === fileId) ?? list[0] ?? null;
  const preview = useApiQuery('previewPush', chosen === null ? null : { fileId: chosen.id, selection });
  const single = onPushOne !== undefined;
  const [plan, setPlan] = useState<RolloutForm | null>(null);
  const upgrade = preview.data?.toUpgrade ?? 0;
  const form: RolloutForm = plan ?? {
    waves: defaultWaves(upgrade).join(', '),
    concurrency: '10',
    threshold: '10',
    windowOn: false,
    start: '01:00',
    end: '05:00',
  };
  const create = useApiMutation('createRollout', ['listRollouts', 'listFiles']);
  const navigate = useNavigate();

  const ready = chosen !== null && preview.data !== undefined && upgrade > 0;
  const valid = single || rolloutFormErrors(form).length === 0;
  const confirm = (): void => {
    if (chosen === null) return;
    if (onPushOne !== undefined) {
      onPushOne(chosen);
      onClose();
      return;
    }
    create.mutate(
      {
        fileId: chosen.id,
        selection,
        waveSizes: parseWaves(form.waves) ?? [1],
        concurrency: Number(form.concurrency),
        failureThreshold: Number(form.threshold) / 100,
        ...(form.windowOn ? { window: { start: form.start, end: form.end } } : {}),
      },
      { onSuccess: (r) => navigate(`/rollouts/${r.id}`) },
    );
  };
  return (
    <ConfirmDialog
      open
      title={single ? 'Push a file to this device' : `Push a file to ${devicesText(count)}`}
      confirmLabel={single ? 'Push now' : `Start rollout to ${devicesText(upgrade)}`}
      busy={create.isPending}
      confirmDisabled={!ready || !valid}
      onCancel={onClose}
      onConfirm={confirm}
    >
      <div className="push-dialog">
        {files.isError && <ErrorAlert error={files.error} onRetry={() => void files.refetch()} />}
        {files.data !== undefined && list.length === 0 && (
          <p className="muted">
            The library is empty. Add a firmware file on the <a href="#/files">Files</a> page first.
          </p>
        )}
        {list.length > 0 && (
          <label className="push-file">
            <span>File</span>
            <select
              value={chosen?.id ?? ''}
              onChange={(e) => {
                setFileId(Number(e.target.value));
                setPlan(null);
              }}
            >
              {list.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                  {f.version !== '' ? ` — ${f.version}` : ''} ({formatBytes(f.size)}){f.fileType.startsWith('1 ') ? '' : ` · ${f.fileType}`}
                </option>
              ))}
            </select>
          </label>
        )}
        {preview.isPending && chosen !== null && <p className="muted">Checking the devices…</p>}
        {preview.isError && <ErrorAlert error={preview.error} onRetry={() => void preview.refetch()} />}
        {preview.data !== undefined && <PushPreviewView preview={preview.data} />}
        {single && preview.data !== undefined && upgrade > 0 && (
          <p className="small">
            The device is asked to connect now and download the file from DeskACS; it installs and reboots by itself. The device page
            follows it to the end.
          </p>
        )}
        {!single && ready && <RolloutFields form={form} onChange={setPlan} />}
        {create.isError && (
          <p className="alert" role="alert">
            {errorText(create.error)}
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}
