// Adds one file to the library in pieces, the same way over IPC and HTTP: begin, append 2 MiB
// chunks in order (read from the File one slice at a time, so a 500 MB image never sits in
// memory whole), finish (the core hashes it and finds duplicates). A cancel or a failure drops
// the upload on the core so no half file is kept.
import type { AddFileResult } from '../../../../shared/models-files.ts';
import type { ApiClient } from '../../api/api-client.ts';

export const chunkBytes = 2 * 1024 * 1024;

export interface UploadMeta {
  fileType?: string;
  version?: string;
  manufacturer?: string;
  oui?: string;
  productClass?: string;
}

export interface UploadControl {
  /** Set by the caller to stop after the chunk in flight. */
  cancelled: boolean;
}

export class UploadCancelled extends Error {
  constructor() {
    super('upload cancelled');
    this.name = 'UploadCancelled';
  }
}

export async function uploadFile(
  client: ApiClient,
  file: File,
  meta: UploadMeta,
  onProgress: (sent: number, total: number) => void,
  control: UploadControl = { cancelled: false },
): Promise<AddFileResult> {
  const { uploadId } = await client.call('beginFileUpload', { name: file.name, size: file.size, ...meta });
  try {
    let offset = 0;
    onProgress(0, file.size);
    while (offset < file.size) {
      if (control.cancelled) throw new UploadCancelled();
      const end = Math.min(file.size, offset + chunkBytes);
      const chunk = new Uint8Array(await file.slice(offset, end).arrayBuffer());
      const r = await client.call('appendFileUpload', { uploadId, offset, chunk });
      offset = r.received;
      onProgress(offset, file.size);
    }
    if (control.cancelled) throw new UploadCancelled();
    return await client.call('finishFileUpload', { uploadId });
  } catch (err) {
    await client.call('cancelFileUpload', { uploadId }).catch(() => undefined);
    throw err;
  }
}

export { formatBytes } from '../../lib/format.ts';
