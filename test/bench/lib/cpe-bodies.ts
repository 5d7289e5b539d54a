// Inform bodies as a CPE sends them, rendered once by the simulator's own writer (so the ACS
// parses exactly what the simulator would send) and replayed as bytes by the load driver.
import type { InformRequest, ParameterValue } from '../../../electron/core/cwmp/messages.ts';
import { builtinModel, deviceIdentity, informParameters, setSerialNumber, writeCpeMessage } from '../../../electron/simulator/index.ts';
import { deviceIdOf } from '../../../electron/core/store/index.ts';
import { renderPost } from './raw-client.ts';

/** The built-in TR-098 gateway's forced-inform parameters plus two, i.e. 15 per Inform. */
const EXTRA: readonly string[] = ['InternetGatewayDevice.DeviceInfo.UpTime', 'InternetGatewayDevice.LANDevice.1.WLANConfiguration.1.SSID'];

const base = builtinModel('tr098');

export interface RenderedInform {
  serial: string;
  deviceId: string;
  /** The whole HTTP request (head + body), without credentials. */
  request: Buffer;
  /** The SOAP body alone (to send again with an Authorization header). */
  body: Buffer;
  bodyBytes: number;
  parameters: number;
}

export function informFor(serial: string, events: readonly string[], at = new Date()): InformRequest {
  const model = base.clone();
  setSerialNumber(model, serial);
  const parameterList: ParameterValue[] = informParameters(model);
  for (const name of EXTRA) {
    const node = model.get(name);
    if (node !== undefined && !node.object) parameterList.push({ name, value: node.value, type: node.type });
  }
  return {
    name: 'Inform',
    deviceId: deviceIdentity(model),
    events: events.map((code) => ({ code, commandKey: '' })),
    maxEnvelopes: 1,
    currentTime: at.toISOString(),
    retryCount: 0,
    parameterList,
  };
}

export function renderInform(host: string, serial: string, events: readonly string[]): RenderedInform {
  const inform = informFor(serial, events);
  const body = Buffer.from(writeCpeMessage(inform, { id: `bench-${serial}` }));
  return {
    serial,
    deviceId: deviceIdOf(inform.deviceId),
    request: renderPost(host, '/', body),
    body,
    bodyBytes: body.length,
    parameters: inform.parameterList.length,
  };
}

/** The empty POST that hands the session to the ACS, echoing its cookie (and credentials). */
export function renderEmptyPost(host: string, cookie: string | null, authorization?: string): Buffer {
  const auth = authorization === undefined ? '' : `Authorization: ${authorization}\r\n`;
  return renderPost(host, '/', '', `${cookie === null ? '' : `Cookie: ${cookie}\r\n`}${auth}`);
}
