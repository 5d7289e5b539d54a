// Wi-Fi settings on TR-181: Device.WiFi.Radio.{i} (its band) <- SSID.{j}.LowerLayers <-
// AccessPoint.{k}.SSIDReference -> Security.KeyPassphrase. Instance numbers are discovered:
// on the TP-Link EX220 and XX230v dumps the 5 GHz main SSID is SSID.3 (SSID.2 is the 2.4 GHz
// guest network), and TP-Link marks each access point's role in X_TP_APType.
import { bandOf, bandOfChannel, bandOfStandard, firstBand, type ParamTree } from '../device-summary-tree.ts';
import { bandOfChannels, shortName, under, unsupported, type Resolution } from './resolution.ts';

const D = 'Device.';
type Band = '2.4 GHz' | '5 GHz';

/** A radio's band: its OperatingFrequencyBand, a single SupportedFrequencyBands, its channel(s), its standards. */
function radioBand(t: ParamTree, radio: string): string {
  const supported = t.text(`${radio}SupportedFrequencyBands`) ?? '';
  return firstBand(
    bandOf(t.text(`${radio}OperatingFrequencyBand`)),
    supported.includes(',') ? '' : bandOf(supported),
    bandOfChannel(t.count(`${radio}Channel`)),
    bandOfChannels(t.text(`${radio}PossibleChannels`)),
    bandOfStandard(t.text(`${radio}OperatingStandards`)),
  );
}

/**
 * Not the subscriber's main network: a guest, backhaul or public access point (TP-Link
 * X_TP_APType other than Primary, EX220/EC220 dumps; Nokia-style X_ALU_COM_IsGuestSSID).
 */
function secondary(t: ParamTree, ap: string | null): boolean {
  if (ap === null) return false;
  const type = t.text(`${ap}X_TP_APType`);
  return (type !== null && type.toLowerCase() !== 'primary') || t.flag(`${ap}X_ALU_COM_IsGuestSSID`) === true;
}

interface MainWifi {
  ssid: string;
  radio: string;
  ap: string | null;
}

/** The band's main SSID: the lowest-numbered SSID on a radio of that band that is not secondary. */
function mainWifi(t: ParamTree, band: Band): MainWifi | { unsupported: string } {
  const radios = t.instances(`${D}WiFi.Radio.`);
  if (radios.length === 0) return unsupported(t.has(`${D}WiFi.`) ? 'no Wi-Fi radio on this device' : 'this model has no Device.WiFi.');
  const bands = new Map(radios.map((r) => [r, radioBand(t, r)]));
  const ofBand = radios.filter((r) => bands.get(r) === band);
  if (ofBand.length === 0) {
    const unknown = radios.filter((r) => bands.get(r) === '');
    return unsupported(
      unknown.length > 0
        ? `cannot tell which radio is ${band}: ${unknown.map((r) => shortName(r, D)).join(', ')} state no band, channel or standard`
        : `no ${band} radio on this device`,
    );
  }
  const aps = t.instances(`${D}WiFi.AccessPoint.`);
  const candidates: MainWifi[] = [];
  for (const ssid of t.instances(`${D}WiFi.SSID.`)) {
    const radio = t.refs(`${ssid}LowerLayers`).find((l) => ofBand.includes(l));
    if (radio === undefined) continue;
    const ap = aps.find((a) => t.refs(`${a}SSIDReference`).includes(ssid)) ?? null;
    if (!secondary(t, ap)) candidates.push({ ssid, radio, ap });
  }
  return candidates[0] ?? unsupported(`no SSID runs on the ${band} radio (${ofBand.map((r) => shortName(r, D)).join(', ')})`);
}

export function wifiTr181(t: ParamTree, band: Band): { ssid: Resolution; key: Resolution; enabled: Resolution; channel: Resolution } {
  const w = mainWifi(t, band);
  if ('unsupported' in w) return { ssid: w, key: w, enabled: w, channel: w };
  const ap = w.ap ?? unsupported(`no access point refers to ${shortName(w.ssid, D)}`);
  return {
    ssid: under(w.ssid, 'SSID', `${band} SSID`, t),
    key: under(ap, ['Security.KeyPassphrase', 'Security.PreSharedKey'], `${band} Wi-Fi key`, t),
    enabled: under(w.ssid, 'Enable', `${band} SSID on/off`, t),
    channel: under(w.radio, 'Channel', `${band} channel`, t),
  };
}
