// XML safety: no DTDs or entity expansion, size and depth limits, well-formedness with line
// numbers, only the predefined and numeric entities decoded, and a throughput sanity check.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CwmpParseError, decodeBody, parseEnvelope } from '../../electron/core/cwmp/codec/index.ts';
import type { CwmpParseErrorKind } from '../../electron/core/cwmp/codec/index.ts';
import type { CpeRequest } from '../../electron/core/cwmp/messages.ts';
import { fixture } from '../fixtures/cwmp/load.ts';

function rejects(xml: string, kind: CwmpParseErrorKind, message?: RegExp, limits?: { maxBytes?: number; maxDepth?: number }): void {
  assert.throws(
    () => parseEnvelope(xml, limits),
    (e: unknown) => {
      assert.ok(e instanceof CwmpParseError, `expected CwmpParseError, got ${String(e)}`);
      assert.equal(e.kind, kind, e.message);
      if (message !== undefined) assert.match(e.message, message);
      return true;
    },
  );
}

function inform(valueXml: string): string {
  return (
    '<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:c="urn:dslforum-org:cwmp-1-0">\n' +
    '<e:Body><c:Inform><DeviceId><OUI>A1B2C3</OUI><SerialNumber>S1</SerialNumber><Manufacturer>M</Manufacturer></DeviceId>' +
    '<Event/><MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2024-01-01T00:00:00Z</CurrentTime><RetryCount>0</RetryCount>' +
    `<ParameterList><ParameterValueStruct><Name>X.Y</Name>${valueXml}</ParameterValueStruct></ParameterList>` +
    '</c:Inform></e:Body></e:Envelope>'
  );
}

function firstValue(xml: string): string | undefined {
  const m = parseEnvelope(xml).body.message as CpeRequest;
  return m.name === 'Inform' ? m.parameterList[0]?.value : undefined;
}

describe('DTDs and entities', () => {
  test('an XXE DOCTYPE is refused before parsing', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]>${inform('<Value>&x;</Value>')}`;
    rejects(xxe, 'forbidden-dtd');
  });

  test('billion laughs is refused', () => {
    let dtd = '<!DOCTYPE lolz [<!ENTITY lol "lol">';
    for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1 === 0 ? '' : i - 1};`.repeat(10)}">`;
    rejects(`${dtd}]>${inform('<Value>&lol9;</Value>')}`, 'forbidden-dtd');
  });

  test('any <!ENTITY or lower-case doctype anywhere is refused', () => {
    rejects(inform('<Value>x</Value>').replace('<e:Body>', '<!ENTITY y "z"><e:Body>'), 'forbidden-dtd');
    rejects(`<!doctype html>${inform('<Value>x</Value>')}`, 'forbidden-dtd');
  });

  test('the five XML entities and numeric references decode; nothing else does', () => {
    assert.equal(firstValue(inform('<Value>&amp;&lt;&gt;&quot;&apos;</Value>')), '&<>"\'');
    assert.equal(firstValue(inform('<Value>&#x41;&#66;&#x1F600;</Value>')), 'AB\u{1F600}');
    assert.equal(firstValue(inform('<Value>&nbsp;&copy;&#0;&#xD800;&amp;amp;</Value>')), '&nbsp;&copy;&#0;&#xD800;&amp;');
  });

  test('entities in attribute values decode (xsi:type)', () => {
    const xml = inform('<Value xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="xsd&#58;int">5</Value>');
    const m = parseEnvelope(xml).body.message as CpeRequest;
    assert.equal(m.name === 'Inform' ? m.parameterList[0]?.type : undefined, 'xsd:int');
  });
});

describe('limits', () => {
  test('bodies over maxBytes are refused (counted in UTF-8 bytes)', () => {
    const body = inform(`<Value>${'x'.repeat(2000)}</Value>`);
    rejects(body, 'too-large', /exceeds the limit of 1000 bytes/, { maxBytes: 1000 });
    const wide = inform(`<Value>${'é'.repeat(1000)}</Value>`);
    assert.ok(wide.length < 1800);
    rejects(wide, 'too-large', undefined, { maxBytes: 1800 });
    assert.equal(firstValue(inform('<Value>ok</Value>')), 'ok');
  });

  test('the default limit is 4 MiB, also when an option is passed as undefined', () => {
    const big = inform(`<Value>${'x'.repeat(4 * 1024 * 1024)}</Value>`);
    rejects(big, 'too-large');
    rejects(big, 'too-large', undefined, { maxBytes: undefined });
  });

  test('a 100,000-deep document is refused without exhausting the stack', () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    rejects(deep, 'too-deep', /deeper than 64 levels at line 1/);
  });

  test('maxDepth is configurable: an Inform is 6 levels deep', () => {
    const xml = inform('<Value>v</Value>');
    assert.equal(parseEnvelope(xml, { maxDepth: 6 }).body.message.name, 'Inform');
    rejects(xml, 'too-deep', undefined, { maxDepth: 5 });
  });
});

describe('well-formedness', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['mismatched tags', '<a>\n<b>\n</c></a>', /line 3: closing tag <\/c> does not match <b>/],
    ['unclosed root', '<e:Envelope xmlns:e="x"><e:Body>', /document ends inside <e:Body>/],
    ['text before root', 'HTTP/1.1 200 OK\n\n<a/>', /line 1: text before the root element/],
    ['unterminated comment', '<a><!-- oops</a>', /comment is not closed/],
    ['space after </', '<a><b></ b></a>', /malformed closing tag/],
    ['second root element', '<a/><b/>', /second root element <b>/],
    ['truncated start tag', '<a><b attr="1"', /start tag <b> is not closed/],
    ['bare <', '<a>1 < 2</a>', /'<' is not followed by an element name/],
    ['empty body', '   ', /no root element/],
    ['stray closing tag', '</a>', /without an open element/],
  ];
  for (const [label, xml, message] of cases) {
    test(`${label} is malformed`, () => rejects(xml, 'malformed', message));
  }

  test('a truncated Inform is malformed, with the line of the problem', () => {
    const full = decodeBody(fixture('tr098-inform.xml'), undefined);
    rejects(full.slice(0, full.indexOf('</ParameterList>')), 'malformed', /document ends inside <ParameterValueStruct>|ends inside/);
  });

  test('quoted ">" and "<"-free attributes, comments, PIs and CDATA are fine', () => {
    const xml = inform('<!-- c --><?pi x?><Value a="1>2" b=\'q"\'><![CDATA[</Value>]]></Value>');
    assert.equal(firstValue(xml), '</Value>');
  });

  test('text after the envelope is ignored with a warning', () => {
    const env = parseEnvelope(`${inform('<Value>v</Value>')}\n0\r\n\r\n`);
    assert.ok(env.warnings.includes('text after the SOAP Envelope was ignored'));
    const nul = parseEnvelope(`${inform('<Value>v</Value>')}\u0000`);
    assert.ok(!nul.warnings.includes('text after the SOAP Envelope was ignored'));
  });
});
