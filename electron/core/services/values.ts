// Validation and coercion of a value for SetParameterValues against its xsd type, before anything
// is sent (TR-069 A.2.1 data types; TR-106 3.2 for dateTime). A value that cannot be right is
// refused here with a message that names the parameter, instead of costing a session and
// coming back as fault 9007 (or, worse, being accepted and misread by the CPE). Pure: no I/O.
//
// Decisions:
// - Whitespace: every non-string xsd type has whiteSpace="collapse" (XML Schema Part 2), so
//   ' 12 ' IS a valid xsd:int; it is trimmed and sent as '12' because embedded parsers are not
//   all that tolerant. xsd:string values are never trimmed (spaces in an SSID or a password matter).
// - Numbers are sent in canonical form: no '+', no leading zeros, '-0' is '0'. Fractions,
//   exponents, hex and JS booleans are refused for integer types rather than guessed at.
// - Booleans: accepted as JS booleans, 1/0 numbers, and 'true'/'false'/'1'/'0' in any case; not
//   'yes'/'on'. Sent as 'true'/'false' by default: that is the XML Schema canonical form and what
//   GenieACS sends by default (its BOOLEAN_LITERAL option defaults to true). TR-069 allows both
//   forms, but some CPEs accept only one: a TP-Link TD-W9970 answered 'false' with 9007 and
//   accepted 1/0 (https://github.com/genieacs/genieacs/issues/228). Such models get
//   booleanForm 'numeric' from the quirk rules; booleanFormOf() also reads the form a device uses
//   in its own reports, which is the form its parser certainly accepts.
// - dateTime: TR-106 3.2 says times are UTC unless stated otherwise, so a value without a zone is
//   taken as UTC; offsets are converted; the result is 'YYYY-MM-DDTHH:MM:SS[.fff]Z'.
//   0001-01-01T00:00:00Z is TR-106's Unknown Time and passes unchanged.
// - Types with a prefix other than xsd: (cwmp:, soap-enc:, vendor) and unknown xsd types are
//   passed through as strings with the type as given: the CPE knows them, we do not.
// - Characters XML 1.0 cannot carry (most C0 controls, U+FFFE/U+FFFF, lone surrogates) are
//   refused for every type: they cannot be sent at all.

export type BooleanForm = 'word' | 'numeric';

export type CoerceResult = { ok: true; value: string; type: string } | { ok: false; message: string };

interface IntRange {
  min: bigint;
  max: bigint;
}

const INT_RANGES: Readonly<Record<string, IntRange>> = {
  'xsd:int': { min: -(2n ** 31n), max: 2n ** 31n - 1n },
  'xsd:unsignedInt': { min: 0n, max: 2n ** 32n - 1n },
  'xsd:long': { min: -(2n ** 63n), max: 2n ** 63n - 1n },
  'xsd:unsignedLong': { min: 0n, max: 2n ** 64n - 1n },
};

/** Known xsd type names by lower-case local name, in their canonical spelling. */
const KNOWN_TYPES: Readonly<Record<string, string>> = {
  string: 'xsd:string',
  int: 'xsd:int',
  unsignedint: 'xsd:unsignedInt',
  long: 'xsd:long',
  unsignedlong: 'xsd:unsignedLong',
  boolean: 'xsd:boolean',
  datetime: 'xsd:dateTime',
  base64: 'xsd:base64',
  base64binary: 'xsd:base64Binary',
  hexbinary: 'xsd:hexBinary',
};

/**
 * The canonical spelling of an xsd type: 'unsignedint', 'xs:unsignedInt' and 'xsd:UNSIGNEDINT'
 * are all 'xsd:unsignedInt'; '' is 'xsd:string' (an absent xsi:type means string). Other
 * prefixes and unknown xsd names are returned trimmed but otherwise as given.
 */
export function canonicalType(type: string): string {
  const t = type.trim();
  if (t === '') return 'xsd:string';
  const colon = t.indexOf(':');
  const prefix = colon === -1 ? 'xsd' : t.slice(0, colon).toLowerCase();
  const local = colon === -1 ? t : t.slice(colon + 1);
  if (prefix !== 'xsd' && prefix !== 'xs') return t;
  return KNOWN_TYPES[local.toLowerCase()] ?? `xsd:${local}`;
}

// XML 1.0 Char production, minus what we can check cheaply: C0 controls other than TAB/LF/CR,
// U+FFFE/U+FFFF, and lone surrogates.
const NOT_XML_CHAR =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function show(raw: unknown): string {
  if (typeof raw === 'string') {
    const escaped = raw.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `'${escaped.length > 64 ? `${escaped.slice(0, 63)}…` : escaped}'`;
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (typeof raw === 'bigint') return `${raw}n`;
  if (raw === null) return 'null';
  if (raw === undefined) return 'no value';
  if (Array.isArray(raw)) return 'a list';
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'an invalid date' : raw.toISOString();
  return 'an object';
}

function fail(raw: unknown, type: string, path: string | undefined, expected: string): CoerceResult {
  const where = path === undefined || path === '' ? '' : ` for ${path}`;
  return { ok: false, message: `${show(raw)} is not a valid ${type}${where} (expected ${expected})` };
}

function ok(value: string, type: string): CoerceResult {
  return { ok: true, value, type };
}

const INTEGER_TEXT = /^[+-]?[0-9]+$/;

function coerceInteger(raw: unknown, type: string, range: IntRange, path: string | undefined): CoerceResult {
  const expected = `a whole number ${range.min}–${range.max}`;
  let n: bigint;
  if (typeof raw === 'bigint') n = raw;
  else if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) return fail(raw, type, path, expected);
    // Past 2^53 a JS number is already rounded: refuse to send a value nobody typed.
    if (!Number.isSafeInteger(raw)) return fail(raw, type, path, `${expected}; give numbers this large as text`);
    n = BigInt(raw);
  } else if (typeof raw === 'string' && INTEGER_TEXT.test(raw.trim())) n = BigInt(raw.trim());
  else return fail(raw, type, path, expected);
  if (n < range.min || n > range.max) return fail(raw, type, path, expected);
  return ok(n.toString(), type);
}

function coerceBoolean(raw: unknown, type: string, form: BooleanForm, path: string | undefined): CoerceResult {
  let b: boolean | undefined;
  if (typeof raw === 'boolean') b = raw;
  else if (raw === 1 || raw === 0 || raw === 1n || raw === 0n) b = raw === 1 || raw === 1n;
  else if (typeof raw === 'string') {
    const t = raw.trim().toLowerCase();
    if (t === 'true' || t === '1') b = true;
    else if (t === 'false' || t === '0') b = false;
  }
  if (b === undefined) return fail(raw, type, path, 'true, false, 1 or 0');
  if (form === 'numeric') return ok(b ? '1' : '0', type);
  return ok(b ? 'true' : 'false', type);
}

const DATE_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?([Zz]|[+-][0-9]{2}:?[0-9]{2})?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Milliseconds since 1970 for a proleptic-Gregorian UTC time (Date.UTC maps years 0-99 to 19xx). */
function utcMillis(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  return date.getTime();
}

function formatUtc(ms: number, fraction: string): string | undefined {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (y < 1 || y > 9999) return undefined;
  const frac = fraction.replace(/0+$/, '');
  return (
    `${pad(y, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T` +
    `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}` +
    `${frac === '' ? '' : `.${frac}`}Z`
  );
}

function parseDateTimeText(text: string): string | undefined {
  const m = DATE_TIME.exec(text);
  if (m === null) return undefined;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((x) => Number(x));
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined || s === undefined) {
    return undefined;
  }
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  // xsd allows 24:00:00 (end of day = next midnight) but no leap second 60.
  const endOfDay = h === 24 && mi === 0 && s === 0 && /^0*$/.test(m[7] ?? '');
  if ((h > 23 && !endOfDay) || mi > 59 || s > 59) return undefined;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 14 || om > 59 || (oh === 14 && om !== 0)) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = utcMillis(y, mo, d, h, mi, s) - offsetMinutes * 60_000;
  return formatUtc(ms, m[7] ?? '');
}

function coerceDateTime(raw: unknown, type: string, path: string | undefined): CoerceResult {
  const expected = 'a date and time like 2024-05-31T14:00:00Z, years 0001–9999; no zone means UTC';
  let normalised: string | undefined;
  if (raw instanceof Date) {
    normalised = Number.isNaN(raw.getTime()) ? undefined : formatUtc(raw.getTime(), pad(raw.getUTCMilliseconds(), 3));
  } else if (typeof raw === 'string') {
    normalised = parseDateTimeText(raw.trim());
  }
  return normalised === undefined ? fail(raw, type, path, expected) : ok(normalised, type);
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function coerceBase64(raw: unknown, type: string, path: string | undefined): CoerceResult {
  if (typeof raw !== 'string') return fail(raw, type, path, 'base64 text');
  // Whitespace may appear anywhere in base64Binary's lexical form (line-wrapped data); drop it.
  const compact = raw.replace(/[ \t\r\n]+/g, '');
  if (BASE64.test(compact)) return ok(compact, type);
  const hint = /[-_]/.test(compact)
    ? "base64 text with + and / (not the URL-safe '-' and '_')"
    : 'base64 text (A–Z, a–z, 0–9, +, /, padded with = to a multiple of 4)';
  return fail(raw, type, path, hint);
}

function coerceHex(raw: unknown, type: string, path: string | undefined): CoerceResult {
  if (typeof raw !== 'string') return fail(raw, type, path, 'hex text');
  const t = raw.trim();
  if (/^(?:[0-9A-Fa-f]{2})*$/.test(t)) return ok(t, type);
  const hint = /^[0-9A-Fa-f]{2}(?:[:\- ][0-9A-Fa-f]{2})+$/.test(t)
    ? 'an even number of hex digits without separators, e.g. 0A1B2C'
    : 'an even number of hex digits 0–9, A–F';
  return fail(raw, type, path, hint);
}

function coerceString(raw: unknown, type: string, path: string | undefined): CoerceResult {
  if (typeof raw === 'string') return ok(raw, type);
  if (typeof raw === 'bigint' || typeof raw === 'boolean') return ok(String(raw), type);
  if (typeof raw === 'number' && Number.isFinite(raw)) return ok(String(raw), type);
  return fail(raw, type, path, 'text');
}

/**
 * Checks and converts `raw` to the text SetParameterValues sends for a parameter of `type`.
 * The returned type is the canonical spelling ('unsignedint' -> 'xsd:unsignedInt'). `path` is
 * only used in the message.
 */
export function coerceValue(raw: unknown, type: string, quirks?: { booleanForm?: BooleanForm }, path?: string): CoerceResult {
  const t = canonicalType(type);
  if (typeof raw === 'string') {
    const bad = NOT_XML_CHAR.exec(raw);
    if (bad !== null) {
      const cp = bad[0].codePointAt(0) ?? 0;
      return fail(raw, t, path, `text without U+${cp.toString(16).toUpperCase().padStart(4, '0')}, which XML cannot carry`);
    }
  }
  const range = INT_RANGES[t];
  if (range !== undefined) return coerceInteger(raw, t, range, path);
  switch (t) {
    case 'xsd:boolean':
      return coerceBoolean(raw, t, quirks?.booleanForm ?? 'word', path);
    case 'xsd:dateTime':
      return coerceDateTime(raw, t, path);
    case 'xsd:base64':
    case 'xsd:base64Binary':
      return coerceBase64(raw, t, path);
    case 'xsd:hexBinary':
      return coerceHex(raw, t, path);
    default:
      // xsd:string, other prefixes, unknown xsd types: text as given.
      return coerceString(raw, t, path);
  }
}

/**
 * A type for a value set on a parameter the ACS knows nothing about. JS booleans are
 * xsd:boolean; whole numbers are xsd:unsignedInt when non-negative (TR-181 2.17 declares about
 * eight unsignedInt parameters for each int) and xsd:int when negative, widening to the 64-bit
 * types past 32 bits; Dates are xsd:dateTime; everything else is xsd:string. Strings are never
 * guessed from ('1234' may well be an SSID).
 */
export function inferType(value: unknown): string {
  if (typeof value === 'boolean') return 'xsd:boolean';
  if (value instanceof Date) return 'xsd:dateTime';
  let n: bigint | undefined;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  if (n === undefined) return 'xsd:string';
  for (const t of n >= 0n ? ['xsd:unsignedInt', 'xsd:unsignedLong'] : ['xsd:int', 'xsd:long']) {
    const r = INT_RANGES[t];
    if (r !== undefined && n >= r.min && n <= r.max) return t;
  }
  return 'xsd:string';
}

/**
 * The boolean form a device uses in its own reports (values of its xsd:boolean parameters):
 * 'numeric' when it reports only 1/0, 'word' when only true/false, undefined when it reports
 * none or both. A CPE's parser accepts at least the form its own serializer writes.
 */
export function booleanFormOf(reportedValues: readonly string[]): BooleanForm | undefined {
  let numeric = false;
  let word = false;
  for (const v of reportedValues) {
    const t = v.trim().toLowerCase();
    if (t === '1' || t === '0') numeric = true;
    else if (t === 'true' || t === 'false') word = true;
  }
  if (numeric === word) return undefined;
  return numeric ? 'numeric' : 'word';
}
