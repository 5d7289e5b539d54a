// Safe XML parsing and a small namespace-aware view of fast-xml-parser's ordered tree.
// fast-xml-parser does not resolve namespaces, so each XmlElement carries the in-scope prefix
// bindings (from xmlns attributes) and its resolved namespace URI. Elements are wrapped lazily,
// only along the paths the CWMP parsers walk.
import { XMLParser } from 'fast-xml-parser';
import { CwmpParseError } from './errors.ts';
import { fastTree } from './xml-fast-tree.ts';
import { scanXml } from './xml-scan.ts';

export interface XmlLimits {
  /** Largest accepted body, in UTF-8 bytes (default 4 MiB). */
  maxBytes: number;
  /** Deepest accepted element nesting (default 64; a CWMP Inform is 6 deep). */
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: Readonly<XmlLimits> = { maxBytes: 4 * 1024 * 1024, maxDepth: 64 };

/** Prefix bindings declared on one element, chained to the enclosing element's scope. */
export interface NsScope {
  readonly parent: NsScope | undefined;
  /** prefix -> namespace URI; '' is the default namespace. */
  readonly bindings: Readonly<Record<string, string>>;
}

export interface XmlElement {
  /** The qualified name as written, e.g. 'soapenv:Envelope'. */
  readonly qname: string;
  readonly local: string;
  /** Resolved namespace URI; '' for no namespace, undefined for an undeclared prefix. */
  readonly ns: string | undefined;
  /** Attribute values, raw (entity references not yet decoded). */
  readonly attrs: Readonly<Record<string, unknown>> | undefined;
  readonly nodes: readonly unknown[];
  readonly scope: NsScope;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ROOT_SCOPE: NsScope = { parent: undefined, bindings: { xml: XML_NS } };

// Entities are decoded by decodeEntities below (only the five XML ones and numeric references),
// never by the parser: with processEntities off it cannot expand anything a body declares.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  jPath: false,
  maxNestedTags: 10_000,
});

/** fast-xml-parser's ordered tree of a document (no safety checks: callers run them first). */
export function fastXmlParserTree(xml: string): unknown {
  return parser.parse(xml);
}

const ENTITY = /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes &amp; &lt; &gt; &quot; &apos; and &#N; / &#xN;. Anything else is left as written. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(ENTITY, (whole: string, dec?: string, hex?: string, named?: string) => {
    if (named !== undefined) return NAMED[named] ?? whole;
    const cp = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    return isXmlChar(cp) ? String.fromCodePoint(cp) : whole;
  });
}

/** Limits with defaults filled in; an explicit `undefined` (e.g. an unset option) keeps the default. */
export function resolveLimits(limits: Partial<XmlLimits> | undefined): XmlLimits {
  return {
    maxBytes: limits?.maxBytes ?? DEFAULT_XML_LIMITS.maxBytes,
    maxDepth: limits?.maxDepth ?? DEFAULT_XML_LIMITS.maxDepth,
  };
}

function byteLengthOver(xml: string, maxBytes: number): number | undefined {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: skip the exact count when it cannot matter.
  if (xml.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(xml, 'utf8');
  return bytes > maxBytes ? bytes : undefined;
}

const DTD_ANYWHERE = /<!\s*(?:DOCTYPE|ENTITY)/i;

/**
 * Parses a document after the safety checks (size, DTD, depth, well-formedness) and returns its
 * root element plus whether text followed the root element. `fastPath`: try the Inform's tree
 * builder first (xml-fast-tree.ts); it yields the same tree or defers to fast-xml-parser.
 */
export function parseXmlDocument(xml: string, limits: XmlLimits, fastPath = false): { root: XmlElement; trailingText: boolean } {
  const tooBig = byteLengthOver(xml, limits.maxBytes);
  if (tooBig !== undefined) {
    throw new CwmpParseError('too-large', `body of ${tooBig} bytes exceeds the limit of ${limits.maxBytes} bytes`);
  }
  if (xml.indexOf('<!') !== -1 && DTD_ANYWHERE.test(xml)) {
    throw new CwmpParseError('forbidden-dtd', 'DTD or entity declarations are not accepted in a CWMP body');
  }
  const { trailingText } = scanXml(xml, limits.maxDepth);
  let tree: unknown = fastPath ? fastTree(xml) : undefined;
  try {
    tree ??= fastXmlParserTree(xml);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new CwmpParseError('malformed', `not well-formed XML: ${why}`);
  }
  const root = Array.isArray(tree) ? firstElement(tree, ROOT_SCOPE) : undefined;
  if (root === undefined) throw new CwmpParseError('malformed', 'not well-formed XML: no root element');
  return { root, trailingText };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The tag name of a raw ordered-tree node, or undefined for text, CDATA and comments. */
function tagOf(node: Record<string, unknown>): string | undefined {
  for (const key in node) {
    if (key !== ':@' && key !== '#text' && key !== '#cdata') return key;
  }
  return undefined;
}

function scopeFor(attrs: Record<string, unknown> | undefined, parent: NsScope): NsScope {
  if (attrs === undefined) return parent;
  let bindings: Record<string, string> | undefined;
  for (const name in attrs) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
    const value = attrs[name];
    bindings ??= {};
    bindings[name === 'xmlns' ? '' : name.slice(6)] = decodeEntities(typeof value === 'string' ? value : '');
  }
  return bindings === undefined ? parent : { parent, bindings };
}

/** Resolves a prefix ('' = default namespace) in a scope; undefined when it is not declared. */
export function resolvePrefix(scope: NsScope, prefix: string): string | undefined {
  for (let s: NsScope | undefined = scope; s !== undefined; s = s.parent) {
    const uri = s.bindings[prefix];
    if (uri !== undefined) return uri;
  }
  return prefix === '' ? '' : undefined;
}

function wrap(node: Record<string, unknown>, tag: string, parentScope: NsScope): XmlElement {
  const rawAttrs = node[':@'];
  const attrs = isRecord(rawAttrs) ? rawAttrs : undefined;
  const scope = scopeFor(attrs, parentScope);
  const colon = tag.indexOf(':');
  const prefix = colon === -1 ? '' : tag.slice(0, colon);
  const children = node[tag];
  return {
    qname: tag,
    local: colon === -1 ? tag : tag.slice(colon + 1),
    ns: resolvePrefix(scope, prefix),
    attrs,
    nodes: Array.isArray(children) ? children : [],
    scope,
  };
}

function firstElement(nodes: readonly unknown[], scope: NsScope): XmlElement | undefined {
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    const tag = tagOf(node);
    if (tag !== undefined) return wrap(node, tag, scope);
  }
  return undefined;
}

/** The element children of `el`, in document order. */
export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of el.nodes) {
    if (!isRecord(node)) continue;
    const tag = tagOf(node);
    if (tag !== undefined) out.push(wrap(node, tag, el.scope));
  }
  return out;
}

/**
 * The first child element per local name, ignoring namespace: CWMP struct members are
 * unqualified in the XSD (elementFormDefault="unqualified"), but some CPEs qualify them.
 * One pass over the children; struct parsers then look fields up by name in any order.
 */
export function fieldsOf(el: XmlElement): Record<string, XmlElement> {
  const out: Record<string, XmlElement> = Object.create(null) as Record<string, XmlElement>;
  for (const node of el.nodes) {
    if (!isRecord(node)) continue;
    const tag = tagOf(node);
    if (tag === undefined) continue;
    const colon = tag.indexOf(':');
    const local = colon === -1 ? tag : tag.slice(colon + 1);
    if (out[local] === undefined) out[local] = wrap(node, tag, el.scope);
  }
  return out;
}

/** Text content (text and CDATA children, entities decoded), exactly as sent: not trimmed. */
export function rawText(el: XmlElement | undefined): string {
  if (el === undefined) return '';
  let out = '';
  for (const node of el.nodes) {
    if (!isRecord(node)) continue;
    const text = node['#text'];
    if (typeof text === 'string') {
      out += decodeEntities(text);
      continue;
    }
    const cdata = node['#cdata'];
    if (Array.isArray(cdata)) {
      for (const part of cdata) {
        if (isRecord(part) && typeof part['#text'] === 'string') out += part['#text'];
      }
    }
  }
  return out;
}

/** Text content with surrounding whitespace removed (for names, codes, numbers, keys). */
export function text(el: XmlElement | undefined): string {
  return rawText(el).trim();
}

/**
 * An attribute by namespace and local name (prefixes resolved in the element's scope).
 * `fallbackPrefix` is used only when the attribute's prefix is not declared at all.
 */
export function attrNs(el: XmlElement, namespaces: ReadonlySet<string>, local: string, fallbackPrefix?: string): string | undefined {
  if (el.attrs === undefined) return undefined;
  for (const name in el.attrs) {
    const colon = name.indexOf(':');
    if (colon === -1 || name.slice(colon + 1) !== local) continue;
    const prefix = name.slice(0, colon);
    if (prefix === 'xmlns') continue;
    const uri = resolvePrefix(el.scope, prefix);
    const value = el.attrs[name];
    if (typeof value !== 'string') continue;
    if ((uri !== undefined && namespaces.has(uri)) || (uri === undefined && prefix === fallbackPrefix)) {
      return decodeEntities(value);
    }
  }
  return undefined;
}
