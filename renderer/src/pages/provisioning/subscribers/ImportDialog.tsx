// "Import CSV": pick a billing export, see its columns and first rows, the mapping of columns to
// subscriber fields (the core's guess, each editable), a dry run naming every refused line, then
// the import's counts (created, updated, refused). Re-importing updates by account id.
import { useState } from 'react';
import { type SubscriberField, type SubscriberImportResult, subscriberFields } from '../../../../../shared/models-provisioning.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useApiMutation } from '../../../api/queries.ts';
import { type CsvPreview, fieldLabels, previewCsv } from './csv-preview.ts';

type Mapping = Partial<Record<SubscriberField, string>>;

export function ImportDialog({ onClose }: { onClose(): void }) {
  const run = useApiMutation('importSubscribers', ['listSubscribers', 'listWaitingDevices']);
  const [file, setFile] = useState<{ name: string; text: string; preview: CsvPreview } | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [result, setResult] = useState<SubscriberImportResult | null>(null);

  const check = (text: string, map: Mapping | null, dryRun: boolean): void => {
    run.mutate(map === null ? { csv: text, dryRun } : { csv: text, mapping: map, dryRun }, {
      onSuccess: (res) => {
        setResult(res);
        if (map === null) setMapping(res.mapping);
      },
    });
  };

  const pick = async (f: File | undefined): Promise<void> => {
    setResult(null);
    setMapping(null);
    run.reset();
    if (f === undefined) return setFile(null);
    const text = await f.text();
    setFile({ name: f.name, text, preview: previewCsv(text) });
    check(text, null, true);
  };

  const imported = result !== null && !result.dryRun;
  return (
    <ConfirmDialog
      open
      className="subs-import-dialog"
      title="Import subscribers from CSV"
      confirmLabel={imported ? 'Close' : 'Import'}
      cancelLabel={imported ? null : 'Cancel'}
      busy={run.isPending}
      confirmDisabled={!imported && (file === null || mapping === null)}
      onCancel={onClose}
      onConfirm={() => (imported ? onClose() : file !== null && check(file.text, mapping, false))}
    >
      <p className="muted small">
        A billing export with a header line. Rows are matched by account id: a new one is created, a known one updated. Bad lines are
        refused and named; the good ones import.
      </p>
      <label className="subs-file">
        <span>CSV file</span>
        <input type="file" accept=".csv,text/csv,text/plain" disabled={imported} onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {file !== null && <Preview name={file.name} preview={file.preview} secretColumns={secretColumns(file.preview.columns, mapping)} />}
      {file !== null && mapping !== null && !imported && (
        <MappingEditor
          columns={file.preview.columns}
          mapping={mapping}
          onChange={(m) => {
            setMapping(m);
            check(file.text, m, true);
          }}
        />
      )}
      {run.isError && <ErrorAlert error={run.error} title={result === null ? 'The file was refused' : 'Import failed'} />}
      {result !== null && <ImportOutcome result={result} lines={file?.preview.lineCount ?? 0} />}
    </ConfirmDialog>
  );
}

/** The columns mapped to a secret field: masked in the preview until revealed. */
function secretColumns(columns: string[], mapping: Mapping | null): Set<number> {
  const secret = [mapping?.pppoePassword, mapping?.wifiKey].filter((c) => c !== undefined);
  return new Set(columns.flatMap((c, i) => (secret.includes(c) ? [i] : [])));
}

function Preview({ name, preview, secretColumns }: { name: string; preview: CsvPreview; secretColumns: Set<number> }) {
  const [reveal, setReveal] = useState(false);
  return (
    <div className="subs-preview">
      <p className="small">
        <strong>{name}</strong>: {preview.columns.length} column{preview.columns.length === 1 ? '' : 's'}, {preview.lineCount} line
        {preview.lineCount === 1 ? '' : 's'} after the header
        {preview.delimiter !== ',' ? ` (separated by ${preview.delimiter === ';' ? 'semicolons' : 'tabs'})` : ''}.{' '}
        {secretColumns.size > 0 && (
          <button type="button" className="link-button" aria-pressed={reveal} onClick={() => setReveal((r) => !r)}>
            {reveal ? 'Hide passwords and keys' : 'Show passwords and keys'}
          </button>
        )}
      </p>
      <div className="subs-preview-scroll">
        <table className="table compact">
          <caption className="sr-only">The first lines of the file</caption>
          <thead>
            <tr>
              {preview.columns.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns of one header, in order
                <th key={i} scope="col">
                  {c || <span className="muted">(blank)</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of the preview, in order
              <tr key={i}>
                {preview.columns.map((_, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of one row, in order
                  <td key={j} className="mono">
                    {secretColumns.has(j) && !reveal && (r[j] ?? '') !== '' ? '••••••' : (r[j] ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function MappingEditor({ columns, mapping, onChange }: { columns: string[]; mapping: Mapping; onChange(m: Mapping): void }) {
  return (
    <fieldset className="subs-mapping">
      <legend>Columns for each field</legend>
      {subscriberFields.map((f) => (
        <label key={f}>
          <span>{fieldLabels[f]}</span>
          <select
            value={mapping[f] ?? ''}
            onChange={(e) => {
              const next = { ...mapping };
              if (e.target.value === '') delete next[f];
              else next[f] = e.target.value;
              onChange(next);
            }}
          >
            <option value="">(not in the file)</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ))}
    </fieldset>
  );
}

function ImportOutcome({ result: r, lines }: { result: SubscriberImportResult; lines: number }) {
  const good = r.created + r.updated;
  return (
    <div className={`subs-outcome${r.errors.length > 0 ? ' has-errors' : ''}`}>
      <p role="status">
        {r.dryRun ? 'Dry run: ' : 'Imported: '}
        <strong>
          {r.created} new, {r.updated} updated
        </strong>
        {r.errors.length > 0 ? `, ${r.errors.length} line${r.errors.length === 1 ? '' : 's'} refused` : ''}
        {r.dryRun ? ` — nothing written yet${lines > 0 && good === 0 ? '; check the mapping' : ''}.` : '.'}
      </p>
      {r.errors.length > 0 && (
        <ul className="subs-errors" aria-label="Refused lines">
          {r.errors.map((e) => (
            <li key={`${e.line}:${e.message}`}>
              <span className="mono">Line {e.line}</span>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
