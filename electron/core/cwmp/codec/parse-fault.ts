// SOAP Fault from the CPE (TR-069 A.5): faultcode/faultstring plus the cwmp:Fault detail with
// optional SetParameterValuesFault entries. Tolerates an unprefixed or prefixed faultcode, a
// missing detail, and netcwmp's <detail> nested inside <faultstring>.
import type { CpeFault, CwmpVersion, SetParameterValuesFaultEntry } from '../messages.ts';
import { versionOfNamespace } from './namespaces.ts';
import type { ParseContext } from './values.ts';
import { readInt } from './values.ts';
import type { XmlElement } from './xml.ts';
import { childElements, fieldsOf, text } from './xml.ts';

/** The cwmp:Fault element inside <detail>, matched by local name (its namespace gives the version). */
function findCwmpFault(ctx: ParseContext, fault: Record<string, XmlElement>): XmlElement | undefined {
  let detail = fault['detail'];
  if (detail === undefined) {
    const faultString = fault['faultstring'];
    detail = faultString === undefined ? undefined : fieldsOf(faultString)['detail'];
    if (detail !== undefined) ctx.warnings.push('SOAP Fault has <detail> nested inside <faultstring>');
  }
  if (detail === undefined) return undefined;
  return childElements(detail).find((c) => c.local === 'Fault');
}

function parseSpvFaults(ctx: ParseContext, cwmpFault: XmlElement): SetParameterValuesFaultEntry[] {
  const out: SetParameterValuesFaultEntry[] = [];
  for (const child of childElements(cwmpFault)) {
    if (child.local !== 'SetParameterValuesFault') continue;
    const f = fieldsOf(child);
    const parameterName = text(f['ParameterName']);
    out.push({
      parameterName,
      code: readInt(ctx, f['FaultCode'], `SetParameterValuesFault/FaultCode of ${parameterName}`),
      string: text(f['FaultString']),
    });
  }
  return out;
}

/** Parses a SOAP Fault element; also reports the CWMP version its cwmp:Fault detail declares. */
export function parseFault(el: XmlElement, ctx: ParseContext): { message: CpeFault; version: CwmpVersion | undefined } {
  const f = fieldsOf(el);
  const cwmpFault = findCwmpFault(ctx, f);
  if (cwmpFault === undefined) ctx.warnings.push('SOAP Fault has no cwmp:Fault detail');
  const detail: Record<string, XmlElement> = cwmpFault === undefined ? {} : fieldsOf(cwmpFault);
  const message: CpeFault = {
    name: 'Fault',
    faultCode: text(f['faultcode']),
    faultString: text(f['faultstring']),
    code: detail['FaultCode'] === undefined ? 0 : readInt(ctx, detail['FaultCode'], 'cwmp:Fault/FaultCode'),
    string: text(detail['FaultString']),
    setParameterValuesFaults: cwmpFault === undefined ? [] : parseSpvFaults(ctx, cwmpFault),
  };
  const version = cwmpFault?.ns === undefined ? undefined : versionOfNamespace(cwmpFault.ns);
  return { message, version };
}
