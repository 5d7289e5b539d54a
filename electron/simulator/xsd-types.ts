// Value checks for the XML Schema types TR-069 parameters use (TR-069 Annex A.2.1 / TR-106 3.2).
// A CPE answers a SetParameterValues whose value does not fit the parameter's type with 9007.

import type { XsdType } from '../core/cwmp/messages.ts';

const CANONICAL: Record<string, XsdType> = {
  'xsd:string': 'xsd:string',
  'xsd:int': 'xsd:int',
  'xsd:unsignedint': 'xsd:unsignedInt',
  'xsd:long': 'xsd:long',
  'xsd:unsignedlong': 'xsd:unsignedLong',
  'xsd:boolean': 'xsd:boolean',
  'xsd:datetime': 'xsd:dateTime',
  'xsd:base64': 'xsd:base64',
  'xsd:base64binary': 'xsd:base64',
  'xsd:hexbinary': 'xsd:hexBinary',
};

/** Normalises a type name as found in dumps ('xsd:unsignedint', 'unsignedInt', '') to XsdType. */
export function normaliseXsdType(raw: string): XsdType {
  const trimmed = raw.trim();
  if (trimmed === '') return 'xsd:string';
  const withPrefix = trimmed.includes(':') ? `xsd:${trimmed.slice(trimmed.indexOf(':') + 1)}` : `xsd:${trimmed}`;
  return CANONICAL[withPrefix.toLowerCase()] ?? 'xsd:string';
}

function inRange(text: string, min: bigint, max: bigint): boolean {
  if (!/^[+-]?\d+$/.test(text)) return false;
  const n = BigInt(text);
  return n >= min && n <= max;
}

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** True when `value` is a valid lexical form of `type`. */
export function isValidValue(type: XsdType, value: string): boolean {
  const v = value.trim();
  switch (type) {
    case 'xsd:string':
      return true;
    case 'xsd:boolean':
      return v === 'true' || v === 'false' || v === '0' || v === '1';
    case 'xsd:int':
      return inRange(v, -(2n ** 31n), 2n ** 31n - 1n);
    case 'xsd:unsignedInt':
      return inRange(v, 0n, 2n ** 32n - 1n);
    case 'xsd:long':
      return inRange(v, -(2n ** 63n), 2n ** 63n - 1n);
    case 'xsd:unsignedLong':
      return inRange(v, 0n, 2n ** 64n - 1n);
    case 'xsd:dateTime':
      return DATE_TIME.test(v);
    case 'xsd:base64':
      return v.replace(/\s+/g, '').length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(v.replace(/\s+/g, ''));
    case 'xsd:hexBinary':
      return v.length % 2 === 0 && /^[0-9A-Fa-f]*$/.test(v);
  }
}

/** The value a CPE stores after accepting `value`: booleans become 'true'/'false', numbers lose '+'. */
export function canonicalValue(type: XsdType, value: string): string {
  const v = value.trim();
  if (type === 'xsd:boolean') return v === '1' || v === 'true' ? 'true' : 'false';
  if (type === 'xsd:int' || type === 'xsd:unsignedInt' || type === 'xsd:long' || type === 'xsd:unsignedLong') {
    return BigInt(v).toString();
  }
  return type === 'xsd:string' ? value : v;
}

/** The default value of a freshly created parameter of `type` (AddObject). */
export function defaultValue(type: XsdType): string {
  switch (type) {
    case 'xsd:boolean':
      return 'false';
    case 'xsd:int':
    case 'xsd:unsignedInt':
    case 'xsd:long':
    case 'xsd:unsignedLong':
      return '0';
    case 'xsd:dateTime':
      return '0001-01-01T00:00:00Z';
    default:
      return '';
  }
}
