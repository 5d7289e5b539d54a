// Wi-Fi settings on TR-098: InternetGatewayDevice.LANDevice.{i}.WLANConfiguration.{j}, the band
// told by the WLAN itself (OperatingFrequencyBand, Huawei X_HW_RFBand, TP-Link X_TP_Band), else
// its channel, its possible channels or its standard. Instance numbers are discovered: Huawei
// EG8145V5/X6 and ZTE H199A dumps put 5 GHz at WLANConfiguration.5, Nokia G-1425G-A at 5-8, and
// the Intelbras W5-2100G dump has 5 GHz at instance 1 and 2.4 GHz at 2.
import type { ParamTree } from '../device-summary-tree.ts';
import { bandFrom, shortName, under, unsupported, type Resolution } from './resolution.ts';

const IGD = 'InternetGatewayDevice.';
type Band = '2.4 GHz' | '5 GHz';
const OWN_BAND = ['OperatingFrequencyBand', 'X_HW_RFBand', 'X_TP_Band', 'X_ZTE-COM_Band', 'X_ALU-COM_Band'];

/**
 * Where the WPA passphrase lives, most specific first: the WLAN's KeyPassphrase, the first
 * pre-shared key's KeyPassphrase, TP-Link's X_TP_PreSharedKey (EC220 G5 v2 dump: the only key
 * parameter), and last PreSharedKey.1.PreSharedKey, the one key parameter of the Huawei BM632w
 * dump (TR-098 defines it as the hex PSK; such models take the passphrase there).
 */
const KEY_PARAMS = ['KeyPassphrase', 'PreSharedKey.1.KeyPassphrase', 'X_TP_PreSharedKey', 'PreSharedKey.1.PreSharedKey'];

/** The band's main WLAN: the lowest-numbered one of that band not marked guest (Nokia X_ALU_COM_IsGuestSSID). */
function mainWlan(t: ParamTree, band: Band): string | { unsupported: string } {
  const wlans = t.instances(`${IGD}LANDevice.`).flatMap((lan) => t.instances(`${lan}WLANConfiguration.`));
  if (wlans.length === 0) return unsupported('no WLANConfiguration on this device');
  const bands = new Map(wlans.map((w) => [w, bandFrom(t, w, OWN_BAND, 'Standard')]));
  const main = wlans.find((w) => bands.get(w) === band && t.flag(`${w}X_ALU_COM_IsGuestSSID`) !== true);
  if (main !== undefined) return main;
  const unknown = wlans.filter((w) => bands.get(w) === '');
  return unsupported(
    unknown.length > 0
      ? `cannot tell which WLAN is ${band}: ${unknown.map((w) => shortName(w, IGD)).join(', ')} state no band, channel or standard`
      : `no ${band} radio on this device`,
  );
}

export function wifiTr098(t: ParamTree, band: Band): { ssid: Resolution; key: Resolution; enabled: Resolution; channel: Resolution } {
  const w = mainWlan(t, band);
  return {
    ssid: under(w, 'SSID', `${band} SSID`, t),
    key: under(w, KEY_PARAMS, `${band} Wi-Fi key`, t),
    enabled: under(w, 'Enable', `${band} WLAN on/off`, t),
    channel: under(w, 'Channel', `${band} channel`, t),
  };
}
