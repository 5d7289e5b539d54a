// Namespace URIs the codec matches elements and attributes by. Prefixes are never compared:
// CPEs use soap-env, SOAP-ENV, soapenv, soap_env, and Thomson/MikroTik bind `soap` to the
// *encoding* namespace.
import type { CwmpVersion } from '../messages.ts';

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP_ENC_NS = 'http://schemas.xmlsoap.org/soap/encoding/';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** XML Schema namespaces as seen in the wild (netcwmp still sends the 1999 drafts). */
export const XSD_NAMESPACES: ReadonlySet<string> = new Set([
  XSD_NS,
  'http://www.w3.org/2000/10/XMLSchema',
  'http://www.w3.org/1999/XMLSchema',
]);
export const XSI_NAMESPACES: ReadonlySet<string> = new Set([
  XSI_NS,
  'http://www.w3.org/2000/10/XMLSchema-instance',
  'http://www.w3.org/1999/XMLSchema-instance',
]);

const CWMP_NS_PREFIX = 'urn:dslforum-org:cwmp-1-';

/**
 * The CWMP namespace the ACS uses for a protocol version. CWMP 1.3 and 1.4 kept the
 * urn:dslforum-org:cwmp-1-2 namespace (TR-069 Amendment 5/6, cwmp-1-3.xsd and cwmp-1-4.xsd).
 */
export function cwmpNamespace(version: CwmpVersion): string {
  switch (version) {
    case '1.0':
      return 'urn:dslforum-org:cwmp-1-0';
    case '1.1':
      return 'urn:dslforum-org:cwmp-1-1';
    case '1.2':
    case '1.3':
    case '1.4':
      return 'urn:dslforum-org:cwmp-1-2';
  }
}

/**
 * The CWMP version a namespace URI stands for, or undefined when it is not a CWMP namespace.
 * cwmp-1-2 is reported as '1.2' (1.3/1.4 CPEs use it too; the ACS answers in that namespace).
 * The non-standard cwmp-1-3/cwmp-1-4 URIs map to 1.3/1.4 so such a CPE still gets an answer.
 */
export function versionOfNamespace(uri: string): CwmpVersion | undefined {
  if (!uri.startsWith(CWMP_NS_PREFIX) || uri.length !== CWMP_NS_PREFIX.length + 1) return undefined;
  switch (uri.charCodeAt(CWMP_NS_PREFIX.length)) {
    case 48:
      return '1.0';
    case 49:
      return '1.1';
    case 50:
      return '1.2';
    case 51:
      return '1.3';
    case 52:
      return '1.4';
    default:
      return undefined;
  }
}

export function isCwmpNamespace(uri: string): boolean {
  return versionOfNamespace(uri) !== undefined;
}

const VERSION_ORDER: Record<CwmpVersion, number> = { '1.0': 0, '1.1': 1, '1.2': 2, '1.3': 3, '1.4': 4 };

/** True when `version` is `min` or later. */
export function versionAtLeast(version: CwmpVersion, min: CwmpVersion): boolean {
  return VERSION_ORDER[version] >= VERSION_ORDER[min];
}
