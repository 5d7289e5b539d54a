// buildEnvelope: one ACS message -> the SOAP envelope text sent to the CPE.
// Plain and strict on purpose (see docs/cwmp-notes.md "What the ACS sends"): no XML declaration,
// the literal `cwmp:` prefix, and always a SOAP Header with cwmp:ID, because some embedded
// clients look elements up by prefix or crash without the header.
import type { AcsOutgoing, CwmpVersion, OutgoingEnvelope } from '../messages.ts';
import { acsRequestBuilders } from './build-acs-requests.ts';
import { acsResponseBuilders } from './build-acs-responses.ts';
import type { BuildContext } from './build-util.ts';
import { CwmpBuildError } from './errors.ts';
import { cwmpNamespace, SOAP_ENC_NS, SOAP_ENV_NS, versionAtLeast, XSD_NS, XSI_NS } from './namespaces.ts';
import { methodMinVersion } from './rpc-versions.ts';
import { escapeText, UnrepresentableTextError } from './xml-escape.ts';

type OutgoingByName = { [M in AcsOutgoing as M['name']]: M };
type OutgoingBuilders = { [K in keyof OutgoingByName]: (m: OutgoingByName[K], ctx: BuildContext) => string };

const builders: OutgoingBuilders = { ...acsRequestBuilders, ...acsResponseBuilders };

function envelopeOpen(version: CwmpVersion): string {
  return (
    `<soap-env:Envelope xmlns:soap-env="${SOAP_ENV_NS}" xmlns:soap-enc="${SOAP_ENC_NS}"` +
    ` xmlns:xsd="${XSD_NS}" xmlns:xsi="${XSI_NS}" xmlns:cwmp="${cwmpNamespace(version)}">`
  );
}

const ENVELOPE_OPEN: Readonly<Record<CwmpVersion, string>> = {
  '1.0': envelopeOpen('1.0'),
  '1.1': envelopeOpen('1.1'),
  '1.2': envelopeOpen('1.2'),
  '1.3': envelopeOpen('1.3'),
  '1.4': envelopeOpen('1.4'),
};

// K is inferred from the call site; indexing `builders` with it keeps message and builder correlated.
function buildBody<K extends keyof OutgoingByName>(name: K, message: OutgoingByName[K], ctx: BuildContext): string {
  const build: OutgoingBuilders[K] = builders[name];
  return build(message, ctx);
}

/**
 * Builds the SOAP envelope for one ACS request or response.
 * @throws CwmpBuildError when the RPC does not exist in `env.version` (e.g. ScheduleDownload in
 * 1.0), or an argument cannot be sent (a negative unsignedInt, a control character in a value).
 */
export function buildEnvelope(env: OutgoingEnvelope): string {
  const { version, body } = env;
  const method = body.name;
  const min = methodMinVersion(method);
  if (min !== undefined && !versionAtLeast(version, min)) {
    throw new CwmpBuildError(method, version, `${method} is not defined in ${cwmpNamespace(version)}; it needs CWMP ${min} or later`);
  }
  const ctx: BuildContext = { version, method };
  try {
    return (
      `${ENVELOPE_OPEN[version]}<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">${escapeText(env.id)}</cwmp:ID>` +
      `</soap-env:Header><soap-env:Body>${buildBody(body.name, body, ctx)}</soap-env:Body></soap-env:Envelope>`
    );
  } catch (err) {
    if (err instanceof UnrepresentableTextError) throw new CwmpBuildError(method, version, err.message);
    throw err;
  }
}
