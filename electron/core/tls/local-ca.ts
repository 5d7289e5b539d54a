// A local certificate authority for CWMP over TLS when the operator has no certificate of their
// own: a CA (10 years) kept in <data>/tls/, and a server certificate (2 years) it signs for
// this machine's names and addresses, made anew at each start so a new address is covered.
// CPEs that accept a custom CA are given ca.pem (getCaCertificate); the CA key never leaves
// the data folder. Keys are RSA 2048 from node:crypto (embedded TLS stacks in CPEs rarely
// speak anything else); node-forge builds and signs the X.509 certificates, which node:crypto
// cannot.
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface LocalCaFiles {
  caCertPath: string;
  certPath: string;
  keyPath: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

function rsaKeys(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}

function serial(): string {
  // Positive, 16 bytes: the top bit cleared so DER does not read it as negative.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function newCertificate(publicPem: string, cn: string, now: Date, years: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 3600 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + years * YEAR_MS);
  cert.setSubject([
    { name: 'commonName', value: cn },
    { name: 'organizationName', value: 'DeskACS' },
  ]);
  return cert;
}

/** A new CA: its certificate and private key (PEM). */
export function createCa(now = new Date()): { certPem: string; keyPem: string } {
  const keys = rsaKeys();
  const cert = newCertificate(keys.publicPem, `DeskACS local CA ${hostname()}`, now, 10);
  cert.setIssuer(cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privatePem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

/** A server certificate signed by the CA, for these DNS names and IP addresses. */
export function createServerCertificate(
  ca: { certPem: string; keyPem: string },
  names: { dns: string[]; ips: string[] },
  now = new Date(),
): { certPem: string; keyPem: string } {
  const keys = rsaKeys();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = newCertificate(keys.publicPem, names.dns[0] ?? names.ips[0] ?? 'localhost', now, 2);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...names.dns.map((value) => ({ type: 2, value })), ...names.ips.map((ip) => ({ type: 7, ip }))] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

/** This machine's names and addresses (loopback included), for the server certificate. */
export function machineNames(): { dns: string[]; ips: string[] } {
  const ips = new Set<string>(['127.0.0.1', '::1']);
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.address.startsWith('fe80')) ips.add(a.address);
  }
  const dns = [...new Set([hostname(), 'localhost'].filter((n) => n !== ''))];
  return { dns, ips: [...ips] };
}

function writePrivate(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** Whether a PEM CA certificate is still valid a month from now. */
function caUsable(certPem: string, now: Date): boolean {
  try {
    return new Date(new X509Certificate(certPem).validTo).getTime() > now.getTime() + 30 * 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/**
 * The CA in <dir> (made if missing or expiring) and a fresh server certificate it signs; returns
 * where they are. Synchronous: runs once at start, before the TLS listener.
 */
export function ensureLocalCa(dir: string, names = machineNames(), now = new Date()): LocalCaFiles {
  mkdirSync(dir, { recursive: true });
  const files = {
    caCertPath: join(dir, 'ca.pem'),
    caKeyPath: join(dir, 'ca-key.pem'),
    certPath: join(dir, 'server.pem'),
    keyPath: join(dir, 'server-key.pem'),
  };
  let ca: { certPem: string; keyPem: string } | null = null;
  if (existsSync(files.caCertPath) && existsSync(files.caKeyPath)) {
    const certPem = readFileSync(files.caCertPath, 'utf8');
    if (caUsable(certPem, now)) ca = { certPem, keyPem: readFileSync(files.caKeyPath, 'utf8') };
  }
  if (ca === null) {
    ca = createCa(now);
    writePrivate(files.caKeyPath, ca.keyPem);
    writeFileSync(files.caCertPath, ca.certPem);
  }
  const server = createServerCertificate(ca, names, now);
  writePrivate(files.keyPath, server.keyPem);
  writeFileSync(files.certPath, server.certPem);
  return { caCertPath: files.caCertPath, certPath: files.certPath, keyPath: files.keyPath };
}
