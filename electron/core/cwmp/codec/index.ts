// Public API of the SOAP/CWMP codec (TR-069 Annex A). Everything else in this folder is internal.
//
// Parsing (CPE -> ACS) is lenient: elements are matched by namespace URI, never by prefix;
// struct members are matched by local name in any order and any (or no) namespace; numbers,
// booleans and dateTimes that are odd become `warnings` on the ParsedEnvelope, never exceptions.
// Parameter Value text is kept exactly as sent (entities decoded, XML line ends normalised, NOT
// trimmed, so a whitespace-only or padded value survives); names, codes, keys and IDs are trimmed.
// Only bodies that cannot be understood throw CwmpParseError: malformed XML, not SOAP, an unknown
// method (with its name, cwmp:ID and version), over the size/depth limits, or any DTD.
//
// Building (ACS -> CPE) is strict and plain: string templates, no XML declaration, literal
// `cwmp:` prefix, always a SOAP Header with cwmp:ID, SOAP-encoded arrays with arrayType, and
// CwmpBuildError for an RPC the target CWMP version's schema lacks or an unsendable argument.
export { parseEnvelope } from './parse-envelope.ts';
export { buildEnvelope } from './build.ts';
export { decodeBody } from './charset.ts';
export { cwmpNamespace } from './namespaces.ts';
export { CwmpParseError, CwmpBuildError } from './errors.ts';
export type { CwmpParseErrorKind, CwmpParseErrorDetails } from './errors.ts';
export type { XmlLimits } from './xml.ts';
export { DEFAULT_XML_LIMITS } from './xml.ts';
