// Where the CWMP listener can be reached, from a given list of network interfaces.
import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, test } from 'node:test';
import { advertisedCwmpUrls, cwmpEndpoints } from '../../electron/core/net-info.ts';

function nic(address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo {
  const base = { address, netmask: '', mac: '00:00:00:00:00:00', internal, cidr: null };
  return family === 'IPv4' ? { ...base, family } : { ...base, family, scopeid: 0 };
}

const machine = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  eth0: [nic('192.168.1.20', 'IPv4'), nic('2001:db8::20', 'IPv6'), nic('fe80::1', 'IPv6')],
  'Wi-Fi': [nic('10.0.0.5', 'IPv4')],
};

describe('CWMP endpoints', () => {
  test('on 0.0.0.0: every non-internal IPv4 address with its interface, no loopback', () => {
    assert.deepEqual(cwmpEndpoints('0.0.0.0', 7547, machine), [
      { interface: 'eth0', address: '192.168.1.20', family: 'IPv4', url: 'http://192.168.1.20:7547/', loopback: false },
      { interface: 'Wi-Fi', address: '10.0.0.5', family: 'IPv4', url: 'http://10.0.0.5:7547/', loopback: false },
    ]);
  });

  test('on :: (dual stack): IPv6 too, bracketed in the URL, link-local left out', () => {
    assert.deepEqual(
      cwmpEndpoints('::', 7547, machine).map((e) => [e.interface, e.url]),
      [
        ['eth0', 'http://192.168.1.20:7547/'],
        ['eth0', 'http://[2001:db8::20]:7547/'],
        ['Wi-Fi', 'http://10.0.0.5:7547/'],
      ],
    );
  });

  test('the loopback address only when nothing else exists', () => {
    assert.deepEqual(cwmpEndpoints('0.0.0.0', 7547, { lo: machine.lo }), [
      { interface: 'lo', address: '127.0.0.1', family: 'IPv4', url: 'http://127.0.0.1:7547/', loopback: true },
    ]);
  });

  test('bound to one address: that one, named after its interface', () => {
    assert.deepEqual(cwmpEndpoints('10.0.0.5', 7547, machine), [
      { interface: 'Wi-Fi', address: '10.0.0.5', family: 'IPv4', url: 'http://10.0.0.5:7547/', loopback: false },
    ]);
    assert.deepEqual(cwmpEndpoints('127.0.0.1', 80, machine)[0]?.loopback, true);
    assert.equal(cwmpEndpoints('198.51.100.1', 80, machine)[0]?.interface, 'configured');
    assert.deepEqual(advertisedCwmpUrls('::', 1, machine).length, 3);
  });
});
