// Rows both built-in models share: the TR-106 DeviceInfo identity and the ManagementServer
// object, which TR-098 and TR-181 define alike under their own root.
import type { Row } from './builtin-models.ts';

/** DeviceInfo identity of a built-in model; `code` is '098' or '181'. */
export function identityRows(code: string, description: string): Row[] {
  return [
    ['DeviceInfo.Manufacturer', 's', 'DeskACS Labs'],
    ['DeviceInfo.ManufacturerOUI', 's', '0A1B2C'],
    ['DeviceInfo.ModelName', 's', `VirtualGateway ${code}`],
    ['DeviceInfo.Description', 's', description],
    ['DeviceInfo.ProductClass', 's', `VG${code}`],
    ['DeviceInfo.SerialNumber', 's', `VG${code}000001`],
    ['DeviceInfo.HardwareVersion', 's', 'HW-1.0'],
    ['DeviceInfo.SoftwareVersion', 's', '1.0.0'],
    ['DeviceInfo.ProvisioningCode', 'S', ''],
    ['DeviceInfo.UpTime', 'u', '3600'],
    ['DeviceInfo.FirstUseDate', 't', '2026-01-01T00:00:00Z'],
  ];
}

export const MANAGEMENT_SERVER_ROWS: readonly Row[] = [
  ['ManagementServer.URL', 'S', 'http://127.0.0.1:7547/'],
  ['ManagementServer.Username', 'S', ''],
  ['ManagementServer.Password', 'S', ''],
  ['ManagementServer.PeriodicInformEnable', 'B', 'true'],
  ['ManagementServer.PeriodicInformInterval', 'U', '300'],
  ['ManagementServer.PeriodicInformTime', 'T', '0001-01-01T00:00:00Z'],
  ['ManagementServer.ParameterKey', 's', ''],
  ['ManagementServer.ConnectionRequestURL', 's', ''],
  ['ManagementServer.ConnectionRequestUsername', 'S', ''],
  ['ManagementServer.ConnectionRequestPassword', 'S', ''],
  ['ManagementServer.UpgradesManaged', 'B', 'false'],
];
