// A cheap linear pre-scan of the body, run before fast-xml-parser builds the tree:
// - rejects DTDs and entity declarations (XXE, billion laughs) with kind 'forbidden-dtd';
// - limits element nesting (kind 'too-deep') before anything recursive can see the document;
// - checks well-formedness the tree builder does not (fast-xml-parser pops closing tags without
//   comparing names), so a damaged body fails with a line number instead of parsing into garbage.
// It walks the string with indexOf and never backtracks.
import { CwmpParseError } from './errors.ts';

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const DQUOTE = 34;
const SQUOTE = 39;

/** 1-based line number of a string offset. */
export function lineAt(xml: string, offset: number): number {
  let line = 1;
  let i = xml.indexOf('\n');
  while (i !== -1 && i < offset) {
    line += 1;
    i = xml.indexOf('\n', i + 1);
  }
  return line;
}

function malformed(xml: string, offset: number, what: string): CwmpParseError {
  return new CwmpParseError('malformed', `not well-formed XML at line ${lineAt(xml, offset)}: ${what}`);
}

export function isXmlSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** True when xml[from, to) holds only whitespace (or NULs, which C clients append). */
function onlySpace(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (!isXmlSpace(c) && c !== 0) return false;
  }
  return true;
}

/** Index just past the name that starts at `from` (a name ends at whitespace, '/', '>' or '<'). */
function nameEnd(xml: string, from: number): number {
  let i = from;
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (isXmlSpace(c) || c === SLASH || c === GT || c === LT) break;
  }
  return i;
}

/** Index of the '>' that ends a start tag, skipping quoted attribute values; -1 if none. */
function startTagEnd(xml: string, from: number): number {
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === GT) return i;
    if (c === DQUOTE || c === SQUOTE) {
      i = xml.indexOf(c === DQUOTE ? '"' : "'", i + 1);
      if (i === -1) return -1;
    } else if (c === LT) {
      return -1;
    }
  }
  return -1;
}

const DTD_DECLARATION = /^<!\s*(?:DOCTYPE|ENTITY)/i;

/** Skips a `<!...>` construct at `lt`; returns the index after it. */
function skipBang(xml: string, lt: number, inRoot: boolean): number {
  if (xml.startsWith('<!--', lt)) {
    const end = xml.indexOf('-->', lt + 4);
    if (end === -1) throw malformed(xml, lt, 'comment is not closed');
    return end + 3;
  }
  if (xml.startsWith('<![CDATA[', lt)) {
    if (!inRoot) throw malformed(xml, lt, 'CDATA section outside the root element');
    const end = xml.indexOf(']]>', lt + 9);
    if (end === -1) throw malformed(xml, lt, 'CDATA section is not closed');
    return end + 3;
  }
  if (DTD_DECLARATION.test(xml.slice(lt, lt + 64))) {
    throw new CwmpParseError(
      'forbidden-dtd',
      `DTD or entity declaration at line ${lineAt(xml, lt)} is not accepted (no DOCTYPE/ENTITY in CWMP)`,
    );
  }
  throw malformed(xml, lt, "'<!' does not start a comment or CDATA section");
}

interface ScanState {
  readonly stack: string[];
  rootSeen: boolean;
  rootClosed: boolean;
}

function scanCloseTag(xml: string, lt: number, st: ScanState): number {
  const end = nameEnd(xml, lt + 2);
  const name = xml.slice(lt + 2, end);
  let gt = end;
  while (gt < xml.length && isXmlSpace(xml.charCodeAt(gt))) gt++;
  if (name === '' || xml.charCodeAt(gt) !== GT) {
    const close = xml.indexOf('>', lt);
    const shown = xml.slice(lt, close === -1 ? lt + 40 : Math.min(close + 1, lt + 80));
    throw malformed(xml, lt, `malformed closing tag ${JSON.stringify(shown)}`);
  }
  const open = st.stack.pop();
  if (open === undefined) throw malformed(xml, lt, `closing tag </${name}> without an open element`);
  if (open !== name) throw malformed(xml, lt, `closing tag </${name}> does not match <${open}>`);
  if (st.stack.length === 0) st.rootClosed = true;
  return gt + 1;
}

function scanStartTag(xml: string, lt: number, st: ScanState, maxDepth: number): number {
  const end = nameEnd(xml, lt + 1);
  if (end === lt + 1) throw malformed(xml, lt, "'<' is not followed by an element name");
  const gt = startTagEnd(xml, end);
  if (gt === -1) throw malformed(xml, lt, `start tag <${xml.slice(lt + 1, end)}> is not closed`);
  if (st.stack.length === 0 && st.rootClosed) {
    throw malformed(xml, lt, `second root element <${xml.slice(lt + 1, end)}> after the document element`);
  }
  st.rootSeen = true;
  if (xml.charCodeAt(gt - 1) === SLASH) {
    if (st.stack.length === 0) st.rootClosed = true;
  } else {
    st.stack.push(xml.slice(lt + 1, end));
    if (st.stack.length > maxDepth) {
      throw new CwmpParseError('too-deep', `elements nested deeper than ${maxDepth} levels at line ${lineAt(xml, lt)}`);
    }
  }
  return gt + 1;
}

/**
 * Checks that `xml` is one well-formed element tree no deeper than `maxDepth`, without DTDs.
 * Returns true when non-whitespace text follows the root element (tolerated, reported as a warning).
 */
export function scanXml(xml: string, maxDepth: number): { trailingText: boolean } {
  const st: ScanState = { stack: [], rootSeen: false, rootClosed: false };
  let trailingText = false;
  let i = 0;
  for (;;) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (st.stack.length === 0 && textEnd > i && !onlySpace(xml, i, textEnd)) {
      if (!st.rootSeen) throw malformed(xml, i, 'text before the root element');
      trailingText = true;
    }
    if (lt === -1) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === SLASH) i = scanCloseTag(xml, lt, st);
    else if (c === QUESTION) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) throw malformed(xml, lt, 'processing instruction is not closed');
      i = end + 2;
    } else if (c === BANG) i = skipBang(xml, lt, st.stack.length > 0);
    else i = scanStartTag(xml, lt, st, maxDepth);
  }
  const open = st.stack[st.stack.length - 1];
  if (open !== undefined) throw malformed(xml, xml.length, `document ends inside <${open}>`);
  if (!st.rootSeen) throw malformed(xml, 0, 'no root element');
  return { trailingText };
}
