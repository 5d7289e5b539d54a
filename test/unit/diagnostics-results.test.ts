// Diagnostics read from what devices report: TR-181 and TR-098 spellings, TR-181's microsecond
// ping times, TR-143 times with microseconds as Mbit/s, NSLookup answers; where each diagnostic
// lives in each data model (NSLookup's vendor variants from real dumps); the request values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { candidateObjects, explainState, requestValues, resolveObject } from '../../electron/core/services/diagnostics/objects.ts';
import { preciseTime, readResult } from '../../electron/core/services/diagnostics/results.ts';
import { parseTaskSpec } from '../../electron/core/services/tasks/task-spec.ts';

const values = (o: Record<string, string>): Map<string, string> => new Map(Object.entries(o));

test('a TR-181 ping reads its *Detailed microseconds; a TR-098 one its milliseconds; no reply is 100% loss', () => {
  const tr181 = readResult(
    { name: 'ping', host: 'h' },
    values({
      Host: '8.8.8.8',
      SuccessCount: '3',
      FailureCount: '1',
      MinimumResponseTime: '1',
      AverageResponseTime: '2',
      MaximumResponseTime: '3',
      MinimumResponseTimeDetailed: '1234',
      AverageResponseTimeDetailed: '2345',
      MaximumResponseTimeDetailed: '3456',
    }),
  );
  assert.deepEqual(tr181, {
    kind: 'ping',
    host: '8.8.8.8',
    sent: 4,
    received: 3,
    lossPercent: 25,
    rttMinMs: 1.234,
    rttAvgMs: 2.345,
    rttMaxMs: 3.456,
  });
  const tr098 = readResult({ name: 'ping', host: 'x' }, values({ SuccessCount: '4', FailureCount: '0', AverageResponseTime: '12' }));
  assert.equal(tr098.kind === 'ping' && tr098.rttAvgMs, 12);
  const none = readResult(
    { name: 'ping', host: 'x', count: 3 },
    values({ SuccessCount: '0', FailureCount: '3', AverageResponseTime: '0' }),
  );
  assert.deepEqual(none.kind === 'ping' && [none.lossPercent, none.rttAvgMs], [100, null]);
});

test('traceroute hops in order, TR-181 (Host, RTTimes) and TR-098 (HopHost, HopRTTimes) alike', () => {
  const tr181 = readResult(
    { name: 'traceroute', host: 'h' },
    values({
      'RouteHops.2.Host': 'core',
      'RouteHops.2.HostAddress': '203.0.113.1',
      'RouteHops.2.RTTimes': '9,10,11',
      'RouteHops.10.HostAddress': '192.0.2.1',
      'RouteHops.10.RTTimes': ',15',
      'RouteHops.1.Host': 'gw',
      'RouteHops.1.HostAddress': '100.64.0.1',
      'RouteHops.1.ErrorCode': '0',
      'RouteHops.1.RTTimes': '2',
    }),
  );
  assert.deepEqual(tr181.kind === 'traceroute' && tr181.hops.map((h) => [h.host, h.address, h.rttMs]), [
    ['gw', '100.64.0.1', 2],
    ['core', '203.0.113.1', 9],
    ['', '192.0.2.1', 15],
  ]);
  const tr098 = readResult(
    { name: 'traceroute', host: 'h' },
    values({
      'RouteHops.1.HopHost': 'gw',
      'RouteHops.1.HopHostAddress': '10.0.0.1',
      'RouteHops.1.HopRTTimes': '3',
      'RouteHops.1.HopErrorCode': '11',
    }),
  );
  assert.deepEqual(tr098.kind === 'traceroute' && tr098.hops, [{ host: 'gw', address: '10.0.0.1', rttMs: 3, errorCode: 11 }]);
});

test('speed tests: BOM to EOM with microseconds as Mbit/s; unknown times give no rate', () => {
  assert.equal(preciseTime('2026-12-01T10:00:00.000250Z'), Date.UTC(2026, 11, 1, 10) + 0.25);
  assert.equal(preciseTime('0001-01-01T00:00:00Z'), null, 'the unknown time');
  const down = readResult(
    { name: 'speedTest', direction: 'download' },
    values({
      TestBytesReceived: '10000000',
      TotalBytesReceived: '10000300',
      ROMTime: '2026-12-01T10:00:00.000000Z',
      BOMTime: '2026-12-01T10:00:00.100000Z',
      EOMTime: '2026-12-01T10:00:01.100000Z',
    }),
  );
  assert.deepEqual(down.kind === 'speedTest' && [down.bytes, down.durationMs, down.mbps], [10_000_000, 1000, 80]);
  const up = readResult(
    { name: 'speedTest', direction: 'upload' },
    values({ TestFileLength: '5000', BOMTime: '0001-01-01T00:00:00Z', EOMTime: '0001-01-01T00:00:00Z' }),
  );
  assert.deepEqual(up.kind === 'speedTest' && [up.bytes, up.durationMs, up.mbps], [5000, null, null]);
});

test('nslookup answers with their addresses', () => {
  const r = readResult(
    { name: 'nslookup', host: 'example.com' },
    values({
      'Result.1.Status': 'Success',
      'Result.1.AnswerType': 'NonAuthoritative',
      'Result.1.HostNameReturned': 'example.com',
      'Result.1.IPAddresses': '192.0.2.1, 192.0.2.2',
      'Result.1.DNSServerIP': '1.1.1.1',
      'Result.1.ResponseTime': '7',
    }),
  );
  assert.deepEqual(r.kind === 'nslookup' && r.answers[0]?.ipAddresses, ['192.0.2.1', '192.0.2.2']);
});

test('objects per data model; NSLookup where the vendor put it; the values that start a run', () => {
  assert.deepEqual(candidateObjects('Device.', { name: 'speedTest', direction: 'upload' }), ['Device.IP.Diagnostics.UploadDiagnostics.']);
  assert.deepEqual(candidateObjects('InternetGatewayDevice.', { name: 'ping', host: 'h' }), ['InternetGatewayDevice.IPPingDiagnostics.']);
  const root = (p: string): boolean => p === 'InternetGatewayDevice.NSLookupDiagnostics.';
  assert.equal(
    resolveObject('InternetGatewayDevice.', { name: 'nslookup', host: 'h' }, root),
    'InternetGatewayDevice.NSLookupDiagnostics.',
  );
  assert.equal(
    resolveObject('InternetGatewayDevice.', { name: 'nslookup', host: 'h' }, () => false),
    'InternetGatewayDevice.DNS.Diagnostics.NSLookupDiagnostics.',
  );
  assert.deepEqual(
    requestValues({ name: 'ping', host: '8.8.8.8', count: 5, size: 64 }, '', 0).map((v) => [v.name, v.value]),
    [
      ['Host', '8.8.8.8'],
      ['NumberOfRepetitions', '5'],
      ['DataBlockSize', '64'],
      ['DiagnosticsState', 'Requested'],
    ],
  );
  assert.deepEqual(
    requestValues({ name: 'speedTest', direction: 'upload' }, 'http://acs/files/s/t/upload.bin', 1000).map((v) => v.name),
    ['UploadURL', 'TestFileLength', 'DiagnosticsState'],
  );
  assert.match(explainState('Error_CannotResolveHostName'), /could not resolve the host name/);
  assert.match(explainState('Error_Weird'), /state 'Error_Weird'/);
});

test('diagnostic task requests parse with defaults left out and bad fields named', () => {
  assert.deepEqual(parseTaskSpec({ name: 'ping', host: ' 8.8.8.8 ' }), { name: 'ping', host: '8.8.8.8' });
  assert.deepEqual(parseTaskSpec({ name: 'speedTest', direction: 'upload', bytes: 1000 }), {
    name: 'speedTest',
    direction: 'upload',
    bytes: 1000,
  });
  assert.throws(() => parseTaskSpec({ name: 'traceroute', host: 'h', maxHops: 65 }), /'maxHops' must be a whole number from 1 to 64/);
  assert.throws(() => parseTaskSpec({ name: 'nslookup', host: 'h', server: 'x' }), /'server' is not an argument of nslookup/);
  assert.throws(() => parseTaskSpec({ name: 'ping', host: 'http://x/' }), /'host' must be a host name or IP address/);
});
