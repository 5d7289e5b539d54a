// Ways real CPEs get GetParameterNames and GetParameterValues wrong, for tests of the ACS's
// tolerance (issue #13): a CPE that drops the connection on a partial path instead of answering
// with a fault, one whose GetParameterNames lists only parameters, answers carrying parameters
// nobody asked for, leaving requested names out, or answering an object as if it were a value.
// Pure: the session client asks `dropsOn`, the CPE passes its answers through `distort*`.

import type { AcsRequest, ParameterInfo, ParameterValue } from '../core/cwmp/messages.ts';

export interface CpeMisbehaviour {
  /** A GetParameterValues naming a partial path ('X.Y.') gets no answer: the CPE closes the connection. */
  dropOnPartialPathGpv?: boolean;
  /** GetParameterNames lists parameters only, never an object ('X.', 'X.1.'). */
  gpnLeavesOnly?: boolean;
  /** Every GetParameterValues answer also carries this parameter, asked for or not. */
  extraGpvParameter?: ParameterValue;
  /** Parameters left out of every GetParameterValues answer, even when named. */
  omitGpvNames?: string[];
  /** A GetParameterValues of a partial path also answers the object itself as a value ('X.Y.' = ''). */
  objectAsValue?: boolean;
}

/** True when the CPE drops the session on this request instead of answering it. */
export function dropsOn(m: CpeMisbehaviour, request: AcsRequest): boolean {
  return (
    m.dropOnPartialPathGpv === true &&
    request.name === 'GetParameterValues' &&
    request.parameterNames.some((n) => n === '' || n.endsWith('.'))
  );
}

export function distortNames(m: CpeMisbehaviour, list: ParameterInfo[]): ParameterInfo[] {
  return m.gpnLeavesOnly === true ? list.filter((p) => !p.name.endsWith('.')) : list;
}

export function distortValues(m: CpeMisbehaviour, requested: string[], list: ParameterValue[]): ParameterValue[] {
  const omit = new Set(m.omitGpvNames ?? []);
  const out = list.filter((v) => !omit.has(v.name));
  if (m.objectAsValue === true) {
    for (const path of requested) if (path !== '' && path.endsWith('.')) out.unshift({ name: path, value: '', type: 'xsd:string' });
  }
  if (m.extraGpvParameter !== undefined) out.push({ ...m.extraGpvParameter });
  return out;
}
