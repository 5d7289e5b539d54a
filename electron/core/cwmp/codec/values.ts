// Scalar readers for lenient parsing. Values stay raw text where the message type keeps text;
// numbers and booleans are read leniently and every oddity becomes a warning, never an error.
import type { FaultStruct, ParameterValue } from '../messages.ts';
import { SOAP_ENC_NS, XSD_NAMESPACES, XSI_NAMESPACES } from './namespaces.ts';
import type { XmlElement } from './xml.ts';
import { attrNs, childElements, fieldsOf, rawText, resolvePrefix, text } from './xml.ts';

/** Collects lenient-parse findings for one envelope. */
export interface ParseContext {
  readonly warnings: string[];
}

const INTEGER = /^[+-]?[0-9]+$/;
const ENC_NAMESPACES: ReadonlySet<string> = new Set([SOAP_ENC_NS]);

/** An integer element ('00' is 0). Missing, empty or non-numeric text gives 0 and a warning. */
export function readInt(ctx: ParseContext, el: XmlElement | undefined, what: string): number {
  if (el === undefined) {
    ctx.warnings.push(`${what} is missing; using 0`);
    return 0;
  }
  const t = text(el);
  if (INTEGER.test(t)) return Number.parseInt(t, 10);
  ctx.warnings.push(`${what} '${t}' is not an integer; using 0`);
  return 0;
}

/** An xsd:boolean element: 1/0/true/false in any case. Anything else is false with a warning. */
export function readBool(ctx: ParseContext, el: XmlElement | undefined, what: string): boolean {
  if (el === undefined) {
    ctx.warnings.push(`${what} is missing; using false`);
    return false;
  }
  const t = text(el).toLowerCase();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  ctx.warnings.push(`${what} '${t}' is not a boolean; using false`);
  return false;
}

/** A trimmed string element; a missing element is '' (with a warning when `required`). */
export function readString(ctx: ParseContext, el: XmlElement | undefined, what: string, required = false): string {
  if (el === undefined && required) ctx.warnings.push(`${what} is missing`);
  return text(el);
}

const DATE_TIME = /^-?([0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$/;

function inRange(s: string | undefined, min: number, max: number): boolean {
  const n = Number(s);
  return n >= min && n <= max;
}

/** 'invalid' for text that is not an xsd:dateTime (incl. 0000-00-00T00:00:00), 'no-zone', or 'ok'. */
export function checkDateTime(t: string): 'invalid' | 'no-zone' | 'ok' {
  const m = DATE_TIME.exec(t);
  if (m === null) return 'invalid';
  const ok =
    inRange(m[1], 1, Infinity) &&
    inRange(m[2], 1, 12) &&
    inRange(m[3], 1, 31) &&
    inRange(m[4], 0, 24) &&
    inRange(m[5], 0, 59) &&
    inRange(m[6], 0, 60);
  if (!ok) return 'invalid';
  return m[7] === undefined ? 'no-zone' : 'ok';
}

/**
 * A dateTime element, kept as raw text. Broken values, a missing zone and a clock in 1970 (no NTP
 * yet) are reported. 0001-01-01T00:00:00Z is TR-069's "unknown time" and is not reported.
 */
export function readDateTime(ctx: ParseContext, el: XmlElement | undefined, what: string): string {
  const t = text(el);
  if (el === undefined) ctx.warnings.push(`${what} is missing`);
  else if (t === '') ctx.warnings.push(`${what} is empty`);
  else {
    const check = checkDateTime(t);
    if (check === 'invalid') ctx.warnings.push(`${what} '${t}' is not a valid dateTime`);
    else if (t.startsWith('1970-')) ctx.warnings.push(`${what} '${t}' is in 1970: the CPE clock is not set`);
    else if (check === 'no-zone') ctx.warnings.push(`${what} '${t}' has no time zone`);
  }
  return t;
}

/** A FaultStruct-like element (FaultCode, FaultString). */
export function readFaultStruct(ctx: ParseContext, el: XmlElement | undefined, what: string): FaultStruct {
  if (el === undefined) {
    ctx.warnings.push(`${what} is missing`);
    return { code: 0, string: '' };
  }
  const f = fieldsOf(el);
  return { code: readInt(ctx, f['FaultCode'], `${what}/FaultCode`), string: text(f['FaultString']) };
}

/**
 * The items of a SOAP-encoded array (all element children, whatever their names), checking the
 * soap-enc:arrayType count. Counts are often wrong or zero-padded (`[0008]`): a mismatch is a
 * warning. A missing array element is an empty list with a warning.
 */
export function arrayItems(ctx: ParseContext, el: XmlElement | undefined, what: string): XmlElement[] {
  if (el === undefined) {
    ctx.warnings.push(`${what} is missing`);
    return [];
  }
  const items = childElements(el);
  const arrayType = attrNs(el, ENC_NAMESPACES, 'arrayType');
  if (arrayType !== undefined) {
    const open = arrayType.lastIndexOf('[');
    const count = open === -1 ? '' : arrayType.slice(open + 1, arrayType.length - 1).trim();
    if (INTEGER.test(count) && Number.parseInt(count, 10) !== items.length) {
      ctx.warnings.push(`${what} arrayType says ${Number.parseInt(count, 10)} items, found ${items.length}`);
    }
  }
  return items;
}

/**
 * The xsi:type of a value, normalised to the `xsd:` prefix when it names an XML Schema type
 * (any prefix bound to the 2001/2000/1999 XSD namespaces, or no prefix); 'xsd:string' when absent.
 * Other types (e.g. soap-enc:base64) are kept as sent.
 */
export function valueType(el: XmlElement): string {
  const raw = attrNs(el, XSI_NAMESPACES, 'type', 'xsi');
  if (raw === undefined) return 'xsd:string';
  const t = raw.trim();
  const colon = t.indexOf(':');
  if (colon === -1) return `xsd:${t}`;
  const prefix = t.slice(0, colon);
  const uri = resolvePrefix(el.scope, prefix);
  if (uri !== undefined ? XSD_NAMESPACES.has(uri) : prefix === 'xsd' || prefix === 'xs') {
    return `xsd:${t.slice(colon + 1)}`;
  }
  return t;
}

/**
 * A ParameterValueStruct list. Value text is kept exactly as sent, including surrounding and
 * whitespace-only text: the codec cannot know whether spaces in an SSID or a password matter.
 * Names are trimmed. A parameter sent twice is kept twice and reported.
 */
export function readParameterValues(ctx: ParseContext, listEl: XmlElement | undefined, what: string): ParameterValue[] {
  const items = arrayItems(ctx, listEl, what);
  const out: ParameterValue[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const f = fieldsOf(item);
    const name = text(f['Name']);
    const valueEl = f['Value'];
    if (name === '') ctx.warnings.push(`${what} has an entry without a Name`);
    else if (seen.has(name)) ctx.warnings.push(`duplicate parameter ${name} in ${what}`);
    else seen.add(name);
    if (valueEl === undefined) ctx.warnings.push(`parameter ${name} in ${what} has no Value`);
    const value = rawText(valueEl);
    const type = valueEl === undefined ? 'xsd:string' : valueType(valueEl);
    if (type === 'xsd:dateTime' && value !== '' && checkDateTime(value.trim()) === 'invalid') {
      ctx.warnings.push(`parameter ${name} has dateTime value '${value}', which is not a valid dateTime`);
    }
    out.push({ name, value, type });
  }
  return out;
}

/** A list of <string> items (MethodList, AccessList). */
export function readStrings(ctx: ParseContext, listEl: XmlElement | undefined, what: string): string[] {
  return arrayItems(ctx, listEl, what).map((item) => text(item));
}
