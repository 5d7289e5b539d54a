// decodeBody: UTF-8 by default, ISO-8859-1 when the Content-Type or the XML declaration says so,
// BOMs removed, undeclared non-UTF-8 bytes read as Latin-1.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeBody } from '../../electron/core/cwmp/codec/index.ts';

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('decodeBody', () => {
  test('UTF-8 without any charset information', () => {
    assert.equal(decodeBody(utf8('<a>Café</a>'), undefined), '<a>Café</a>');
    assert.equal(decodeBody(utf8('<a>Café</a>'), 'text/html'), '<a>Café</a>');
  });

  test('ISO-8859-1 from the Content-Type charset, quoted or not, any case', () => {
    assert.equal(decodeBody(latin1('<a>Café</a>'), 'text/xml; charset=ISO-8859-1'), '<a>Café</a>');
    assert.equal(decodeBody(latin1('<a>Ü</a>'), 'text/xml;charset="iso-8859-1"'), '<a>Ü</a>');
  });

  test('ISO-8859-1 from the XML declaration', () => {
    const body = latin1('<?xml version="1.0" encoding="ISO-8859-1"?><a>naïve</a>');
    assert.equal(decodeBody(body, 'text/xml'), '<?xml version="1.0" encoding="ISO-8859-1"?><a>naïve</a>');
  });

  test('the Content-Type charset wins over the XML declaration (RFC 7303)', () => {
    const body = utf8("<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>");
    assert.equal(decodeBody(body, 'text/xml; charset=utf-8'), "<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>");
  });

  test('a UTF-8 byte order mark is removed and wins over a declared charset', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('<a>é</a>')]);
    assert.equal(decodeBody(body, undefined), '<a>é</a>');
    assert.equal(decodeBody(body, 'text/xml; charset=ISO-8859-1'), '<a>é</a>');
  });

  test('UTF-16 with a byte order mark', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>é</a>', 'utf16le')]);
    assert.equal(decodeBody(le, undefined), '<a>é</a>');
    const be = Buffer.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('<a>é</a>', 'utf16le').swap16()]));
    assert.equal(decodeBody(be, undefined), '<a>é</a>');
  });

  test('undeclared bytes that are not UTF-8 are read as ISO-8859-1', () => {
    assert.equal(decodeBody(latin1('<a>Café</a>'), undefined), '<a>Café</a>');
    // Declared UTF-8 stays UTF-8 (invalid bytes become U+FFFD) rather than guessing.
    assert.equal(decodeBody(latin1('<a>Café</a>'), 'text/xml; charset=utf-8'), '<a>Caf\uFFFD</a>');
  });
});
