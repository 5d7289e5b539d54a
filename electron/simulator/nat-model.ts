// The ManagementServer.STUN* parameters of a simulated CPE behind NAT (TR-181 / TR-098 have
// the same names), and the glue between its data model and SimulatedNat.
import { createServer } from 'node:net';
import type { DeviceModel } from './model.ts';
import type { XsdType } from '../core/cwmp/messages.ts';
import type { NatSettings, NatTarget } from './nat.ts';

const STUN_PARAMETERS: readonly { name: string; value: string; type: XsdType; writable: boolean }[] = [
  { name: 'STUNEnable', value: 'false', type: 'xsd:boolean', writable: true },
  { name: 'STUNServerAddress', value: '', type: 'xsd:string', writable: true },
  { name: 'STUNServerPort', value: '3478', type: 'xsd:unsignedInt', writable: true },
  { name: 'STUNUsername', value: '', type: 'xsd:string', writable: true },
  { name: 'STUNPassword', value: '', type: 'xsd:string', writable: true },
  { name: 'STUNMinimumKeepAlivePeriod', value: '30', type: 'xsd:int', writable: true },
  { name: 'NATDetected', value: 'false', type: 'xsd:boolean', writable: false },
  { name: 'UDPConnectionRequestAddress', value: '', type: 'xsd:string', writable: false },
];

/** Adds the STUN parameters a CPE that supports Annex G has (keeping values already there). */
export function addStunParameters(model: DeviceModel): void {
  const ms = `${model.root()}ManagementServer.`;
  for (const p of STUN_PARAMETERS) {
    if (model.value(ms + p.name) === undefined)
      model.upsert({ path: ms + p.name, object: false, writable: p.writable, value: p.value, type: p.type });
  }
}

/** The device's NAT behaviour read from its current model (a factory reset replaces it). */
export function natTarget(model: () => DeviceModel, onConnectionRequest: () => void): NatTarget {
  const read = (name: string): string => {
    const m = model();
    return m.value(`${m.root()}ManagementServer.${name}`) ?? '';
  };
  return {
    credentials: () => ({ username: read('ConnectionRequestUsername'), password: read('ConnectionRequestPassword') }),
    stun: (): NatSettings => ({
      enabled: read('STUNEnable') === 'true' || read('STUNEnable') === '1',
      server: read('STUNServerAddress'),
      port: Number(read('STUNServerPort')) || 3478,
      username: read('STUNUsername'),
      password: read('STUNPassword'),
    }),
    learnt: (address, port) => {
      const m = model();
      const ms = `${m.root()}ManagementServer.`;
      m.setValue(`${ms}UDPConnectionRequestAddress`, `${address}:${port}`);
      m.setValue(`${ms}NATDetected`, 'true');
    },
    onConnectionRequest,
  };
}

/** A ConnectionRequestURL nothing listens on: a port that was free a moment ago. */
export async function unreachableUrl(serial: string, host: string): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 9;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://${host}:${port}/cr/${encodeURIComponent(serial)}`;
}
