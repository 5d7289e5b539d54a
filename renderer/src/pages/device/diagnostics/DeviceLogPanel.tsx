// The device's log: DeviceInfo.DeviceLog as last read ("Read now" reads it again with a
// getParameterValues task), shown in a scrolling block and downloadable as a text file; and the
// vendor log files the device uploaded to DeskACS ('2 Vendor Log File', kept with its backups),
// each viewable and downloadable.
import { useState } from 'react';
import type { Backup } from '../../../../../shared/models-backups.ts';
import type { CreateTaskResult, DeviceDetail } from '../../../../../shared/models.ts';
import { useClient } from '../../../api/client-context.tsx';
import { useApiMutation, useApiQuery } from '../../../api/queries.ts';
import { QueryView } from '../../../components/QueryView.tsx';
import { errorText, formatBytes, formatTime } from '../../../lib/format.ts';
import { faultSentence, taskInFlight } from '../../tasks/task-words.ts';
import { BackupViewDialog } from '../backups/BackupViewDialog.tsx';
import { ScrollBlock } from '../backups/ScrollBlock.tsx';

export const LOG_FILE_TYPE = '2 Vendor Log File';

function saveText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileStamp(iso: string | null): string {
  return (iso ?? new Date().toISOString()).slice(0, 19).replaceAll(':', '-');
}

export function DeviceLogPanel({ device }: { device: DeviceDetail }) {
  const log = useApiQuery('getDeviceLog', { id: device.id });
  const [read, setRead] = useState<CreateTaskResult | null>(null);
  const [upload, setUpload] = useState<CreateTaskResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const create = useApiMutation('createTask', ['listTasks', 'getDeviceLog', 'listBackups']);
  const readTask = useFollowed(read);
  const uploadTask = useFollowed(upload);
  const reading = create.isPending || (readTask !== null && taskInFlight(readTask));
  const uploading = uploadTask !== null && taskInFlight(uploadTask);

  const readNow = (path: string): void => {
    setError(null);
    create.mutate(
      { id: device.id, task: { name: 'getParameterValues', names: [path] }, connectionRequest: true },
      { onSuccess: setRead, onError: (e) => setError(errorText(e)) },
    );
  };
  const uploadNow = (): void => {
    setError(null);
    create.mutate(
      { id: device.id, task: { name: 'upload', fileType: LOG_FILE_TYPE, label: 'vendor log' }, connectionRequest: true },
      { onSuccess: setUpload, onError: (e) => setError(errorText(e)) },
    );
  };

  return (
    <section className="diag-section diag-log" aria-labelledby="diag-log-title">
      <h3 id="diag-log-title" className="diag-heading">
        Device log
      </h3>
      <QueryView query={log} loading="Loading the device log…">
        {(l) => (
          <>
            <div className="diag-log-bar">
              {l.path !== null && (
                <button type="button" className="primary" disabled={reading} onClick={() => readNow(l.path ?? '')}>
                  {reading ? 'Reading…' : 'Read now'}
                </button>
              )}
              <button
                type="button"
                disabled={l.text === null}
                onClick={() => saveText(l.text ?? '', `device-log-${device.serialNumber}-${fileStamp(l.readAt)}.txt`)}
              >
                Download
              </button>
              <button type="button" disabled={uploading || create.isPending} onClick={uploadNow}>
                {uploading ? 'Uploading log file…' : 'Upload vendor log file'}
              </button>
              <span className="muted small">
                {l.path === null
                  ? 'This device reports no DeviceInfo.DeviceLog; ask it to upload its vendor log file instead.'
                  : l.readAt === null
                    ? 'Not read yet.'
                    : `Read ${formatTime(l.readAt)}.`}
              </span>
            </div>
            <TaskLine task={readTask} doing="Reading the log from the device" />
            <TaskLine task={uploadTask} doing="The device is uploading its log file" />
            {error !== null && (
              <p className="action-line bad" role="alert">
                <span className="action-text">{error}</span>
              </p>
            )}
            {l.text !== null && (
              <ScrollBlock label="Device log" className="diag-log-text">
                <pre data-testid="device-log">{l.text === '' ? '(the log is empty)' : l.text}</pre>
              </ScrollBlock>
            )}
          </>
        )}
      </QueryView>
      <LogFiles deviceId={device.id} serial={device.serialNumber} />
    </section>
  );
}

function useFollowed(started: CreateTaskResult | null) {
  const task = useApiQuery('getTask', started === null ? null : { taskId: started.task.id }, {
    refetchInterval: (q) => (q.state.data !== undefined && taskInFlight(q.state.data) ? 3_000 : false),
  });
  return started === null ? null : (task.data ?? started.task);
}

function TaskLine({ task, doing }: { task: ReturnType<typeof useFollowed>; doing: string }) {
  if (task === null || task.status === 'done') return null;
  if (task.status === 'fault' && task.fault !== null) {
    return (
      <p className="action-line bad" role="alert">
        <span className="action-text">Failed: {faultSentence(task.fault)}</span>
      </p>
    );
  }
  if (!taskInFlight(task)) return <p className="action-line bad">{`The task ${task.status}.`}</p>;
  return (
    <p className="action-line" role="status">
      <span className="action-text">{task.status === 'queued' ? `${doing}: waiting for the device to connect…` : `${doing}…`}</span>
    </p>
  );
}

function LogFiles({ deviceId, serial }: { deviceId: string; serial: string }) {
  const backups = useApiQuery('listBackups', { id: deviceId });
  const client = useClient();
  const [viewing, setViewing] = useState<Backup | null>(null);
  const files = (backups.data ?? []).filter((b) => b.kind === 'upload' && b.fileType.startsWith('2 '));
  const download = async (b: Backup): Promise<void> => {
    const c = await client.call('getBackup', { backupId: b.id });
    saveText(c.text ?? '', `vendor-log-${serial}-${fileStamp(b.createdAt)}.txt`);
  };
  if (files.length === 0) return <p className="muted small">No vendor log file uploaded yet.</p>;
  return (
    <>
      <table className="table compact diag-log-files">
        <caption className="diag-caption">Uploaded vendor log files</caption>
        <thead>
          <tr>
            <th scope="col">Uploaded</th>
            <th scope="col">Size</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {files.map((b) => (
            <tr key={b.id}>
              <td>{formatTime(b.createdAt)}</td>
              <td>{formatBytes(b.size)}</td>
              <td className="diag-log-actions">
                <button type="button" onClick={() => setViewing(b)}>
                  View
                </button>
                <button type="button" onClick={() => void download(b)}>
                  Download
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {viewing !== null && <BackupViewDialog backup={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}
