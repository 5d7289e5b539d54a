import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModel } from '../../electron/simulator/builtin-models.ts';
import { SimulatedCpe } from '../../electron/simulator/cpe.ts';
import { parseCsv } from '../../electron/simulator/csv.ts';
import { deviceIdentity, informParameters, setSerialNumber } from '../../electron/simulator/identity.ts';
import { loadCsvModel, modelToCsv } from '../../electron/simulator/model.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const datamodels = path.resolve(repoRoot, '../shared/cwmp/datamodels');
const fixture = readFileSync(path.join(repoRoot, 'test/fixtures/models/small-igd.csv'), 'utf8');

test('parseCsv handles quotes, doubled quotes, commas and newlines in quoted fields, CRLF and no final newline', () => {
  const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n,,\nlast,"",end';
  assert.deepEqual(parseCsv(text), [
    ['a', 'b', 'c'],
    ['x, y', 'say "hi"', 'two\nlines'],
    ['', '', ''],
    ['last', '', 'end'],
  ]);
  assert.deepEqual(parseCsv('\uFEFFp,q\n\n'), [['p', 'q']]);
});

test('loadCsvModel reads the fixture: objects get a trailing dot, virtual rows are skipped, types normalised', () => {
  const model = loadCsvModel(fixture);
  assert.equal(model.root(), 'InternetGatewayDevice.');
  assert.equal(model.get('DeviceID.ID'), undefined);
  assert.equal(model.value('InternetGatewayDevice.DeviceInfo.Manufacturer'), 'Fixture Devices, Inc.');
  assert.equal(model.value('InternetGatewayDevice.DeviceInfo.HardwareVersion'), 'rev "B"');
  assert.equal(model.value('InternetGatewayDevice.DeviceInfo.DeviceLog'), 'line one, with a comma\nline two');
  assert.equal(model.get('InternetGatewayDevice.DeviceInfo.UpTime')?.type, 'xsd:unsignedInt');
  assert.equal(model.get('InternetGatewayDevice.LANDevice.1.Hosts.Host.')?.object, true);
  assert.equal(model.get('InternetGatewayDevice.LANDevice.1.')?.object, true, 'missing ancestors are created');
  assert.deepEqual(deviceIdentity(model), {
    manufacturer: 'Fixture Devices, Inc.',
    oui: '0A1B2C',
    productClass: 'FIX-1',
    serialNumber: 'FIX0001',
  });
});

test('loadCsvModel accepts the 5-column format and rejects text without TR-069 rows', () => {
  const model = loadCsvModel(
    'Parameter,Object,Writable,Value,Value type\nDevice.DeviceInfo.SerialNumber,false,false,"S,1",xsd:string\nDevice.X,true,true,,\n',
  );
  assert.equal(model.value('Device.DeviceInfo.SerialNumber'), 'S,1');
  assert.equal(model.get('Device.X.')?.writable, true);
  assert.throws(() => loadCsvModel('Parameter,Object\nTags.foo,false\n'), /no Device\. or InternetGatewayDevice\. rows/);
});

test('modelToCsv round-trips through loadCsvModel', () => {
  const model = loadCsvModel(fixture);
  const again = loadCsvModel(modelToCsv(model));
  assert.deepEqual(again.all(), model.all());
});

test('AddObject on a dump table copies the last instance with type defaults', () => {
  const cpe = new SimulatedCpe(loadCsvModel(fixture));
  const table = 'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.PortMapping.';
  const reply = cpe.handle({ name: 'AddObject', objectName: table, parameterKey: '' });
  assert.deepEqual(reply, { name: 'AddObjectResponse', instanceNumber: 2, status: 0 });
  assert.equal(cpe.model.value(`${table}2.PortMappingEnabled`), 'false');
  assert.equal(cpe.model.value(`${table}2.ExternalPort`), '0');
  assert.equal(cpe.model.value(`${table}2.PortMappingDescription`), '');
  assert.equal(cpe.model.value(`${table.slice(0, -1)}NumberOfEntries`), '2');
});

test('built-in models are realistic and small, and a serial override keeps devices distinct', () => {
  for (const name of ['tr181', 'tr098'] as const) {
    const a = builtinModel(name, { serial: 'A-1' });
    const b = builtinModel(name, { serial: 'B-2' });
    const leaves = a.all().filter((n) => !n.object).length;
    // With the TR-143 diagnostics objects (simulator/diagnostics.ts), still a few hundred at most.
    assert.ok(leaves >= 60 && leaves <= 300, `${name}: ${leaves} parameters`);
    assert.equal(deviceIdentity(a).serialNumber, 'A-1');
    assert.equal(deviceIdentity(b).serialNumber, 'B-2');
    assert.ok(informParameters(a).length >= 10);
  }
  const m = builtinModel('tr181');
  setSerialNumber(m, 'X');
  assert.equal(m.value('Device.DeviceInfo.SerialNumber'), 'X');
});

test('every real CSV dump in ../shared loads and answers GetParameterNames/GetParameterValues', (t) => {
  if (!existsSync(datamodels)) {
    t.skip(`../shared/cwmp/datamodels not found at ${datamodels} (external material; only present beside the repo)`);
    return;
  }
  const files = readdirSync(datamodels).filter((f) => f.endsWith('.csv'));
  assert.ok(files.length > 0);
  for (const file of files) {
    const model = loadCsvModel(readFileSync(path.join(datamodels, file), 'utf8'));
    const id = deviceIdentity(model);
    assert.ok(id.serialNumber !== '' && id.oui !== '', `${file}: identity ${JSON.stringify(id)}`);
    const cpe = new SimulatedCpe(model);
    const root = cpe.handle({ name: 'GetParameterNames', parameterPath: '', nextLevel: true });
    assert.deepEqual(root, { name: 'GetParameterNamesResponse', parameterList: [{ name: model.root(), writable: false }] }, file);
    const values = cpe.handle({ name: 'GetParameterValues', parameterNames: [`${model.root()}DeviceInfo.`] });
    assert.equal(values.name, 'GetParameterValuesResponse', file);
    assert.ok(
      informParameters(model).some((p) => p.name.endsWith('SoftwareVersion')),
      file,
    );
  }
});
