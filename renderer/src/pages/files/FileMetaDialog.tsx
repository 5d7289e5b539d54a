// A file's details, after adding it or to correct them: name, TR-069 file type (a standard one or
// a vendor 'X <OUI> <name>'), the version it installs and the devices it is for.
import { useState } from 'react';
import { type FileRecord, standardFileTypes } from '../../../../shared/models-files.ts';
import { useApiMutation } from '../../api/queries.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorText } from '../../lib/format.ts';

const vendor = 'vendor';

export function FileMetaDialog({ file, onClose }: { file: FileRecord; onClose(): void }) {
  const save = useApiMutation('updateFile', ['listFiles', 'getFile']);
  const isStandard = (standardFileTypes as readonly string[]).includes(file.fileType);
  const [form, setForm] = useState({
    name: file.name,
    typeChoice: isStandard ? file.fileType : vendor,
    vendorType: isStandard ? '' : file.fileType,
    version: file.version,
    manufacturer: file.manufacturer,
    oui: file.oui,
    productClass: file.productClass,
  });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setForm({ ...form, [k]: e.target.value });
  const fileType = form.typeChoice === vendor ? form.vendorType.trim() : form.typeChoice;
  const typeOk = form.typeChoice !== vendor || /^X .+/.test(fileType);
  const valid = form.name.trim() !== '' && typeOk;
  return (
    <ConfirmDialog
      open
      title={`Details of ${file.name}`}
      confirmLabel="Save"
      busy={save.isPending}
      confirmDisabled={!valid}
      onCancel={onClose}
      onConfirm={() =>
        save.mutate(
          {
            fileId: file.id,
            name: form.name.trim(),
            fileType,
            version: form.version.trim(),
            manufacturer: form.manufacturer.trim(),
            oui: form.oui.trim(),
            productClass: form.productClass.trim(),
          },
          { onSuccess: onClose },
        )
      }
    >
      <div className="file-form">
        <label>
          <span>Name</span>
          <input type="text" value={form.name} onChange={set('name')} required />
        </label>
        <label>
          <span>File type</span>
          <select value={form.typeChoice} onChange={set('typeChoice')}>
            {standardFileTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
            <option value={vendor}>Vendor specific (X …)</option>
          </select>
        </label>
        {form.typeChoice === vendor && (
          <label>
            <span>Vendor file type</span>
            <input type="text" value={form.vendorType} placeholder="X 00D09E Config" onChange={set('vendorType')} aria-invalid={!typeOk} />
            {!typeOk && <small className="warn-text">Starts with “X ”, then the OUI and a name.</small>}
          </label>
        )}
        <label>
          <span>Version it installs</span>
          <input type="text" value={form.version} placeholder="V1.2.3" onChange={set('version')} />
        </label>
        <label>
          <span>Manufacturer</span>
          <input type="text" value={form.manufacturer} onChange={set('manufacturer')} />
        </label>
        <label>
          <span>OUI</span>
          <input type="text" value={form.oui} placeholder="00D09E" onChange={set('oui')} />
        </label>
        <label>
          <span>Product class</span>
          <input type="text" value={form.productClass} onChange={set('productClass')} />
        </label>
        <p className="muted small file-form-note">
          Devices whose manufacturer, OUI or product class differ are not sent the file. Leave them empty to allow any device.
        </p>
      </div>
      {save.isError && (
        <p className="alert" role="alert">
          {errorText(save.error)}
        </p>
      )}
    </ConfirmDialog>
  );
}
