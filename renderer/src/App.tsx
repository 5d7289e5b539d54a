import { useEffect, useRef, useState } from 'react';
import type { ApiClient } from './api-client.ts';
import { CpeSetup } from './CpeSetup.tsx';
import { DeviceTable } from './DeviceTable.tsx';
import { HistorySettings } from './HistorySettings.tsx';
import { ParameterList } from './ParameterList.tsx';
import { useApi } from './use-api.ts';

const noArgs = {};
/** Core events arrive in bursts (a CPE's session); refresh at most this often. */
const refreshDelayMs = 500;

export function App({ client }: { client: ApiClient }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [deviceRevision, setDeviceRevision] = useState(0);
  const now = useClock(15_000);
  const selectedRef = useRef(selectedId);
  useEffect(() => {
    selectedRef.current = selectedId;
  }, [selectedId]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let selectedChanged = false;
    const changed = ({ deviceId }: { deviceId: string }): void => {
      if (deviceId === selectedRef.current) selectedChanged = true;
      timer ??= setTimeout(() => {
        timer = undefined;
        setRevision((r) => r + 1);
        if (selectedChanged) setDeviceRevision((r) => r + 1);
        selectedChanged = false;
      }, refreshDelayMs);
    };
    const offs = [client.onEvent('deviceInformed', changed), client.onEvent('sessionEnded', changed), client.onEvent('taskUpdated', changed)];
    return () => {
      for (const off of offs) off();
      clearTimeout(timer);
    };
  }, [client]);

  const info = useApi(client, 'serverInfo', noArgs, revision);

  return (
    <div className="app">
      <header>
        <h1>DeskACS</h1>
        {info.data !== null && (
          <dl>
            <dt>CWMP URL</dt>
            <dd className="mono">{info.data.cwmpUrl}</dd>
            <dt>Devices</dt>
            <dd>{info.data.devices}</dd>
            <dt>Active sessions</dt>
            <dd>{info.data.activeSessions}</dd>
            <dt>Version</dt>
            <dd>{info.data.version}</dd>
          </dl>
        )}
        {info.data !== null && <CpeSetup client={client} urls={info.data.cwmpUrls} />}
        {info.data !== null && <HistorySettings client={client} />}
        <span className="muted transport">{client.transport === 'ipc' ? 'desktop' : 'browser'}</span>
      </header>
      {info.error !== null && <p className="error banner">{info.error}</p>}
      <main className={selectedId === null ? 'single' : 'split'}>
        <DeviceTable client={client} revision={revision} now={now} selectedId={selectedId} onSelect={setSelectedId} />
        {selectedId !== null && (
          <ParameterList
            client={client}
            deviceId={selectedId}
            revision={deviceRevision}
            onClose={() => setSelectedId(null)}
          />
        )}
      </main>
    </div>
  );
}

/** The current time, refreshed every `ms` so "online" and "5 min ago" stay true. */
function useClock(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
