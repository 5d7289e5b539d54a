// Parsing `Authorization: <scheme> <params>` (RFC 7235 2.1): a scheme token, then either a
// token68 (Basic) or comma-separated auth-params `name=token` / `name="quoted \"string\""`.
// Lenient about whitespace and empty list elements, as CPE HTTP clients are; strict about
// duplicated parameters, which no honest client sends and which two parsers could read apart.

export interface AuthorizationHeader {
  /** Lower-cased scheme: 'digest', 'basic', ... */
  scheme: string;
  /** Everything after the scheme, trimmed (the token68 of Basic). */
  rest: string;
  /** Parameter names lower-cased; undefined when `rest` is not a valid parameter list. */
  params: Map<string, string> | undefined;
}

export function parseAuthorization(header: string | undefined): AuthorizationHeader | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?:\s+([\s\S]*))?$/.exec(header);
  if (m === null || m[1] === undefined) return undefined;
  const rest = (m[2] ?? '').trim();
  return { scheme: m[1].toLowerCase(), rest, params: parseParams(rest) };
}

const PARAM = /\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\[\s\S])*)"|([^\s,"]*))\s*/y;

function parseParams(text: string): Map<string, string> | undefined {
  const params = new Map<string, string>();
  let pos = 0;
  while (pos < text.length) {
    // Empty list elements (", ,") are allowed by RFC 7230 7.
    if (text[pos] === ',' || text[pos] === ' ' || text[pos] === '\t') {
      pos++;
      continue;
    }
    PARAM.lastIndex = pos;
    const m = PARAM.exec(text);
    if (m === null || m[1] === undefined) return undefined;
    const name = m[1].toLowerCase();
    if (params.has(name)) return undefined;
    params.set(name, m[2] !== undefined ? m[2].replace(/\\([\s\S])/g, '$1') : (m[3] ?? ''));
    pos = PARAM.lastIndex;
    if (pos < text.length && text[pos] !== ',') return undefined;
  }
  return params;
}

/** A quoted-string (RFC 7230 3.2.6) for a challenge parameter. */
export function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
