// Who the simulated device says it is (Inform DeviceId, TR-069 A.3.3.1) and which parameters it
// puts in every Inform ParameterList (the "Forced Inform" parameters of TR-098 / TR-181).

import type { DeviceId, ParameterValue } from '../core/cwmp/messages.ts';
import type { DeviceModel } from './model.ts';

/** DeviceId from DeviceInfo; empty strings where the model lacks a field. */
export function deviceIdentity(model: DeviceModel): DeviceId {
  const info = `${model.root()}DeviceInfo.`;
  return {
    manufacturer: model.value(`${info}Manufacturer`) ?? '',
    oui: model.value(`${info}ManufacturerOUI`) ?? '',
    productClass: model.value(`${info}ProductClass`) ?? '',
    serialNumber: model.value(`${info}SerialNumber`) ?? '',
  };
}

/** Gives the device its own serial number, so N devices cloned from one model stay distinct. */
export function setSerialNumber(model: DeviceModel, serial: string): void {
  const path = `${model.root()}DeviceInfo.SerialNumber`;
  if (!model.setValue(path, serial)) {
    model.upsert({ path, object: false, writable: false, value: serial, type: 'xsd:string' });
  }
}

const COMMON = [
  'DeviceInfo.Manufacturer',
  'DeviceInfo.ManufacturerOUI',
  'DeviceInfo.ProductClass',
  'DeviceInfo.SerialNumber',
  'DeviceInfo.HardwareVersion',
  'DeviceInfo.SoftwareVersion',
  'DeviceInfo.ProvisioningCode',
  'ManagementServer.ConnectionRequestURL',
  'ManagementServer.ParameterKey',
  'ManagementServer.UDPConnectionRequestAddress',
  'ManagementServer.PeriodicInformInterval',
];
const IGD_ONLY = ['DeviceSummary', 'DeviceInfo.SpecVersion'];
const DEVICE_ONLY = ['RootDataModelVersion', 'IP.Interface.1.IPv4Address.1.IPAddress'];
const WAN_ADDRESS = /^InternetGatewayDevice\.WANDevice\.\d+\.WANConnectionDevice\.\d+\.WAN(IP|PPP)Connection\.\d+\.ExternalIPAddress$/;

/** The first WAN connection's ExternalIPAddress that has a value (TR-098 forced inform). */
function igdWanAddress(model: DeviceModel): string | undefined {
  let fallback: string | undefined;
  for (const node of model.descendants('InternetGatewayDevice.WANDevice.')) {
    if (node.object || !WAN_ADDRESS.test(node.path)) continue;
    if (node.value !== '') return node.path;
    fallback ??= node.path;
  }
  return fallback;
}

/** The Inform ParameterList: forced-inform parameters present in the model, in a stable order. */
export function informParameters(model: DeviceModel): ParameterValue[] {
  const root = model.root();
  const names = [...(root === 'Device.' ? DEVICE_ONLY : IGD_ONLY), ...COMMON].map((n) => root + n);
  if (root === 'InternetGatewayDevice.') {
    const wan = igdWanAddress(model);
    if (wan) names.push(wan);
  }
  const out: ParameterValue[] = [];
  for (const name of names) {
    const node = model.get(name);
    if (node && !node.object) out.push({ name, value: node.value, type: node.type });
  }
  return out;
}
