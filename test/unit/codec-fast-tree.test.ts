// The Inform's fast tree builder against fast-xml-parser: whenever the builder answers, its tree
// is the one fast-xml-parser builds, and parseEnvelope's result is the same either way. It must
// also really answer for the Informs CPEs send (or the fast path would silently be dead).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { decodeBody, parseEnvelope } from '../../electron/core/cwmp/codec/index.ts';
import { fastTree, looksLikeInform } from '../../electron/core/cwmp/codec/xml-fast-tree.ts';
import { fastXmlParserTree } from '../../electron/core/cwmp/codec/xml.ts';
import { scanXml } from '../../electron/core/cwmp/codec/xml-scan.ts';
import { builtinModel, informParameters, writeCpeMessage, deviceIdentity } from '../../electron/simulator/index.ts';
import { fixture, sampleBody, samplesDir, samplesMissing } from '../fixtures/cwmp/load.ts';

function simulatorInform(model: 'tr098' | 'tr181', events: string[]): string {
  const m = builtinModel(model);
  return writeCpeMessage(
    {
      name: 'Inform',
      deviceId: deviceIdentity(m),
      events: events.map((code) => ({ code, commandKey: 'k&1' })),
      maxEnvelopes: 1,
      currentTime: '2026-11-21T10:00:00Z',
      retryCount: 2,
      parameterList: informParameters(m),
    },
    { id: 'sim-1' },
  );
}

const DAMAGE_ROUNDS = Number(process.env.DESKACS_FUZZ_ROUNDS ?? 1500);

const CANONICAL = `<?xml version="1.0" encoding="UTF-8"?>
<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">
  <soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">42</cwmp:ID></soap-env:Header>
  <soap-env:Body>
    <cwmp:Inform>
      <DeviceId><Manufacturer>Acme &amp; Sons</Manufacturer><OUI>00AA11</OUI><ProductClass>HG1</ProductClass><SerialNumber>S&#49;</SerialNumber></DeviceId>
      <Event soap-enc:arrayType="cwmp:EventStruct[1]"><EventStruct><EventCode>2 PERIODIC</EventCode><CommandKey/></EventStruct></Event>
      <MaxEnvelopes>1</MaxEnvelopes><CurrentTime>2026-11-21T10:00:00Z</CurrentTime><RetryCount>0</RetryCount>
      <ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[2]">
        <ParameterValueStruct><Name>InternetGatewayDevice.DeviceInfo.SoftwareVersion</Name><Value xsi:type="xsd:string">V1 &lt;beta&gt;</Value></ParameterValueStruct>
        <ParameterValueStruct><Name>InternetGatewayDevice.ManagementServer.ConnectionRequestURL</Name><Value xsi:type="xsd:string">http://10.0.0.1:7547/</Value></ParameterValueStruct>
      </ParameterList>
    </cwmp:Inform>
  </soap-env:Body>
</soap-env:Envelope>
`;

/** Variants the builder must either get exactly right or leave to fast-xml-parser. */
const VARIANTS: [string, (xml: string) => string, 'fast' | 'either'][] = [
  ['as is', (x) => x, 'fast'],
  ['CR LF line ends', (x) => x.replace(/\n/g, '\r\n'), 'fast'],
  ['bare CR line ends', (x) => x.replace(/\n/g, '\r'), 'fast'],
  ['no declaration, no whitespace', (x) => x.replace(/<\?xml[^>]*>\s*/, '').replace(/>\s+</g, '><'), 'fast'],
  ['single-quoted attributes, spaces around =', (x) => x.replace(/ ([\w:-]+)="([^"]*)"/g, " $1 = '$2'"), 'fast'],
  ['attributes on new lines', (x) => x.replace(/ xmlns:/g, '\n    xmlns:'), 'fast'],
  [
    'namespace declared on the Inform element',
    (x) => x.replace('<cwmp:Inform>', '<cwmp:Inform xmlns:cwmp="urn:dslforum-org:cwmp-1-2">'),
    'fast',
  ],
  [
    'default namespace, unprefixed Inform',
    (x) => x.replace('<cwmp:Inform>', '<Inform xmlns="urn:dslforum-org:cwmp-1-0">').replace('</cwmp:Inform>', '</Inform>'),
    'fast',
  ],
  ['a value with > and quotes', (x) => x.replace('V1 &lt;beta&gt;', 'a>b "c" \'d\''), 'fast'],
  ['space before the self-closing slash', (x) => x.replace('<CommandKey/>', '<CommandKey />'), 'fast'],
  ['a comment', (x) => x.replace('<MaxEnvelopes>', '<!-- hi --><MaxEnvelopes>'), 'either'],
  ['CDATA in a value', (x) => x.replace('V1 &lt;beta&gt;', '<![CDATA[V1 <beta>]]>'), 'either'],
  ['a processing instruction inside', (x) => x.replace('<MaxEnvelopes>', '<?pi x?><MaxEnvelopes>'), 'either'],
  [
    'an attribute without a value',
    (x) => x.replace('<Value xsi:type="xsd:string">V1', '<Value checked xsi:type="xsd:string">V1'),
    'either',
  ],
  ['a duplicate attribute', (x) => x.replace('xsi:type="xsd:string">V1', 'xsi:type="xsd:int" xsi:type="xsd:string">V1'), 'either'],
  ['attributes without whitespace between', (x) => x.replace('soap-env:mustUnderstand="1"', 'a="1"b="2"'), 'either'],
  [
    'an element named constructor',
    (x) => x.replace('<MaxEnvelopes>1</MaxEnvelopes>', '<constructor>1</constructor><MaxEnvelopes>1</MaxEnvelopes>'),
    'either',
  ],
  ['an element named toString', (x) => x.replace('<MaxEnvelopes>1</MaxEnvelopes>', '<toString/><MaxEnvelopes>1</MaxEnvelopes>'), 'either'],
  [
    'a non-ASCII element name',
    (x) => x.replace('<MaxEnvelopes>1</MaxEnvelopes>', '<Größe>1</Größe><MaxEnvelopes>1</MaxEnvelopes>'),
    'either',
  ],
  ['text after the root', (x) => `${x}trailing`, 'either'],
  ['UTF-8 text in values', (x) => x.replace('Acme &amp; Sons', 'Ünïcødé 路由器'), 'fast'],
  ['end tag with trailing space', (x) => x.replace('</MaxEnvelopes>', '</MaxEnvelopes >'), 'either'],
];

/** The builder's input has passed scanXml (size, DTD, depth, well-formedness), as in parseXmlDocument. */
function scanned(xml: string): boolean {
  try {
    scanXml(xml, 64);
    return true;
  } catch {
    return false;
  }
}

function check(xml: string, expect: 'fast' | 'either', label: string): void {
  const fast = scanned(xml) ? fastTree(xml) : undefined;
  if (expect === 'fast') assert.notEqual(fast, undefined, `${label}: the fast path declined`);
  if (fast !== undefined) {
    let slow: unknown;
    try {
      slow = fastXmlParserTree(xml);
    } catch (err) {
      assert.fail(`${label}: fast-xml-parser refuses (${String(err)}) what the builder accepts: ${JSON.stringify(xml.slice(0, 120))}`);
    }
    assert.deepEqual(fast, slow, `${label}: trees differ`);
  }
  let viaFast: unknown;
  let viaSlow: unknown;
  try {
    viaFast = parseEnvelope(xml);
  } catch (err) {
    viaFast = { threw: String(err) };
  }
  try {
    viaSlow = parseEnvelope(xml, undefined, { fastPath: false });
  } catch (err) {
    viaSlow = { threw: String(err) };
  }
  assert.deepEqual(viaFast, viaSlow, `${label}: parseEnvelope differs`);
}

describe('Inform fast tree builder', () => {
  test('a canonical Inform and its variants: the same tree as fast-xml-parser, or deferred to it', () => {
    for (const [label, mutate, expect] of VARIANTS) check(mutate(CANONICAL), expect, label);
  });

  test('the simulator Informs (TR-098 and TR-181, several events) take the fast path', () => {
    for (const model of ['tr098', 'tr181'] as const) {
      check(simulatorInform(model, ['0 BOOTSTRAP', '1 BOOT', 'M Download']), 'fast', model);
    }
  });

  test("the project's Inform fixtures: the plain one takes the fast path, the one with CDATA is deferred", () => {
    check(decodeBody(fixture('tr181-inform-no-header.xml'), undefined), 'fast', 'tr181-inform-no-header.xml');
    const withCdata = decodeBody(fixture('tr098-inform.xml'), undefined);
    assert.equal(fastTree(withCdata), undefined);
    check(withCdata, 'either', 'tr098-inform.xml');
  });

  test('every captured CPE Inform gives the same result either way', { skip: samplesMissing }, () => {
    const informs = readdirSync(samplesDir).filter((f) => /Inform/.test(f) && !f.endsWith('.txt'));
    assert.ok(informs.length >= 10);
    let fastCount = 0;
    for (const file of informs) {
      const { body, contentType } = sampleBody(file);
      const xml = decodeBody(body, contentType);
      if (fastTree(xml) !== undefined) fastCount += 1;
      check(xml, 'either', file);
    }
    assert.ok(fastCount >= informs.length / 2, `only ${fastCount} of ${informs.length} captured Informs took the fast path`);
  });

  test('only Informs are offered to it', () => {
    assert.equal(looksLikeInform(CANONICAL), true);
    assert.equal(looksLikeInform(decodeBody(fixture('gpv-response.xml'), undefined)), false);
    assert.equal(looksLikeInform('<a><InformResponse/></a>'), false);
  });

  test('random damage never makes the two paths disagree', () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['<', '>', '/', '"', "'", '=', ' ', '&', 'a', ':', '\r', '\n', '<!--', '?>'];
    for (let i = 0; i < DAMAGE_ROUNDS; i++) {
      const at = rand(CANONICAL.length);
      const damaged = CANONICAL.slice(0, at) + (pieces[rand(pieces.length)] ?? '') + CANONICAL.slice(at + rand(3));
      check(damaged, 'either', `damage ${i} at ${at}`);
    }
  });
});
