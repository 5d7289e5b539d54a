// An InformRequest for tests that need a device in the store without going through HTTP.
import type { InformRequest, ParameterValue } from '../../electron/core/cwmp/messages.ts';

export interface InformSpec {
  serial: string;
  oui?: string;
  productClass?: string;
  manufacturer?: string;
  /** Event codes; an 'M ...' code carries `commandKey`. */
  events?: string[];
  commandKey?: string;
  parameters?: ParameterValue[];
}

export function makeInform(spec: InformSpec): InformRequest {
  return {
    name: 'Inform',
    deviceId: {
      manufacturer: spec.manufacturer ?? 'Acme',
      oui: spec.oui ?? 'a0b1c2',
      productClass: spec.productClass ?? 'Box',
      serialNumber: spec.serial,
    },
    events: (spec.events ?? ['2 PERIODIC']).map((code) => ({ code, commandKey: code.startsWith('M ') ? (spec.commandKey ?? '') : '' })),
    maxEnvelopes: 1,
    currentTime: '',
    retryCount: 0,
    parameterList: spec.parameters ?? [],
  };
}
