// "Export CSV": every device of the current view (its filter, its order, its shown columns)
// fetched page by page, then saved from a Blob; the link stays until the next export.
import { useEffect, useRef, useState } from 'react';
import { useClient } from '../../api/client-context.tsx';
import { useToasts } from '../../components/Toasts.tsx';
import { errorText } from '../../lib/format.ts';
import type { Column } from './columns.tsx';
import { csvFileName, csvOf, fetchAllDevices } from './csv.ts';
import type { ListArgs } from './list-state.ts';

interface Exported {
  url: string;
  name: string;
  rows: number;
}

export function ExportButton({ args, columns }: { args: ListArgs; columns: readonly Column[] }) {
  const client = useClient();
  const toasts = useToasts();
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [done, setDone] = useState<Exported | null>(null);
  const abort = useRef<AbortController | null>(null);

  // The Blob lives until the next export or until the page is left.
  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => (done === null ? undefined : () => URL.revokeObjectURL(done.url)), [done]);

  const run = async (): Promise<void> => {
    const controller = new AbortController();
    abort.current = controller;
    setDone(null);
    setProgress({ loaded: 0, total: 0 });
    try {
      const devices = await fetchAllDevices(client, args, (loaded, total) => setProgress({ loaded, total }), controller.signal);
      const now = new Date();
      // A byte-order mark, so spreadsheets read the file as UTF-8.
      const blob = new Blob(['\uFEFF', csvOf(columns, devices, now.getTime())], { type: 'text/csv;charset=utf-8' });
      const file = { url: URL.createObjectURL(blob), name: csvFileName(now), rows: devices.length };
      setDone(file);
      // Saved at once; the link beside the button saves it again.
      const a = document.createElement('a');
      a.href = file.url;
      a.download = file.name;
      a.click();
    } catch (err) {
      if (!controller.signal.aborted) toasts.show(`CSV export failed: ${errorText(err)}`, 'bad');
    } finally {
      setProgress(null);
    }
  };

  return (
    <span className="dev-export">
      <button type="button" disabled={progress !== null} onClick={() => void run()}>
        {progress === null ? 'Export CSV' : `Exporting ${progress.loaded.toLocaleString()} of ${progress.total.toLocaleString()}…`}
      </button>
      {done !== null && (
        <a href={done.url} download={done.name} className="dev-export-link" title={`${done.rows.toLocaleString()} devices`}>
          {done.name}
        </a>
      )}
    </span>
  );
}
