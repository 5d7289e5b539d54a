// getCaCertificate: the local CA's certificate for installers to load into CPEs that accept a
// custom CA. Only the certificate: the CA key never leaves <data>/tls/.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AcsError } from '../../../shared/errors.ts';
import type { CaCertificate } from '../../../shared/models-reach.ts';

export function caCertificate(path: string | null, cwmpTlsUrl: string | null): CaCertificate {
  if (path === null) {
    throw new AcsError(
      'not_found',
      cwmpTlsUrl === null
        ? 'CWMP over TLS is off: start DeskACS with a TLS port (serve --tls-port 7548)'
        : "CWMP over TLS uses the operator's own certificate: there is no local CA",
    );
  }
  const pem = readFileSync(path, 'utf8');
  const cert = new X509Certificate(pem);
  return { pem, subject: cert.subject, fingerprint256: cert.fingerprint256, validTo: new Date(cert.validTo).toISOString(), cwmpTlsUrl };
}
