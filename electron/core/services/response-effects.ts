// What a CPE's answer to an ACS request changes in the stored view of the device.
import type { AcsRequest, CpeResponse } from '../cwmp/messages.ts';
import type { Store } from '../store/index.ts';

export function applyResponseToStore(store: Store, deviceId: string, request: AcsRequest, response: CpeResponse, at: Date): void {
  switch (response.name) {
    case 'GetParameterValuesResponse':
      store.parameters.upsertValues(deviceId, response.parameterList, at);
      return;
    case 'GetParameterNamesResponse':
      store.parameters.upsertNames(deviceId, response.parameterList, at);
      return;
    case 'SetParameterValuesResponse':
      if (request.name === 'SetParameterValues') store.parameters.upsertValues(deviceId, request.parameterList, at);
      return;
    case 'DeleteObjectResponse':
      if (request.name === 'DeleteObject') store.parameters.deleteSubtree(deviceId, request.objectName);
      return;
    case 'AddObjectResponse':
      if (request.name === 'AddObject') {
        store.parameters.upsertNames(deviceId, [{ name: `${request.objectName}${response.instanceNumber}.`, writable: true }], at);
      }
      return;
    default:
      return;
  }
}
