// Escaping for the string-template builders (hot path: one regex test per value).
// XML 1.0 cannot carry most C0 control characters or lone surrogates, even as character
// references, so a value containing one is refused instead of producing a body the CPE's parser
// would reject.

// With the u flag a surrogate pair is one code point, so [\uD800-\uDFFF] matches lone ones only.
const NEEDS_WORK = /[&<>"'\r\t\n\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/u;
const TEXT_SPECIALS = /[&<>\r]/g;
const ATTR_SPECIALS = /[&<>"'\r\t\n]/g;

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  '\t': '&#9;',
  '\n': '&#10;',
};

function replacement(ch: string): string {
  return REPLACEMENTS[ch] ?? ch;
}

/** Thrown for text XML 1.0 cannot represent; buildEnvelope turns it into a CwmpBuildError. */
export class UnrepresentableTextError extends Error {}

function check(value: string): void {
  const bad = FORBIDDEN.exec(value);
  if (bad === null) return;
  const cp = bad[0].codePointAt(0) ?? 0;
  throw new UnrepresentableTextError(`text contains U+${cp.toString(16).padStart(4, '0').toUpperCase()}, which XML 1.0 cannot carry`);
}

/** Escapes element content. '\r' becomes &#13; so it survives the receiver's newline normalisation. */
export function escapeText(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  check(value);
  return value.replace(TEXT_SPECIALS, replacement);
}

/** Escapes an attribute value (quotes and whitespace characters too). */
export function escapeAttr(value: string): string {
  if (!NEEDS_WORK.test(value)) return value;
  check(value);
  return value.replace(ATTR_SPECIALS, replacement);
}
