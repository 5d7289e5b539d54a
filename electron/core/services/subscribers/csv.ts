// A billing export as text: bytes decoded as UTF-8 (a BOM tolerated; UTF-16 and invalid UTF-8
// refused with a message that says how to save the file), then records split RFC 4180 style
// with the delimiter the header uses (',' ';' or tab), quoted fields holding delimiters, doubled
// quotes and line breaks. Each record keeps the line it starts on (1 = the header).
import { AcsError } from '../../../../shared/errors.ts';

export interface CsvRecord {
  /** The line of the file the record starts on (1-based). */
  line: number;
  fields: string[];
}

export interface ParsedCsv {
  delimiter: string;
  records: CsvRecord[];
  /** Records that could not be read (an unclosed quote). */
  errors: { line: number; message: string }[];
}

const SAVE_AS = "save it as 'CSV UTF-8' (or any UTF-8 text) and import it again";

/** The file's text; throws bad_request for UTF-16 or bytes that are not UTF-8. */
export function decodeCsv(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.startsWith('\uFEFF') ? input.slice(1) : input;
  const bytes = input;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new AcsError('bad_request', `the file is UTF-16 text (it starts with a UTF-16 byte order mark); ${SAVE_AS}`);
  const zeros = bytes.subarray(0, 4096).filter((b) => b === 0).length;
  if (zeros > 0) throw new AcsError('bad_request', `the file holds NUL bytes: it is UTF-16 text or not text at all; ${SAVE_AS}`);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const line = firstBadUtf8Line(bytes.subarray(start));
    throw new AcsError(
      'bad_request',
      `the file is not UTF-8 text (line ${line} holds bytes that are not UTF-8: probably Latin-1 or Windows-1252); ${SAVE_AS}`,
    );
  }
}

/** The line holding the first byte sequence that is not UTF-8. */
function firstBadUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(lineStart, i));
      } catch {
        return line;
      }
      line += 1;
      lineStart = i + 1;
    }
  }
  return line;
}

/** The delimiter the header line uses most, outside quotes (',' when none). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Splits the text into records; blank lines are skipped. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): ParsedCsv {
  const records: CsvRecord[] = [];
  const errors: ParsedCsv['errors'] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let wasQuoted = false;
    let ended = false;
    for (; i < text.length && !ended; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else {
          if (c === '\n') line++;
          field += c;
        }
      } else if (c === '"' && field.trim() === '' && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        field = '';
      } else if (c === delimiter) {
        fields.push(field);
        field = '';
        wasQuoted = false;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        line++;
        ended = true;
      } else if (!(wasQuoted && (c === ' ' || c === '\t'))) field += c;
    }
    if (quoted) {
      errors.push({ line: start, message: 'a quoted field is not closed (a " is missing) before the end of the file' });
      break;
    }
    fields.push(field);
    if (fields.length === 1 && fields[0]?.trim() === '') continue;
    records.push({ line: start, fields });
  }
  return { delimiter, records, errors };
}
