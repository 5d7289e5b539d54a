// Devices behind NAT and CWMP over HTTPS: the STUN server's UDP port (UDP connection requests),
// the https:// ACS URL of the TLS listener, the local CA certificate to install on CPEs that
// check the ACS's certificate, and whether Basic CPE authentication is still accepted over plain HTTP.
import { useEffect, useState } from 'react';
import type { CaCertificate } from '../../../../shared/models-reach.ts';
import type { ServerInfo } from '../../../../shared/models.ts';
import { useApiMutation, useApiQuery } from '../../api/queries.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { errorText, formatTime } from '../../lib/format.ts';
import { SettingsSection } from './SettingsSection.tsx';
import { TlsSettings } from './TlsForm.tsx';

export function NetworkSection() {
  const info = useApiQuery('serverInfo', {});
  return (
    <SettingsSection
      id="network"
      intro="For CPEs behind the operator's NAT or CGNAT, which an HTTP connection request cannot reach, and for CPEs configured with an https:// ACS URL."
    >
      <QueryView query={info} loading="Loading…">
        {(data) => (
          <>
            <Stun port={data.stunPort} />
            <Tls info={data} />
          </>
        )}
      </QueryView>
    </SettingsSection>
  );
}

function Stun({ port }: { port: number | null }) {
  return (
    <>
      <h3>STUN server</h3>
      {port === null ? (
        <p className="note warn">
          Off: devices behind NAT can only run queued tasks at their next periodic inform. Start DeskACS with <code>--stun-port 3478</code>{' '}
          to wake them with UDP connection requests.
        </p>
      ) : (
        <p>
          Listening on <strong>UDP port {port}</strong>. Turn STUN on for a device from its Reachability tab (Enable STUN): it then tells
          DeskACS its public UDP address, and DeskACS wakes it with UDP connection requests. Firewalls on this computer must let UDP port{' '}
          {port} in.
        </p>
      )}
    </>
  );
}

function Tls({ info }: { info: ServerInfo }) {
  return (
    <>
      <h3>CWMP over HTTPS</h3>
      {info.cwmpTlsUrl === null ? (
        <p className="muted">Off: CPEs whose ACS URL is https:// cannot reach DeskACS. Choose a port below to accept them.</p>
      ) : (
        <p className="network-url">
          <code className="url">{info.cwmpTlsUrl}</code> <CopyButton value={info.cwmpTlsUrl} what={`URL ${info.cwmpTlsUrl}`} />
        </p>
      )}
      <TlsSettings />
      {info.cwmpTlsUrl !== null &&
        (info.localCa ? (
          <LocalCa />
        ) : (
          <p className="muted small">The certificate is your own: DeskACS uses a new pair as soon as the files change on disk.</p>
        ))}
      {info.cwmpTlsUrl !== null && <BasicOverHttp />}
    </>
  );
}

function LocalCa() {
  const ca = useApiQuery('getCaCertificate', {});
  return (
    <>
      <h3>Local CA certificate</h3>
      <p className="small">
        DeskACS signed its HTTPS certificate with a CA of its own. CPEs that check the ACS's certificate refuse it until this CA certificate
        is installed on them (often under Security, Certificates or TR-069 → CA certificate); CPEs that do not check accept it as it is.
        CPEs that only trust public CAs need a certificate of your own (the files below).
      </p>
      <QueryView query={ca} loading="Reading the CA certificate…">
        {(c) => <CaDetails ca={c} />}
      </QueryView>
    </>
  );
}

function CaDetails({ ca }: { ca: CaCertificate }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => () => void (url !== null && URL.revokeObjectURL(url)), [url]);
  const download = (): void => {
    const next = URL.createObjectURL(new Blob([ca.pem], { type: 'application/x-pem-file' }));
    setUrl(next);
    const a = document.createElement('a');
    a.href = next;
    a.download = 'deskacs-ca.pem';
    a.click();
  };
  return (
    <>
      <dl className="kv network-ca">
        <div>
          <dt>Subject</dt>
          <dd>{ca.subject}</dd>
        </div>
        <div>
          <dt>SHA-256</dt>
          <dd className="mono wrap-anywhere">{ca.fingerprint256}</dd>
        </div>
        <div>
          <dt>Valid until</dt>
          <dd>{formatTime(ca.validTo)}</dd>
        </div>
      </dl>
      <p>
        <button type="button" onClick={download}>
          Download CA certificate (PEM)
        </button>
      </p>
    </>
  );
}

function BasicOverHttp() {
  const auth = useApiQuery('getCpeAuth', {});
  const save = useApiMutation('setCpeAuth', ['getCpeAuth']);
  const allowed = auth.data?.allowBasicOverHttp === true;
  return (
    <>
      <label className="network-check">
        <input
          type="checkbox"
          checked={allowed}
          disabled={auth.data === undefined || save.isPending}
          onChange={(e) => save.mutate({ allowBasicOverHttp: e.target.checked })}
        />{' '}
        Still accept Basic authentication over plain HTTP
      </label>
      <p className="muted small">
        While HTTPS is on, a CPE that sends its password with Basic over plain HTTP (readable by anyone on the path) is asked for Digest
        instead. Allow it only for CPEs that cannot do Digest or HTTPS.
      </p>
      {save.isError && (
        <p role="alert" className="alert-inline">
          {errorText(save.error)}
        </p>
      )}
    </>
  );
}
