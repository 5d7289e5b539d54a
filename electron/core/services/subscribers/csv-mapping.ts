// Which CSV column fills which subscriber field: an explicit mapping {field: column} first, then
// the header's names matched by synonyms ('Account', 'account_id', 'PPPoE User', 'SSID',
// 'Wi-Fi password', 'MAC' ...), compared without case, spaces or punctuation.
import { AcsError } from '../../../../shared/errors.ts';
import { subscriberFields, type SubscriberField } from '../../../../shared/models-provisioning.ts';
import { fieldLabels } from './fields.ts';

/** Fields every file must have a column for. */
export const REQUIRED_FIELDS: readonly SubscriberField[] = ['accountId', 'name'];

const SYNONYMS: Record<SubscriberField, string[]> = {
  accountId: [
    'accountid',
    'account',
    'accountno',
    'accountnumber',
    'accountnr',
    'customerid',
    'customerno',
    'customernumber',
    'customer',
    'clientid',
    'clientno',
    'subscriberid',
    'contractid',
    'contract',
    'id',
  ],
  name: ['name', 'fullname', 'customername', 'clientname', 'subscribername', 'subscriber', 'client', 'holder', 'accountname'],
  serial: ['serial', 'serialnumber', 'serialno', 'sn', 'routerserial', 'cpeserial', 'deviceserial', 'ontserial', 'gponserial', 'cpesn'],
  mac: ['mac', 'macaddress', 'routermac', 'cpemac', 'devicemac', 'wanmac', 'basemac', 'macaddr'],
  pppoeUsername: ['pppoeusername', 'pppoeuser', 'pppoelogin', 'pppusername', 'pppuser', 'ppplogin', 'username', 'login', 'user'],
  pppoePassword: ['pppoepassword', 'pppoepass', 'pppoepwd', 'ppppassword', 'ppppass', 'password', 'pass', 'pwd'],
  wifiSsid: ['wifissid', 'ssid', 'wifiname', 'wlanssid', 'wlanname', 'wirelessname', 'wirelessssid', 'networkname', 'wifinetwork'],
  wifiKey: [
    'wifikey',
    'wifipassword',
    'wifipass',
    'wifipsk',
    'wlankey',
    'wlanpassword',
    'wpakey',
    'wpapassword',
    'psk',
    'wirelesskey',
    'wirelesspassword',
    'passphrase',
    'key',
  ],
  tags: ['tags', 'tag', 'labels', 'label', 'groups', 'group'],
};

const squash = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export type ColumnMapping = Partial<Record<SubscriberField, number>>;

/**
 * The column index of each field. An explicit mapping names columns by their header (any case);
 * an unknown column there, or a required field without a column, is a bad_request naming them.
 */
export function mapColumns(header: readonly string[], explicit: Partial<Record<SubscriberField, string>> = {}): ColumnMapping {
  const names = header.map((h) => h.trim());
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  const unknown: string[] = [];
  for (const field of subscriberFields) {
    const column = explicit[field];
    if (column === undefined) continue;
    const index = names.findIndex((n) => n.toLowerCase() === column.trim().toLowerCase());
    if (index < 0) unknown.push(`${field}: '${column}'`);
    else {
      mapping[field] = index;
      taken.add(index);
    }
  }
  if (unknown.length > 0)
    throw new AcsError(
      'bad_request',
      `the mapping names columns the header does not have (${unknown.join(', ')}); the header has: ${names.join(', ')}`,
    );
  const squashed = names.map(squash);
  for (const field of subscriberFields) {
    if (mapping[field] !== undefined) continue;
    for (const synonym of SYNONYMS[field]) {
      const index = squashed.findIndex((n, i) => n === synonym && !taken.has(i));
      if (index >= 0) {
        mapping[field] = index;
        taken.add(index);
        break;
      }
    }
  }
  const missing = REQUIRED_FIELDS.filter((f) => mapping[f] === undefined);
  if (missing.length > 0) {
    const list = missing.map((f) => `${fieldLabels[f]} (${f})`).join(', ');
    throw new AcsError(
      'bad_request',
      `the file has no column for ${list}: the header has ${names.map((n) => `'${n}'`).join(', ')}.` +
        ` Name the columns in 'mapping', e.g. {"accountId": "Customer No", "name": "Customer"}`,
    );
  }
  return mapping;
}
