// The last step: the report of the installation (device, subscriber, settings applied with
// secrets masked, checks, time), as printable HTML or a PDF. Offered at any time; before the
// checklist is done it says so, since the report then records an unfinished job.
import { useState } from 'react';
import type { DeviceProvisioning } from '../../../../../shared/models-provisioning.ts';
import { useClient } from '../../../api/client-context.tsx';
import { errorText } from '../../../lib/format.ts';
import { openHtml, pdfBlob, reportName, saveBlob } from './report.ts';

export function ReportStep({ deviceId, serial, state }: { deviceId: string; serial: string; state: DeviceProvisioning['state'] | null }) {
  const client = useClient();
  const [busy, setBusy] = useState<'html' | 'pdf' | null>(null);
  const [said, setSaid] = useState<{ text: string; bad: boolean } | null>(null);

  const run = async (kind: 'html' | 'pdf'): Promise<void> => {
    setBusy(kind);
    setSaid(null);
    try {
      if (kind === 'html') {
        const r = await client.call('getProvisioningReport', { id: deviceId });
        const opened = openHtml(r.html, reportName(serial, new Date(r.generatedAt), 'html'));
        setSaid({ text: opened ? 'Report opened in a new window: print it from there.' : 'Report saved as an HTML file.', bad: false });
      } else {
        const r = await client.call('getProvisioningReport', { id: deviceId, format: 'pdf' });
        if (r.pdfBase64 === undefined) throw new Error('the core sent no PDF');
        saveBlob(pdfBlob(r.pdfBase64), reportName(serial, new Date(r.generatedAt), 'pdf'));
        setSaid({ text: 'PDF saved.', bad: false });
      }
    } catch (err) {
      setSaid({ text: `The report could not be made: ${errorText(err)}`, bad: true });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel installer-step" aria-labelledby="report-title">
      <h2 id="report-title">
        <span className="step-no">4</span> Report
      </h2>
      <p className="small muted">
        {state === 'done'
          ? 'Everything is done: leave the customer a copy.'
          : state === 'failed'
            ? 'Something failed: the report will say what.'
            : 'Not finished yet: the report records the job as it is now.'}
      </p>
      <div className="report-actions">
        <button
          type="button"
          className={state === 'done' ? 'primary' : undefined}
          disabled={busy !== null}
          onClick={() => void run('html')}
        >
          {busy === 'html' ? 'Opening…' : 'Open printable report'}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void run('pdf')}>
          {busy === 'pdf' ? 'Saving…' : 'Download PDF'}
        </button>
      </div>
      {said !== null && (
        <p className={`small${said.bad ? ' alert-inline' : ''}`} role={said.bad ? 'alert' : 'status'}>
          {said.text}
        </p>
      )}
    </section>
  );
}
