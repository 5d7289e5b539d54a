// parseEnvelope: one CPE HTTP body (already decoded to text) -> ParsedEnvelope.
// Elements are matched by namespace URI, never by prefix. Lenient-parse findings are returned
// in `warnings`; only bodies that cannot be understood at all throw CwmpParseError.
import type { CpeBody, CwmpVersion, ParsedEnvelope } from '../messages.ts';
import { CwmpParseError } from './errors.ts';
import { SOAP_ENV_NS, versionAtLeast, versionOfNamespace } from './namespaces.ts';
import { cpeRequestParsers } from './parse-cpe-requests.ts';
import { cpeResponseParsers } from './parse-cpe-responses.ts';
import { parseFault } from './parse-fault.ts';
import { methodMinVersion } from './rpc-versions.ts';
import { looksLikeInform } from './xml-fast-tree.ts';
import type { ParseContext } from './values.ts';
import { readBool } from './values.ts';
import type { NsScope, XmlElement, XmlLimits } from './xml.ts';
import { childElements, parseXmlDocument, resolveLimits, text } from './xml.ts';

interface HeaderInfo {
  id: string | undefined;
  holdRequests: boolean;
  noMoreRequests: boolean;
  version: CwmpVersion | undefined;
}

function parseHeader(header: XmlElement | undefined, ctx: ParseContext): HeaderInfo {
  const info: HeaderInfo = { id: undefined, holdRequests: false, noMoreRequests: false, version: undefined };
  if (header === undefined) return info;
  for (const el of childElements(header)) {
    // A CPE that forgot to declare its `cwmp` prefix (ns undefined) still gets its ID echoed.
    const version = el.ns === undefined ? undefined : versionOfNamespace(el.ns);
    if (version === undefined && el.ns !== undefined) continue;
    info.version ??= version;
    if (el.local === 'ID') info.id = text(el);
    else if (el.local === 'HoldRequests') info.holdRequests = readBool(ctx, el, 'HoldRequests header');
    else if (el.local === 'NoMoreRequests') info.noMoreRequests = readBool(ctx, el, 'NoMoreRequests header');
  }
  return info;
}

/** A CWMP namespace declared on the Envelope or above, as a last resort for the version. */
function declaredVersion(scope: NsScope): CwmpVersion | undefined {
  for (let s: NsScope | undefined = scope; s !== undefined; s = s.parent) {
    for (const prefix in s.bindings) {
      const uri = s.bindings[prefix];
      const version = uri === undefined ? undefined : versionOfNamespace(uri);
      if (version !== undefined) return version;
    }
  }
  return undefined;
}

function envelopeParts(root: XmlElement): { header: XmlElement | undefined; body: XmlElement } {
  if (root.local !== 'Envelope' || root.ns !== SOAP_ENV_NS) {
    throw new CwmpParseError(
      'not-soap',
      `no SOAP Envelope element: the root element is <${root.qname}> in namespace '${root.ns ?? '(undeclared prefix)'}'`,
    );
  }
  let header: XmlElement | undefined;
  let body: XmlElement | undefined;
  for (const el of childElements(root)) {
    if (el.ns !== SOAP_ENV_NS) continue;
    if (el.local === 'Header') header ??= el;
    else if (el.local === 'Body') body ??= el;
  }
  if (body === undefined) throw new CwmpParseError('not-soap', 'SOAP Envelope has no Body element');
  return { header, body };
}

function rpcElement(body: XmlElement, ctx: ParseContext, header: HeaderInfo): XmlElement {
  const elements = childElements(body);
  const rpc = elements[0];
  if (rpc === undefined) {
    throw new CwmpParseError('not-soap', 'SOAP Body is empty', { id: header.id, version: header.version });
  }
  if (elements.length > 1) ctx.warnings.push(`SOAP Body has ${elements.length} elements; only <${rpc.qname}> is used`);
  return rpc;
}

// Object.hasOwn, not `in`: a body element named 'constructor' or 'toString' is an unknown method.
function isRequestMethod(method: string): method is keyof typeof cpeRequestParsers {
  return Object.hasOwn(cpeRequestParsers, method);
}

function isResponseMethod(method: string): method is keyof typeof cpeResponseParsers {
  return Object.hasOwn(cpeResponseParsers, method);
}

function parseRpc(rpc: XmlElement, ctx: ParseContext, header: HeaderInfo, fallback: CwmpVersion): { body: CpeBody; version: CwmpVersion } {
  const version = (rpc.ns === undefined ? undefined : versionOfNamespace(rpc.ns)) ?? header.version ?? fallback;
  if (rpc.ns === undefined || versionOfNamespace(rpc.ns) === undefined) {
    ctx.warnings.push(`<${rpc.qname}> is not in a CWMP namespace (namespace '${rpc.ns ?? 'undeclared'}')`);
  }
  const method = rpc.local;
  let body: CpeBody;
  if (isRequestMethod(method)) {
    body = { kind: 'request', message: cpeRequestParsers[method](rpc, ctx) };
  } else if (isResponseMethod(method)) {
    body = { kind: 'response', message: cpeResponseParsers[method](rpc, ctx) };
  } else {
    throw new CwmpParseError('unknown-method', `unknown CWMP method '${method}'`, { method, id: header.id, version });
  }
  const min = methodMinVersion(method);
  if (min !== undefined && !versionAtLeast(version, min)) {
    ctx.warnings.push(`${method} is not defined in CWMP ${version} (it needs ${min} or later)`);
  }
  return { body, version };
}

/**
 * Parses one SOAP/CWMP envelope sent by a CPE. An Inform takes the fast tree builder unless
 * `options.fastPath` is false (the differential tests compare both).
 * @throws CwmpParseError when the body is not XML, not SOAP, an unknown method, or over a limit.
 */
export function parseEnvelope(xml: string, limits?: Partial<XmlLimits>, options: { fastPath?: boolean } = {}): ParsedEnvelope {
  const source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const fast = (options.fastPath ?? true) && looksLikeInform(source);
  const { root, trailingText } = parseXmlDocument(source, resolveLimits(limits), fast);
  const ctx: ParseContext = { warnings: [] };
  if (trailingText) ctx.warnings.push('text after the SOAP Envelope was ignored');
  const parts = envelopeParts(root);
  const header = parseHeader(parts.header, ctx);
  if (header.id === undefined) ctx.warnings.push('no cwmp:ID in a SOAP Header');
  const rpc = rpcElement(parts.body, ctx, header);
  const fallback = declaredVersion(root.scope) ?? '1.0';
  let parsed: { body: CpeBody; version: CwmpVersion };
  if (rpc.local === 'Fault' && rpc.ns === SOAP_ENV_NS) {
    const fault = parseFault(rpc, ctx);
    parsed = { body: { kind: 'fault', message: fault.message }, version: fault.version ?? header.version ?? fallback };
  } else {
    parsed = parseRpc(rpc, ctx, header, fallback);
  }
  if (header.version !== undefined && header.version !== parsed.version) {
    ctx.warnings.push(`SOAP Header uses CWMP ${header.version} but the body uses CWMP ${parsed.version}`);
  }
  return {
    version: parsed.version,
    id: header.id,
    holdRequests: header.holdRequests,
    noMoreRequests: header.noMoreRequests,
    body: parsed.body,
    warnings: ctx.warnings,
  };
}
