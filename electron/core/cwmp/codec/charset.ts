// Turns an HTTP request body into text. UTF-8 by default; ISO-8859-1 when the Content-Type
// charset or the XML declaration says so (Thomson sends `text/xml; charset=ISO-8859-1`).
// Precedence follows RFC 7303 §3.2: byte order mark, then Content-Type charset, then the
// XML declaration.

type Charset = 'utf8' | 'latin1' | 'utf16le' | 'utf16be';

const CHARSET_PARAM = /charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i;
const XML_DECL_ENCODING = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

function charsetOfLabel(label: string): Charset | undefined {
  switch (label.toLowerCase()) {
    case 'utf-8':
    case 'utf8':
      return 'utf8';
    case 'iso-8859-1':
    case 'iso8859-1':
    case 'iso_8859-1':
    case 'latin1':
    case 'latin-1':
    case 'l1':
    case 'us-ascii':
    case 'ascii':
      return 'latin1';
    case 'utf-16':
    case 'utf-16le':
      return 'utf16le';
    case 'utf-16be':
      return 'utf16be';
    default:
      return undefined;
  }
}

function charsetOfBom(bytes: Buffer): { charset: Charset; skip: number } | undefined {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return { charset: 'utf8', skip: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { charset: 'utf16le', skip: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { charset: 'utf16be', skip: 2 };
  return undefined;
}

function charsetOfDeclaration(bytes: Buffer): Charset | undefined {
  // The declaration is ASCII in every charset we accept; 200 bytes covers any real one.
  const head = bytes.toString('latin1', 0, Math.min(bytes.length, 200));
  const m = XML_DECL_ENCODING.exec(head);
  return m?.[1] === undefined ? undefined : charsetOfLabel(m[1]);
}

function decodeAs(bytes: Buffer, charset: Charset): string {
  if (charset === 'utf16be') {
    const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  return bytes.toString(charset);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 when the bytes are valid UTF-8 (checked and decoded in one pass), else ISO-8859-1. */
function utf8OrLatin1(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/**
 * Decodes a CPE's HTTP body. Without any charset information, bytes that are not valid UTF-8
 * are read as ISO-8859-1 instead of being mangled into U+FFFD (old firmware sends Latin-1
 * SSIDs without saying so). A leading byte order mark is removed.
 */
export function decodeBody(bytes: Buffer, contentType: string | undefined): string {
  const bom = charsetOfBom(bytes);
  let text: string;
  if (bom !== undefined) {
    text = decodeAs(bytes.subarray(bom.skip), bom.charset);
  } else {
    const label = contentType === undefined ? undefined : CHARSET_PARAM.exec(contentType)?.[1];
    const declared = (label === undefined ? undefined : charsetOfLabel(label)) ?? charsetOfDeclaration(bytes);
    if (declared !== undefined) text = decodeAs(bytes, declared);
    else text = utf8OrLatin1(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
