// The subscriber import dialog's preview (renderer/src/pages/provisioning/subscribers/csv-preview.ts):
// delimiter detection, RFC 4180 quoting, the header's columns and the count of data lines.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectDelimiter, parseCsv, previewCsv } from '../../renderer/src/pages/provisioning/subscribers/csv-preview.ts';

describe('subscriber CSV preview', () => {
  test('the delimiter the header uses most: comma, semicolon or tab', () => {
    assert.equal(detectDelimiter('account,name,serial'), ',');
    assert.equal(detectDelimiter('account;name;serial'), ';');
    assert.equal(detectDelimiter('account\tname\tserial'), '\t');
    assert.equal(detectDelimiter('account'), ',');
  });

  test('quoted fields keep commas, doubled quotes and line breaks', () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n', ',');
    assert.deepEqual(rows, [
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'z'],
    ]);
  });

  test('preview: columns trimmed, a BOM dropped, blank lines not counted, at most N rows', () => {
    const text = '\uFEFFAccount ; Name;Serial\n1;Ann;S1\n\n2;Bob;S2\n3;Cy;S3\n';
    const p = previewCsv(text, 2);
    assert.equal(p.delimiter, ';');
    assert.deepEqual(p.columns, ['Account', 'Name', 'Serial']);
    assert.equal(p.lineCount, 3);
    assert.deepEqual(p.rows, [
      ['1', 'Ann', 'S1'],
      ['2', 'Bob', 'S2'],
    ]);
  });

  test('a file without a trailing newline and an empty file', () => {
    assert.deepEqual(parseCsv('a,b\n1,2', ','), [
      ['a', 'b'],
      ['1', '2'],
    ]);
    const empty = previewCsv('');
    assert.deepEqual(empty.columns, []);
    assert.equal(empty.lineCount, 0);
  });
});
