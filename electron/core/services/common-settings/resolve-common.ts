// Settings whose objects are the same in TR-181 and TR-098 under the root (Device. or
// InternetGatewayDevice.): ManagementServer (TR-069 Annex: every CPE has it) and Time.
import { firstOf, unsupported, type Resolution, type Resolutions, type SettingsTree } from './resolution.ts';

type CommonKeys =
  | 'mgmt.url'
  | 'mgmt.periodicInformEnable'
  | 'mgmt.periodicInformInterval'
  | 'mgmt.crUsername'
  | 'mgmt.crPassword'
  | 'ntp.enabled'
  | 'ntp.server'
  | 'time.zone';

/** A parameter of an object: unsupported naming the object when the model has none. */
function ofObject(t: SettingsTree, object: string, params: readonly string[], what: string): Resolution {
  if (!t.has(object)) return unsupported(`this model has no ${object} object`);
  // The Huawei EG8145V5 "no-voip" dump lists InternetGatewayDevice.Time. with nothing read below it.
  if (!t.hasBelow(object)) return unsupported(`nothing below ${object} was read: refresh it first`);
  return firstOf(
    t,
    params.map((p) => object + p),
    what,
  );
}

export function managementAndTime(t: SettingsTree, root: string): Pick<Resolutions, CommonKeys> {
  const ms = `${root}ManagementServer.`;
  const time = `${root}Time.`;
  const tr098 = root === 'InternetGatewayDevice.';
  return {
    'mgmt.url': ofObject(t, ms, ['URL'], 'ACS URL'),
    'mgmt.periodicInformEnable': ofObject(t, ms, ['PeriodicInformEnable'], 'periodic inform on/off'),
    'mgmt.periodicInformInterval': ofObject(t, ms, ['PeriodicInformInterval'], 'periodic inform interval'),
    'mgmt.crUsername': ofObject(t, ms, ['ConnectionRequestUsername'], 'connection-request username'),
    'mgmt.crPassword': ofObject(t, ms, ['ConnectionRequestPassword'], 'connection-request password'),
    // The TP-Link EC220 G5 v3 dump has Time.NTPServer1 but no Time.Enable; the Huawei EG8145V5
    // "no-voip" dump has no Time object at all.
    'ntp.enabled': ofObject(t, time, ['Enable'], 'NTP on/off'),
    'ntp.server': ofObject(t, time, ['NTPServer1'], 'NTP server'),
    // TR-181 names the zone in LocalTimeZone; TR-098's LocalTimeZone is an offset and its
    // LocalTimeZoneName the zone (read-only LocalTimeZone, writable Name on the Nokia dump).
    'time.zone': ofObject(t, time, tr098 ? ['LocalTimeZoneName', 'LocalTimeZone'] : ['LocalTimeZone'], 'time zone'),
  };
}
