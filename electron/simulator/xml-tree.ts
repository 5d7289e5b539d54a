// A small namespace-aware element tree over fast-xml-parser's ordered output. Elements are
// matched by local name and namespace URI, never by prefix: peers use any prefix they like.

import { XMLParser } from 'fast-xml-parser';

export interface XmlElement {
  local: string;
  /** Resolved namespace URI ('' when unqualified). */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content directly inside this element. */
  text: string;
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities are decoded here in one pass (fast-xml-parser leaves numeric references alone).
  processEntities: false,
});

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

function splitName(qname: string): [prefix: string, local: string] {
  const colon = qname.indexOf(':');
  return colon < 0 ? ['', qname] : [qname.slice(0, colon), qname.slice(colon + 1)];
}

function toElement(tag: string, node: OrderedNode, scope: Map<string, string>): XmlElement {
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  const attrs: Record<string, string> = {};
  let inner = scope;
  for (const [name, value] of Object.entries(rawAttrs)) {
    const decoded = decodeEntities(String(value));
    attrs[name] = decoded;
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      inner.set(name === 'xmlns' ? '' : name.slice(6), decoded);
    }
  }
  const [prefix, local] = splitName(tag);
  const element: XmlElement = { local, ns: inner.get(prefix) ?? '', attrs, children: [], text: '' };
  for (const child of (node[tag] ?? []) as OrderedNode[]) {
    const childTag = Object.keys(child).find((k) => k !== ':@');
    if (childTag === undefined) continue;
    if (childTag === '#text' || childTag === '__cdata') element.text += decodeOrCdata(childTag, child[childTag]);
    else if (!childTag.startsWith('#') && !childTag.startsWith('?')) element.children.push(toElement(childTag, child, inner));
  }
  return element;
}

function decodeOrCdata(tag: string, value: unknown): string {
  if (tag === '#text') return decodeEntities(String(value));
  // CDATA content comes as [{ '#text': ... }].
  return Array.isArray(value) ? value.map((v: OrderedNode) => String(v['#text'] ?? '')).join('') : '';
}

/** Parses XML text into the root element; throws on text that is not XML. */
export function parseXml(text: string): XmlElement {
  const nodes = parser.parse(text) as OrderedNode[];
  for (const node of nodes) {
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (tag && !tag.startsWith('#') && !tag.startsWith('?')) return toElement(tag, node, new Map());
  }
  throw new Error('No root element');
}

export function child(parent: XmlElement | undefined, local: string): XmlElement | undefined {
  return parent?.children.find((c) => c.local === local);
}

export function childrenNamed(parent: XmlElement | undefined, local: string): XmlElement[] {
  return parent?.children.filter((c) => c.local === local) ?? [];
}

/** Trimmed text of a child element ('' when absent). */
export function childText(parent: XmlElement | undefined, local: string): string {
  return child(parent, local)?.text.trim() ?? '';
}
