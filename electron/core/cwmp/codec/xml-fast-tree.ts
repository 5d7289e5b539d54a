// The Inform's fast path. Every CPE sends an Inform per session, so at fleet rate it is the one
// message whose parsing cost matters: fast-xml-parser takes ~80 us for a 3 KB Inform, most of
// a session's parsing. This builder produces exactly the ordered tree fast-xml-parser would
// (same node shapes, raw text and attribute values, CR LF normalised to LF, whitespace text
// kept inside elements, none outside the root) in one indexOf-driven pass, for the plain XML
// CPEs send. Anything else - comments, CDATA, DTDs, processing instructions after the
// declaration, unusual names or attribute syntax - returns undefined and fast-xml-parser parses
// the document instead. Its input has already passed scanXml (size, depth, well-formedness);
// the differential tests in test/unit/codec-fast-tree.test.ts hold the two trees equal.
import { isXmlSpace } from './xml-scan.ts';

type RawNode = Record<string, unknown>;

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const QUESTION = 63; // ?
const EQUALS = 61; // =
const DQUOTE = 34;
const SQUOTE = 39;

/** Names fast-xml-parser refuses or renames (prototype pollution guards): left to it. */
const GUARDED_NAMES = new Set(['__proto__', 'constructor', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

// The Inform's element and attribute names as constants: a property key made from a sliced
// string must be looked up in V8's string table first, which was half of the builder's time.
const KNOWN_NAMES = [
  'ParameterValueStruct',
  'Name',
  'Value',
  'EventStruct',
  'EventCode',
  'CommandKey',
  'DeviceId',
  'Manufacturer',
  'OUI',
  'ProductClass',
  'SerialNumber',
  'Event',
  'MaxEnvelopes',
  'CurrentTime',
  'RetryCount',
  'ParameterList',
  'xsi:type',
  'SOAP-ENC:arrayType',
  'soapenc:arrayType',
  'soap-enc:arrayType',
  'cwmp:ID',
  'cwmp:Inform',
];
const KNOWN_BY_LENGTH: string[][] = [];
for (const name of KNOWN_NAMES) {
  KNOWN_BY_LENGTH[name.length] ??= [];
  KNOWN_BY_LENGTH[name.length]?.push(name);
}

/** xml[from, to) as a string, the constant one when it is a known name. */
function nameAt(xml: string, from: number, to: number): string {
  const candidates = KNOWN_BY_LENGTH[to - from];
  if (candidates !== undefined) {
    for (const name of candidates) if (xml.startsWith(name, from)) return name;
  }
  return xml.slice(from, to);
}

const INFORM_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?Inform[\s/>]/;

/** True when the document carries an Inform element: the only message the fast path takes. */
export function looksLikeInform(xml: string): boolean {
  return xml.indexOf('Inform') !== -1 && INFORM_ELEMENT.test(xml);
}

function skipSpace(xml: string, from: number): number {
  let i = from;
  while (i < xml.length && isXmlSpace(xml.charCodeAt(i))) i++;
  return i;
}

/** ASCII letters, digits, '_', '-', '.', ':' (not first: digits, '-', '.'). */
function isNameChar(c: number, first: boolean): boolean {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58) return true;
  return !first && ((c >= 48 && c <= 57) || c === 45 || c === 46);
}

/** Index just past a name starting at `from`; `from` itself when there is none. */
function nameEnd(xml: string, from: number): number {
  let i = from;
  while (i < xml.length && isNameChar(xml.charCodeAt(i), i === from)) i++;
  return i;
}

interface StartTag {
  node: RawNode;
  children: RawNode[];
  name: string;
  selfClosing: boolean;
  end: number;
}

/** Parses `<name attr="v" ...>` or `.../>` at `lt`; undefined for anything unusual. */
function startTag(xml: string, lt: number): StartTag | undefined {
  const end = nameEnd(xml, lt + 1);
  if (end === lt + 1) return undefined;
  const name = nameAt(xml, lt + 1, end);
  if (GUARDED_NAMES.has(name)) return undefined;
  const children: RawNode[] = [];
  const node: RawNode = {};
  node[name] = children;
  let attrs: Record<string, string> | undefined;
  let j = end;
  for (;;) {
    const afterSpace = skipSpace(xml, j);
    const c = xml.charCodeAt(afterSpace);
    if (c === GT) return { node, children, name, selfClosing: false, end: afterSpace + 1 };
    if (c === SLASH) {
      return xml.charCodeAt(afterSpace + 1) === GT ? { node, children, name, selfClosing: true, end: afterSpace + 2 } : undefined;
    }
    if (afterSpace === j) return undefined; // attributes must be separated by whitespace
    const attrEnd = nameEnd(xml, afterSpace);
    if (attrEnd === afterSpace) return undefined;
    const attrName = nameAt(xml, afterSpace, attrEnd);
    const eq = skipSpace(xml, attrEnd);
    if (xml.charCodeAt(eq) !== EQUALS) return undefined;
    const open = skipSpace(xml, eq + 1);
    const quote = xml.charCodeAt(open);
    if (quote !== DQUOTE && quote !== SQUOTE) return undefined;
    const close = xml.indexOf(quote === DQUOTE ? '"' : "'", open + 1);
    if (close === -1) return undefined;
    const value = xml.slice(open + 1, close);
    if (attrs === undefined) {
      attrs = {};
      node[':@'] = attrs;
    }
    if (GUARDED_NAMES.has(attrName) || attrName in attrs || value.indexOf('<') !== -1) return undefined;
    attrs[attrName] = value;
    j = close + 1;
  }
}

/** `<?xml version="1.0" encoding="UTF-8"?>`: pseudo-attributes with well-formed quotes only. */
const DECLARATION = /<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<>?]*"|'[^'<>?]*'))*\s*\?>/y;

/** Index after an optional leading `<?xml ...?>` declaration and whitespace; -1 if unusual. */
function prologEnd(xml: string): number {
  let i = skipSpace(xml, 0);
  if (xml.startsWith('<?', i)) {
    DECLARATION.lastIndex = i;
    if (!DECLARATION.test(xml)) return -1;
    i = skipSpace(xml, DECLARATION.lastIndex);
  }
  return xml.charCodeAt(i) === LT ? i : -1;
}

/** fast-xml-parser's ordered tree of a plain XML document, or undefined to let it parse. */
export function fastTree(input: string): RawNode[] | undefined {
  if (input.indexOf('<!') !== -1) return undefined;
  const xml = input.indexOf('\r') === -1 ? input : input.replace(/\r\n?/g, '\n');
  let i = prologEnd(xml);
  if (i === -1) return undefined;
  const root: RawNode[] = [];
  const open: { name: string; children: RawNode[] }[] = [];
  let children = root;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    if (lt > i && open.length > 0) children.push({ '#text': xml.slice(i, lt) });
    const next = xml.charCodeAt(lt + 1);
    if (next === SLASH) {
      const gt = xml.indexOf('>', lt + 2);
      const top = open.pop();
      if (gt === -1 || top === undefined || xml.slice(lt + 2, gt) !== top.name) return undefined;
      children = open[open.length - 1]?.children ?? root;
      i = gt + 1;
      continue;
    }
    if (next === QUESTION || (open.length === 0 && root.length > 0)) return undefined;
    const tag = startTag(xml, lt);
    if (tag === undefined) return undefined;
    children.push(tag.node);
    if (!tag.selfClosing) {
      open.push({ name: tag.name, children: tag.children });
      children = tag.children;
    }
    i = tag.end;
  }
  return open.length === 0 && root.length === 1 ? root : undefined;
}
