// The first lines of a subscriber CSV as the import dialog previews them: the header's columns
// and a few rows, split the way billing exports write them (comma, semicolon or tab; quoted
// fields with doubled quotes and line breaks). Pure; the core parses the whole file itself.

export interface CsvPreview {
  delimiter: ',' | ';' | '\t';
  columns: string[];
  rows: string[][];
  /** Data lines in the file (without the header and blank lines). */
  lineCount: number;
}

/** The delimiter the header line uses most (comma when none). */
export function detectDelimiter(headerLine: string): CsvPreview['delimiter'] {
  const counts = ([',', ';', '\t'] as const).map((d) => [d, headerLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] === 0 ? ',' : best[0];
}

/** Splits CSV text into records (RFC 4180 quoting). */
export function parseCsv(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0]?.trim() === ''));
}

export function previewCsv(text: string, maxRows = 5): CsvPreview {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const [header = [], ...rows] = parseCsv(text, delimiter);
  return { delimiter, columns: header.map((h) => h.trim()), rows: rows.slice(0, maxRows), lineCount: rows.length };
}

/** What a CSV field is called in the dialog. */
export const fieldLabels = {
  accountId: 'Account id',
  name: 'Name',
  serial: 'Router serial',
  mac: 'Router MAC',
  pppoeUsername: 'PPPoE user',
  pppoePassword: 'PPPoE password',
  wifiSsid: 'Wi-Fi name',
  wifiKey: 'Wi-Fi key',
  tags: 'Tags',
} as const;
