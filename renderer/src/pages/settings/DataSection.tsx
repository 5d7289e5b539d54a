// Where DeskACS keeps its data, and which version is running.
import { useApiQuery } from '../../api/queries.ts';
import { useClient } from '../../api/client-context.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SettingsSection } from './SettingsSection.tsx';

export function DataSection() {
  const info = useApiQuery('serverInfo', {});
  const client = useClient();
  return (
    <SettingsSection
      id="data"
      intro="Everything DeskACS knows (devices, parameters, history, settings) is in one folder. Back it up by copying the folder while DeskACS is stopped."
    >
      {info.isPending && <p className="muted">Loading…</p>}
      {info.isError && <ErrorAlert error={info.error} onRetry={() => void info.refetch()} />}
      {info.data !== undefined && (
        <dl className="kv">
          <div>
            <dt>Data folder</dt>
            <dd>
              <span className="secret-value">
                <code className="wrap-anywhere">{info.data.dataDir}</code>
                <CopyButton value={info.data.dataDir} what="data folder path" />
              </span>
            </dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd>
              DeskACS {info.data.version} <span className="muted">({client.transport === 'ipc' ? 'desktop app' : 'browser mode'})</span>
            </dd>
          </div>
          <div>
            <dt>CWMP listener</dt>
            <dd>
              <code className="wrap-anywhere">{info.data.cwmpUrl}</code>
            </dd>
          </div>
          <div>
            <dt>JSON API</dt>
            <dd>
              {info.data.apiUrl === '' ? <span className="muted">off</span> : <code className="wrap-anywhere">{info.data.apiUrl}</code>}
            </dd>
          </div>
        </dl>
      )}
    </SettingsSection>
  );
}
