// "Set a parameter on all selected": one path, one value, its type; one setParameterValues task
// per device. Devices that do not know the path (or where it is read-only) are refused by the
// core, each with its reason, and shown after.
import { useId, useState } from 'react';
import type { CreateTasksResult } from '../../../../shared/models-fleet.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorText } from '../../lib/format.ts';
import type { BulkTarget } from './BulkDialogs.tsx';
import type { RunBulkTask } from './use-bulk-tasks.ts';
import { devicesText } from './words.ts';

const types = [
  { value: '', label: 'As each device reports it' },
  { value: 'xsd:string', label: 'string' },
  { value: 'xsd:boolean', label: 'boolean' },
  { value: 'xsd:unsignedInt', label: 'unsignedInt' },
  { value: 'xsd:int', label: 'int' },
  { value: 'xsd:dateTime', label: 'dateTime' },
] as const;

/** Why the value does not fit the type, or null (the core checks again per device). */
export function valueProblem(value: string, type: string): string | null {
  if (type === 'xsd:boolean' && !/^(true|false|1|0)$/i.test(value)) return 'A boolean is true, false, 1 or 0.';
  if (type === 'xsd:unsignedInt' && !/^\d+$/.test(value)) return 'An unsignedInt is a whole number of 0 or more.';
  if (type === 'xsd:int' && !/^-?\d+$/.test(value)) return 'An int is a whole number.';
  if (type === 'xsd:dateTime' && Number.isNaN(Date.parse(value))) return 'A dateTime looks like 2026-12-01T08:00:00Z.';
  return null;
}

export interface SetParameterDialogProps {
  target: BulkTarget;
  run: RunBulkTask;
  onClose(result: CreateTasksResult | null): void;
}

export function SetParameterDialog({ target, run, onClose }: SetParameterDialogProps) {
  const [path, setPath] = useState('');
  const [value, setValue] = useState('');
  const [type, setType] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const hintId = useId();
  const cleanPath = path.trim();
  const pathProblem = cleanPath.endsWith('.') ? 'That is an object path; give a parameter (no trailing dot).' : null;
  const problem = pathProblem ?? valueProblem(value, type);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const tuple = type === '' ? [cleanPath, value] : [cleanPath, value, type];
      const leaf = cleanPath.split('.').pop() ?? cleanPath;
      onClose(
        await run(
          target.selection,
          { name: 'setParameterValues', values: [tuple] },
          { doing: `Setting ${leaf} on`, finished: `Setting ${leaf} on` },
        ),
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog
      open
      title={`Set a parameter on ${devicesText(target.count)}`}
      confirmLabel={`Set on ${devicesText(target.count)}`}
      busy={busy}
      confirmDisabled={cleanPath === '' || problem !== null}
      onCancel={() => onClose(null)}
      onConfirm={() => void confirm()}
    >
      <div className="form-grid">
        <label>
          <span>Parameter path</span>
          <input
            type="text"
            className="mono"
            required
            value={path}
            placeholder="Device.ManagementServer.PeriodicInformInterval"
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => setPath(e.target.value)}
          />
        </label>
        <label>
          <span>Value</span>
          <input
            type="text"
            className="mono"
            value={value}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={hintId}
            onChange={(e) => setValue(e.target.value)}
          />
        </label>
        <label>
          <span>Type</span>
          <select value={type} onChange={(e) => setType(e.target.value)}>
            {types.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id={hintId} className={problem !== null && cleanPath !== '' ? 'alert-inline' : 'muted'}>
        {problem !== null && cleanPath !== ''
          ? problem
          : 'One task per device, woken now by a connection request; devices without this parameter are refused and listed.'}
      </p>
      {error !== null && (
        <p className="alert" role="alert">
          {errorText(error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
