// What a CPE's answers may store (services/response-effects.ts) and what a device taught
// (store.learnedQuirks, quirks.learnedQuirks), on a real store.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Logger } from '../../electron/core/acs-types.ts';
import { deviceIdOf } from '../../electron/core/cwmp/device-id.ts';
import { applyResponseToStore, checkNamesAnswer, checkValuesAnswer } from '../../electron/core/services/response-effects.ts';
import { learnedQuirks } from '../../electron/core/services/quirks.ts';
import { makeInform } from '../helpers/inform.ts';
import { tempStore } from '../helpers/temp-store.ts';

const store = tempStore('response-effects');
const inform = makeInform({ serial: 'RE-1', parameters: [{ name: 'Device.DeviceInfo.SoftwareVersion', value: '1', type: 'xsd:string' }] });
store.informs.record({ inform, remoteAddress: '127.0.0.1', cwmpVersion: '1.0', at: new Date(), warnings: [] });
const id = deviceIdOf(inform.deviceId);
const at = new Date();

function capture(): { log: Logger; warned: string[] } {
  const warned: string[] = [];
  return { warned, log: { info: () => {}, warn: (msg) => warned.push(msg), error: () => {} } };
}

const value = (name: string, v = 'x'): { name: string; value: string; type: string } => ({ name, value: v, type: 'xsd:string' });

describe('answers sorted out against their requests', () => {
  test('a GetParameterNames answer: names outside the path asked for are logged and not stored', () => {
    const { log, warned } = capture();
    const parameterList = [
      { name: 'Device.WiFi.', writable: false },
      { name: 'Device.WiFi.SSID.1.SSID', writable: true },
      { name: 'Device.Elsewhere.Planted', writable: true },
    ];
    applyResponseToStore(
      store,
      id,
      { name: 'GetParameterNames', parameterPath: 'Device.WiFi.', nextLevel: false },
      { name: 'GetParameterNamesResponse', parameterList },
      at,
      log,
    );
    assert.equal(store.parameters.get(id, 'Device.WiFi.SSID.1.SSID')?.writable, true);
    assert.equal(store.parameters.get(id, 'Device.Elsewhere.Planted'), undefined);
    assert.equal(warned.length, 1);
    assert.deepEqual(checkNamesAnswer('Device.WiFi.SSID.1.SSID', parameterList).unrequested, ['Device.WiFi.', 'Device.Elsewhere.Planted']);
    assert.deepEqual(checkNamesAnswer('', parameterList).unrequested, []);
  });

  test('a GetParameterValues answer: unasked parameters, objects as values and left-out names', () => {
    store.parameters.upsertNames(id, [{ name: 'Device.Obj.', writable: false }], at);
    const requested = ['Device.A.B', 'Device.A.Gone', 'Device.C.', 'Device.Obj'];
    const response = {
      name: 'GetParameterValuesResponse' as const,
      parameterList: [value('Device.A.B'), value('Device.C.D'), value('Device.C.'), value('Device.Obj'), value('Device.E')],
    };
    const checked = checkValuesAnswer(store, id, requested, response);
    assert.deepEqual(
      checked.values.map((v) => v.name),
      ['Device.A.B', 'Device.C.D'],
    );
    assert.deepEqual(checked.unrequested, ['Device.E']);
    assert.deepEqual(checked.objectValues, ['Device.C.', 'Device.Obj']);
    assert.deepEqual(checked.missing, ['Device.A.Gone']);
    const { log, warned } = capture();
    applyResponseToStore(store, id, { name: 'GetParameterValues', parameterNames: requested }, response, at, log);
    assert.equal(store.parameters.get(id, 'Device.C.D')?.value, 'x');
    assert.equal(store.parameters.get(id, 'Device.E'), undefined);
    assert.equal(store.parameters.get(id, 'Device.Obj'), undefined);
    assert.equal(store.parameters.get(id, 'Device.Obj.')?.object, true, 'the object stays an object');
    assert.equal(warned.length, 2);
  });

  test('a response to another request stores nothing', () => {
    applyResponseToStore(
      store,
      id,
      { name: 'GetParameterNames', parameterPath: 'Device.', nextLevel: false },
      { name: 'GetParameterValuesResponse', parameterList: [value('Device.Stray')] },
      at,
    );
    assert.equal(store.parameters.get(id, 'Device.Stray'), undefined);
  });
});

describe('learned quirks', () => {
  test('are merged per device, and only known settings with good values are used', () => {
    assert.deepEqual(store.learnedQuirks.get(id), {});
    assert.equal(store.learnedQuirks.learn(id, { partialPathGpvBroken: true }, at), true);
    assert.equal(store.learnedQuirks.learn(id, { gpvBatchSize: 8 }, at), true);
    assert.deepEqual(store.learnedQuirks.get(id), { partialPathGpvBroken: true, gpvBatchSize: 8 });
    assert.equal(store.learnedQuirks.learn('no-such-device', { partialPathGpvBroken: true }, at), false);
    assert.deepEqual(learnedQuirks({ partialPathGpvBroken: true, gpvBatchSize: 0, madeUp: 1 }), { partialPathGpvBroken: true });
    assert.equal(store.learnedQuirks.forget(id), true);
    assert.deepEqual(store.learnedQuirks.get(id), {});
  });
});
