// One subscriber's fields as the API and the CSV import give them: trimmed, empty meaning none,
// the MAC normalised (aa:bb:cc:dd:ee:ff), each checked with a message that names the field.
// The same checks for PUT /api/subscribers/:accountId and for every CSV row.
import type { Subscriber, SubscriberField } from '../../../../shared/models-provisioning.ts';
import { MASK } from '../../log.ts';

/** What an API result shows instead of a secret (the same mask as the logs). */
export const SECRET_MASK = MASK;

/** Fields holding secrets: masked in every result unless revealed, never logged. */
export const SECRET_FIELDS = ['pppoePassword', 'wifiKey'] as const;

/** The editable fields after checking; undefined: not given (kept on update), null: none. */
export interface CheckedFields {
  name?: string;
  serial?: string | null;
  mac?: string | null;
  pppoeUsername?: string | null;
  pppoePassword?: string | null;
  wifiSsid?: string | null;
  wifiKey?: string | null;
  tags?: string[];
}

export const fieldLabels: Record<SubscriberField, string> = {
  accountId: 'account id',
  name: 'name',
  serial: 'serial number',
  mac: 'MAC address',
  pppoeUsername: 'PPPoE username',
  pppoePassword: 'PPPoE password',
  wifiSsid: 'Wi-Fi name (SSID)',
  wifiKey: 'Wi-Fi password',
  tags: 'tags',
};

/** A MAC in any usual spelling (aa:bb.., AA-BB-.., aabb.ccdd.eeff, aabbccddeeff) as aa:bb:cc:dd:ee:ff; null when it is not one. */
export function normaliseMac(raw: string): string | null {
  const hex = raw.trim().toLowerCase();
  let digits: string;
  if (/^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/.test(hex)) digits = hex.replace(/[:-]/g, '');
  else if (/^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/.test(hex)) digits = hex.replace(/\./g, '');
  else if (/^[0-9a-f]{12}$/.test(hex)) digits = hex;
  else return null;
  return digits.match(/../g)?.join(':') ?? null;
}

export function checkAccountId(raw: string): string {
  const id = raw.trim();
  if (id === '') throw new FieldError('the account id is empty');
  if (id.length > 100) throw new FieldError('the account id is longer than 100 characters');
  if (/[\u0000-\u001f\u007f]/.test(id)) throw new FieldError('the account id holds control characters');
  return id;
}

export class FieldError extends Error {}

const blank = (v: string | null): boolean => v === null || v.trim() === '';

function text(field: SubscriberField, v: string | null | undefined, max: number): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || blank(v)) return null;
  const t = v.trim();
  if ([...t].length > max) throw new FieldError(`the ${fieldLabels[field]} is longer than ${max} characters`);
  if (/[\u0000-\u001f\u007f]/.test(t)) throw new FieldError(`the ${fieldLabels[field]} holds control characters`);
  return t;
}

function serialOf(v: string | null | undefined): string | null | undefined {
  const t = text('serial', v, 64);
  if (typeof t === 'string' && /\s/.test(t)) throw new FieldError(`the serial number '${t}' holds spaces`);
  return t;
}

function macOf(v: string | null | undefined): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || blank(v)) return null;
  const mac = normaliseMac(v);
  if (mac === null) throw new FieldError(`'${v.trim()}' is not a MAC address (write it as aa:bb:cc:dd:ee:ff)`);
  return mac;
}

/** A secret; the mask itself (a masked value sent back unchanged) means "keep the stored one". */
function secretOf(field: SubscriberField, v: string | null | undefined, max: number): string | null | undefined {
  if (v === SECRET_MASK) return undefined;
  if (v === undefined) return undefined;
  if (v === null || v === '') return null;
  if ([...v].length > max) throw new FieldError(`the ${fieldLabels[field]} is longer than ${max} characters`);
  if (/[\u0000-\u001f\u007f]/.test(v)) throw new FieldError(`the ${fieldLabels[field]} holds control characters`);
  return v;
}

function ssidOf(v: string | null | undefined): string | null | undefined {
  const t = text('wifiSsid', v, 64);
  if (typeof t === 'string' && Buffer.byteLength(t, 'utf8') > 32) throw new FieldError(`the Wi-Fi name '${t}' is longer than 32 bytes`);
  return t;
}

function wifiKeyOf(v: string | null | undefined): string | null | undefined {
  const k = secretOf('wifiKey', v, 64);
  if (typeof k !== 'string') return k;
  const ok = /^[0-9a-fA-F]{64}$/.test(k) || (k.length >= 8 && k.length <= 63 && /^[\x20-\x7e]+$/.test(k));
  if (!ok) throw new FieldError('the Wi-Fi password must be 8 to 63 printable ASCII characters (or 64 hex digits)');
  return k;
}

const TAG = /^[\p{L}\p{N} _.:@+-]{1,40}$/u;

function tagsOf(v: string[] | string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const list = (typeof v === 'string' ? v.split(/[|,;]/) : v).map((t) => t.trim()).filter((t) => t !== '');
  for (const t of list)
    if (!TAG.test(t)) throw new FieldError(`the tag '${t}' is not a tag (letters, digits, spaces and _ . : @ + -, at most 40)`);
  if (list.length > 50) throw new FieldError('at most 50 tags');
  return [...new Set(list)].sort();
}

export interface RawFields {
  name?: string | null;
  serial?: string | null;
  mac?: string | null;
  pppoeUsername?: string | null;
  pppoePassword?: string | null;
  wifiSsid?: string | null;
  wifiKey?: string | null;
  tags?: string[] | string;
}

/** Checks every given field; throws FieldError naming the first bad one. */
export function checkFields(raw: RawFields): CheckedFields {
  const out: CheckedFields = {};
  // A name may wrap in a billing export's quoted cell: its line breaks are spaces.
  const name = text('name', typeof raw.name === 'string' ? raw.name.replace(/\s+/g, ' ') : raw.name, 200);
  if (name === null) throw new FieldError('the name is empty');
  if (name !== undefined) out.name = name;
  const set = <K extends keyof CheckedFields>(key: K, value: CheckedFields[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  set('serial', serialOf(raw.serial));
  set('mac', macOf(raw.mac));
  set('pppoeUsername', text('pppoeUsername', raw.pppoeUsername, 128));
  set('pppoePassword', secretOf('pppoePassword', raw.pppoePassword, 128));
  set('wifiSsid', ssidOf(raw.wifiSsid));
  set('wifiKey', wifiKeyOf(raw.wifiKey));
  set('tags', tagsOf(raw.tags));
  return out;
}

/** The subscriber as results show it: secrets masked unless `reveal`. */
export function masked(s: Subscriber, reveal = false): Subscriber {
  if (reveal) return { ...s, tags: [...s.tags] };
  return {
    ...s,
    tags: [...s.tags],
    pppoePassword: s.pppoePassword === null ? null : SECRET_MASK,
    wifiKey: s.wifiKey === null ? null : SECRET_MASK,
  };
}
