// What a push would do, in numbers, before anything starts: devices selected, which models match
// the file, how many are skipped (already on its version), how many are offline (queued).
import type { PushPreview } from '../../../../shared/models-files.ts';
import { devicesText } from '../devices/words.ts';

export function PushPreviewView({ preview: p }: { preview: PushPreview }) {
  const models = p.models.map((m) => `${m.modelName || 'unknown model'} (${m.count})`).join(', ');
  const mismatched = p.mismatched.models.map((m) => `${m.modelName || 'unknown model'} (${m.count})`).join(', ');
  return (
    <div className="push-preview" data-testid="push-preview">
      <dl className="push-numbers">
        <div data-n="selected">
          <dt>Selected</dt>
          <dd>{p.selected.toLocaleString()}</dd>
        </div>
        <div data-n="toUpgrade" className="push-main">
          <dt>Will get the file</dt>
          <dd>{p.toUpgrade.toLocaleString()}</dd>
        </div>
        <div data-n="alreadyCurrent">
          <dt>Already on {p.file.version || 'this version'} (skipped)</dt>
          <dd>{p.alreadyCurrent.toLocaleString()}</dd>
        </div>
        <div data-n="mismatched">
          <dt>Other models (not sent)</dt>
          <dd>{p.mismatched.count.toLocaleString()}</dd>
        </div>
        <div data-n="offline">
          <dt>Offline (get it at their next contact)</dt>
          <dd>{p.offline.toLocaleString()}</dd>
        </div>
      </dl>
      {models !== '' && (
        <p className="small">
          <span className="muted">Models matching the file:</span> {models}
        </p>
      )}
      {p.mismatched.count > 0 && (
        <p className="small warn-text">
          {devicesText(p.mismatched.count)} {p.mismatched.count === 1 ? 'does' : 'do'} not match the file’s{' '}
          {[p.file.manufacturer && 'manufacturer', p.file.oui && 'OUI', p.file.productClass && 'product class']
            .filter(Boolean)
            .join(' / ') || 'metadata'}
          {mismatched !== '' && `: ${mismatched}`}.
        </p>
      )}
      {p.toUpgrade === 0 && <p className="alert-inline warn-text">No device would receive this file.</p>}
    </div>
  );
}
