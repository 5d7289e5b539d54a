// Indents an XML document for reading (the session inspector's SOAP): one element per line, a
// leaf's text on its element's line. Only whitespace between tags changes; anything it cannot
// follow (a stray '<', unbalanced tags) is returned as it came.

const token = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<[^>]*>|[^<]+/g;

export function indentXml(xml: string, unit = '  '): string {
  const lines: string[] = [];
  let depth = 0;
  // The previous token opened an element whose text or end may still join its line.
  let openLeaf = false;
  for (const [t] of xml.matchAll(token)) {
    if (!t.startsWith('<')) {
      if (t.trim() === '') continue;
      if (openLeaf && lines.length > 0) lines[lines.length - 1] += t;
      else lines.push(unit.repeat(depth) + t.trim());
      continue;
    }
    if (t.startsWith('</')) {
      depth -= 1;
      if (depth < 0) return xml;
      if (openLeaf && lines.length > 0) lines[lines.length - 1] += t;
      else lines.push(unit.repeat(depth) + t);
      openLeaf = false;
    } else if (t.endsWith('/>') || t.startsWith('<?') || t.startsWith('<!')) {
      lines.push(unit.repeat(depth) + t);
      openLeaf = false;
    } else {
      lines.push(unit.repeat(depth) + t);
      depth += 1;
      openLeaf = true;
    }
  }
  return depth === 0 ? lines.join('\n') : xml;
}
