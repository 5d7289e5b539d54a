// The file library: firmware images and configuration files DeskACS serves to devices. Add by
// the picker or by dropping files on the page; each shows its progress and outcome; details
// edited in a dialog; delete behind a confirmation (refused while a rollout uses the file).
import { useState } from 'react';
import type { FileRecord } from '../../../shared/models-files.ts';
import { useApiMutation, useApiQuery } from '../api/queries.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { QueryView } from '../components/QueryView.tsx';
import { errorText } from '../lib/format.ts';
import { AddFileButton, UploadList, useDropZone, useUploads } from './files/AddFiles.tsx';
import { FileMetaDialog } from './files/FileMetaDialog.tsx';
import { FileTable } from './files/FileTable.tsx';
import { formatBytes } from './files/upload-file.ts';
import '../styles/files.css';

export function FilesPage() {
  const files = useApiQuery('listFiles', {});
  const [editing, setEditing] = useState<FileRecord | null>(null);
  const [deleting, setDeleting] = useState<FileRecord | null>(null);
  const { uploads, add, dismiss } = useUploads(() => void files.refetch());
  const drop = useDropZone(add);
  const total = files.data?.reduce((n, f) => n + f.size, 0) ?? 0;
  return (
    <div className={`files-page${drop.over ? ' dropping' : ''}`} {...drop.handlers}>
      <div className="page-head">
        <h1>Files</h1>
        {files.data !== undefined && files.data.length > 0 && (
          <span className="muted">
            {files.data.length} file{files.data.length === 1 ? '' : 's'}, {formatBytes(total)}
          </span>
        )}
        <span className="files-head-tools">
          <span className="muted small files-drop-hint">or drop files anywhere on this page</span>
          <AddFileButton onFiles={add} />
        </span>
      </div>
      {drop.over && (
        <div className="files-drop" aria-hidden="true">
          Drop to add to the library
        </div>
      )}
      <UploadList uploads={uploads} onDismiss={dismiss} onEdit={setEditing} />
      <QueryView query={files} loading="Loading the library…">
        {(list) =>
          list.length === 0 ? (
            <div className="empty-state files-empty">
              <h2>No files yet</h2>
              <p>
                The library holds the firmware images and configuration files DeskACS serves to your devices. Add a firmware file here, then
                push it to one device from its page or to many from the Devices list as a rollout in waves.
              </p>
              <p className="muted">Drop files on this page or use “Add files…”. The same file is never stored twice.</p>
            </div>
          ) : (
            <div className="file-table-wrap">
              <FileTable files={list} onEdit={setEditing} onDelete={setDeleting} />
            </div>
          )
        }
      </QueryView>
      {editing !== null && <FileMetaDialog key={editing.id} file={editing} onClose={() => setEditing(null)} />}
      {deleting !== null && <DeleteFileDialog file={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}

function DeleteFileDialog({ file, onClose }: { file: FileRecord; onClose(): void }) {
  const del = useApiMutation('deleteFile', ['listFiles']);
  return (
    <ConfirmDialog
      open
      danger
      title={`Delete ${file.name}?`}
      confirmLabel="Delete file"
      busy={del.isPending}
      onCancel={onClose}
      onConfirm={() => del.mutate({ fileId: file.id }, { onSuccess: onClose })}
    >
      <p>
        The file ({formatBytes(file.size)}) is removed from the library; devices can no longer fetch it. Tasks already queued with it will
        fail.
      </p>
      {del.isError && (
        <p className="alert" role="alert">
          {errorText(del.error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
