// Adding files: a picker button and a drop zone over the page, each file with a progress bar and
// its outcome in words ("stored", "already in the library as <name>", or the error).
import { useRef, useState } from 'react';
import type { FileRecord } from '../../../../shared/models-files.ts';
import { useClient } from '../../api/client-context.tsx';
import { errorText } from '../../lib/format.ts';
import { formatBytes, UploadCancelled, type UploadControl, uploadFile } from './upload-file.ts';

interface Upload {
  key: number;
  name: string;
  size: number;
  sent: number;
  state: 'sending' | 'stored' | 'duplicate' | 'failed' | 'cancelled';
  message: string;
  file: FileRecord | null;
  control: UploadControl;
}

let nextKey = 1;

export function useUploads(onStored: (file: FileRecord) => void) {
  const client = useClient();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const patch = (key: number, p: Partial<Upload>): void => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...p } : u)));
  const add = (files: readonly File[]): void => {
    for (const file of files) {
      const key = nextKey++;
      const control: UploadControl = { cancelled: false };
      setUploads((all) => [
        { key, name: file.name, size: file.size, sent: 0, state: 'sending', message: '', file: null, control },
        ...all.slice(0, 9),
      ]);
      uploadFile(client, file, {}, (sent) => patch(key, { sent }), control).then(
        (r) => {
          patch(key, {
            state: r.duplicate ? 'duplicate' : 'stored',
            file: r.file,
            message: r.duplicate ? `already in the library as ${r.file.name}` : 'stored',
          });
          if (!r.duplicate) onStored(r.file);
        },
        (err: unknown) =>
          patch(
            key,
            err instanceof UploadCancelled ? { state: 'cancelled', message: 'cancelled' } : { state: 'failed', message: errorText(err) },
          ),
      );
    }
  };
  const dismiss = (key: number): void => setUploads((all) => all.filter((u) => u.key !== key));
  return { uploads, add, dismiss };
}

export function AddFileButton({ onFiles }: { onFiles(files: File[]): void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        className="sr-only"
        aria-label="Choose files to add"
        data-testid="file-input"
        tabIndex={-1}
        onChange={(e) => {
          onFiles([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      <button type="button" className="primary" onClick={() => input.current?.click()}>
        Add files…
      </button>
    </>
  );
}

/** Shows the drop target while files are dragged over the page. */
export function useDropZone(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  const hasFiles = (e: React.DragEvent): boolean => e.dataTransfer.types.includes('Files');
  return {
    over,
    handlers: {
      onDragOver: (e: React.DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(true);
      },
      onDragLeave: (e: React.DragEvent) => {
        if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
        setOver(false);
      },
      onDrop: (e: React.DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        onFiles([...e.dataTransfer.files]);
      },
    },
  };
}

export function UploadList({
  uploads,
  onDismiss,
  onEdit,
}: {
  uploads: Upload[];
  onDismiss(key: number): void;
  onEdit(file: FileRecord): void;
}) {
  if (uploads.length === 0) return null;
  return (
    <ul className="file-uploads" aria-label="Files being added">
      {uploads.map((u) => (
        <li key={u.key} className={`file-upload ${u.state}`} data-upload-state={u.state}>
          <span className="file-upload-name" title={u.name}>
            {u.name}
          </span>
          <progress max={u.size} value={u.sent} aria-label={`${u.name} sent`} />
          <span className="file-upload-size muted">
            {formatBytes(u.sent)} of {formatBytes(u.size)}
          </span>
          <span className="file-upload-outcome" role={u.state === 'failed' ? 'alert' : 'status'}>
            {u.state === 'sending' ? 'Sending…' : u.message}
          </span>
          <span className="file-upload-actions">
            {u.state === 'sending' ? (
              <button type="button" onClick={() => (u.control.cancelled = true)}>
                Cancel
              </button>
            ) : (
              <>
                {u.file !== null && (
                  <button type="button" onClick={() => u.file !== null && onEdit(u.file)}>
                    Edit details…
                  </button>
                )}
                <button type="button" className="icon-button" aria-label={`Dismiss ${u.name}`} onClick={() => onDismiss(u.key)}>
                  ×
                </button>
              </>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
