// HTTP authentication headers (RFC 7235), for both directions and every HTTP peer of DeskACS
// (CPEs authenticating to the listener, DeskACS answering a CPE's connection-request challenge,
// the simulator on either side).
//
// `Authorization: <scheme> <params>` (a server reading credentials): a scheme token, then either a
// token68 (Basic) or comma-separated auth-params `name=token` / `name="quoted \"string\""`.
// Lenient about whitespace and empty list elements, as CPE HTTP clients are; strict about
// duplicated parameters, which no honest client sends and which two parsers could read apart.
//
// `WWW-Authenticate` (a client reading challenges): several challenges may share one header;
// lenient, as CPE HTTP servers need.

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

export interface AuthChallenge {
  /** As sent ('Digest', 'basic', ...); compare case-insensitively. */
  scheme: string;
  /** Parameter names lower-cased, quoted values unescaped. */
  params: Readonly<Record<string, string>>;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * Every challenge in these WWW-Authenticate header values, in order. Lenient, as CPEs are:
 * unknown parameters are kept, a parameter before any scheme is dropped, token68 data ignored.
 */
export function parseChallenges(headerValues: readonly string[]): AuthChallenge[] {
  const out: AuthChallenge[] = [];
  for (const header of headerValues) {
    let current: { scheme: string; params: Record<string, string> } | undefined;
    let i = 0;
    const skip = (re: RegExp): void => {
      while (i < header.length && re.test(header.charAt(i))) i += 1;
    };
    const token = (): string => {
      const start = i;
      while (i < header.length && TOKEN_CHAR.test(header.charAt(i))) i += 1;
      return header.slice(start, i);
    };
    const quoted = (): string => {
      let value = '';
      i += 1;
      while (i < header.length && header.charAt(i) !== '"') {
        if (header.charAt(i) === '\\' && i + 1 < header.length) i += 1;
        value += header.charAt(i);
        i += 1;
      }
      i += 1; // the closing quote (or past the end of a cut-short header)
      return value;
    };
    while (i < header.length) {
      skip(/[\s,]/);
      const name = token();
      if (name === '') {
        i += 1; // a stray character: step over it rather than loop forever
        continue;
      }
      skip(/\s/);
      if (header.charAt(i) !== '=') {
        current = { scheme: name, params: {} };
        out.push(current);
        continue;
      }
      i += 1;
      skip(/\s/);
      const value = header.charAt(i) === '"' ? quoted() : token();
      if (current !== undefined) current.params[name.toLowerCase()] = value;
    }
  }
  return out;
}
