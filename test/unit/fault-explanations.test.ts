import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { explainFault, isTransientFault } from '../../electron/core/services/fault-explanations.ts';

// Names from cwmp-1-2.xsd CPEFaultCodeType (TR-069 A.5); our titles may fix the XSD's typos
// ("Deployement") and capitalisation, so they are compared loosely.
const XSD_NAMES: ReadonlyArray<[number, string]> = [
  [9000, 'Method not supported'],
  [9001, 'Request denied'],
  [9002, 'Internal error'],
  [9003, 'Invalid arguments'],
  [9004, 'Resources exceeded'],
  [9005, 'Invalid parameter name'],
  [9006, 'Invalid parameter type'],
  [9007, 'Invalid parameter value'],
  [9008, 'Attempt to set a non-writable parameter'],
  [9009, 'Notification request rejected'],
  [9010, 'File transfer failure'],
  [9011, 'Upload failure'],
  [9012, 'File transfer server authentication failure'],
  [9013, 'Unsupported protocol for file transfer'],
  [9014, 'unable to join multicast group'],
  [9015, 'unable to contact file server'],
  [9016, 'unable to access file'],
  [9017, 'unable to complete download'],
  [9018, 'file corrupted'],
  [9019, 'file authentication failure'],
  [9020, 'within specified time windows'],
  [9021, 'Cancelation of file transfer not permitted'],
  [9022, 'Invalid UUID format'],
  [9023, 'Unknown execution environment'],
  [9024, 'Disabled execution environment'],
  [9025, 'Deployment unit to execution environment mismatch'],
  [9026, 'Duplicate deployment unit'],
  [9027, 'System resources exceeded'],
  [9028, 'Unknown deployment unit'],
  [9029, 'Invalid deployment unit state'],
  [9030, 'Downgrade not permitted'],
  [9031, 'Version not specified'],
  [9032, 'Version already exists'],
];

describe('explainFault: CPE faults 9000-9032', () => {
  test('every code TR-069 defines has its own title, explanation and fix', () => {
    const titles = new Set<string>();
    for (const [code, name] of XSD_NAMES) {
      const e = explainFault(code);
      assert.equal(e.code, code);
      assert.ok(e.title.toLowerCase().includes(name.toLowerCase()), `${code}: '${e.title}' should contain '${name}'`);
      assert.ok(e.explanation.length > 20, `${code} has an explanation`);
      assert.ok(e.suggestedFix.length > 20, `${code} has a fix`);
      assert.notEqual(e.category, 'unknown', `${code} is categorised`);
      titles.add(e.title);
    }
    assert.equal(titles.size, XSD_NAMES.length, 'titles are distinct');
  });

  test('9005 tells the operator to refresh the parameter tree', () => {
    const e = explainFault(9005);
    assert.equal(e.title, 'Invalid parameter name');
    assert.match(e.explanation, /does not have this parameter/);
    assert.match(e.suggestedFix, /^Refresh the device's parameter tree; the path may differ on this model or firmware/);
    assert.equal(e.category, 'cpe');
    assert.equal(e.transient, false);
  });

  test('9007 points at the boolean-form quirk', () => {
    assert.match(explainFault(9007).suggestedFix, /1\/0/);
    assert.match(explainFault(9007).suggestedFix, /quirk/);
  });

  test('file transfer faults 9010-9021 are in the transfer category, others not', () => {
    for (let code = 9010; code <= 9021; code++) assert.equal(explainFault(code).category, 'transfer', String(code));
    for (const code of [9000, 9005, 9009, 9022, 9027, 9032]) assert.equal(explainFault(code).category, 'cpe', String(code));
  });
});

describe('explainFault: device text', () => {
  test('a vendor code carries the CPE text as its explanation', () => {
    const e = explainFault(9855, '  WAN busy,\n try later ');
    assert.equal(e.category, 'vendor');
    assert.equal(e.title, 'Vendor-specific fault');
    assert.equal(e.explanation, `Vendor-specific fault; the CPE's own text says: "WAN busy, try later".`);
    assert.equal(e.transient, false);
  });

  test('a vendor code without text says so', () => {
    assert.match(explainFault(9800).explanation, /sent no text/);
    assert.match(explainFault(9899, '   ').explanation, /sent no text/);
  });

  test('a known code appends device text only when it adds something', () => {
    assert.equal(explainFault(9005, 'Invalid Parameter Name').explanation, explainFault(9005).explanation);
    assert.equal(explainFault(9005, 'invalid_parameter_name').explanation, explainFault(9005).explanation);
    const e = explainFault(9005, 'No such node: Device.WiFi.SSID.9.');
    assert.ok(e.explanation.startsWith(explainFault(9005).explanation));
    assert.ok(e.explanation.endsWith('The device said: "No such node: Device.WiFi.SSID.9.".'));
  });

  test('device text is capped at 256 characters and stripped of control characters', () => {
    const e = explainFault(9899, `${'x'.repeat(300)}\u0000`);
    const quoted = /"(.*)"/.exec(e.explanation)?.[1] ?? '';
    assert.equal(quoted.length, 256);
    assert.ok(quoted.endsWith('…'));
    assert.doesNotMatch(e.explanation, /\u0000/);
  });
});

describe('explainFault: other ranges', () => {
  test('ACS faults 8000-8006 have titles and the acs category', () => {
    const titles: Record<number, string> = {
      8000: 'Method not supported',
      8001: 'Request denied',
      8002: 'Internal error',
      8003: 'Invalid arguments',
      8004: 'Resources exceeded',
      8005: 'Retry request',
      8006: 'ACS version incompatible with CPE',
    };
    for (const [code, title] of Object.entries(titles)) {
      const e = explainFault(Number(code));
      assert.equal(e.title, title);
      assert.equal(e.category, 'acs');
    }
  });

  test('reserved CPE codes 9033-9799 are unrecognised CPE faults', () => {
    const e = explainFault(9033, 'Something new');
    assert.equal(e.category, 'cpe');
    assert.equal(e.title, 'Unrecognised CPE fault');
    assert.match(e.explanation, /Something new/);
    assert.equal(explainFault(9799).category, 'cpe');
  });

  test('codes outside every range, and non-integers, are unknown', () => {
    for (const code of [0, -1, 42, 7999, 9900, 10000, 9005.5, Number.NaN]) {
      const e = explainFault(code);
      assert.equal(e.category, 'unknown', String(code));
      assert.equal(e.title, 'Unknown fault');
      assert.equal(e.transient, false);
    }
  });

  test('ACS vendor codes 8800-8899 are acs', () => {
    assert.equal(explainFault(8850).category, 'acs');
    assert.equal(explainFault(8850).title, 'ACS vendor-specific fault');
  });
});

describe('isTransientFault', () => {
  test('retries CPE-side and connectivity failures', () => {
    for (const code of [9002, 9004, 9010, 9011, 9015, 9017, 8005]) {
      assert.equal(isTransientFault(code), true, String(code));
      assert.equal(explainFault(code).transient, true, String(code));
    }
  });

  test('does not retry faults that fail the same way every time', () => {
    for (const code of [9000, 9001, 9003, 9005, 9006, 9007, 9008, 9009, 9012, 9013, 9014, 9016, 9018, 9019, 9020, 9021, 9027, 9032]) {
      assert.equal(isTransientFault(code), false, String(code));
    }
  });

  test('does not retry vendor or unknown codes', () => {
    assert.equal(isTransientFault(9800), false);
    assert.equal(isTransientFault(9899), false);
    assert.equal(isTransientFault(12345), false);
  });
});
