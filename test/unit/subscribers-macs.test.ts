// Which MACs are a router's own, over real CPE dumps (../shared/cwmp/datamodels) and the built-in
// simulator models: its interfaces' MACs are found, and never a LAN host's, an associated Wi-Fi
// station's or a MAC filter's.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { deviceMacs } from '../../electron/core/services/subscribers/device-macs.ts';
import { normaliseMac } from '../../electron/core/services/subscribers/fields.ts';
import { builtinModel, type DeviceModel, loadCsvModel } from '../../electron/simulator/index.ts';
import type { Store } from '../../electron/core/store/index.ts';

const datamodels = resolve(new URL('../..', import.meta.url).pathname, '../shared/cwmp/datamodels');

/** A store that holds one device: the model's tree. */
function storeOf(model: DeviceModel): Store {
  const list = (_id: string, prefix = ''): { path: string; value: string | null }[] =>
    model.descendants(prefix).map((n) => ({ path: n.path, value: n.object ? null : n.value }));
  return { parameters: { list } } as unknown as Store;
}

/** MACs of other machines the tree lists (hosts, stations, filters). */
function foreignMacs(model: DeviceModel): Set<string> {
  const out = new Set<string>();
  for (const n of model.descendants(model.root())) {
    if (
      n.object ||
      !/(\.Hosts\.Host\.\d+\.(MACAddress|PhysAddress)|\.AssociatedDevice\.\d+\.(AssociatedDevice)?MACAddress|\.STA\.\d+\.MACAddress|(Allowed|Denied)MACAddresses|MACAddressFilterList)$/.test(
        n.path,
      )
    )
      continue;
    for (const part of n.value.split(/[,\s]+/)) {
      const mac = normaliseMac(part);
      if (mac !== null) out.add(mac);
    }
  }
  return out;
}

describe("a router's own MACs", () => {
  test('built-in models: the WAN and LAN interfaces, not the LAN hosts', () => {
    const tr181 = builtinModel('tr181');
    const own181 = deviceMacs(storeOf(tr181), 'd', 'Device');
    assert.ok(own181.includes('0a:1b:2c:00:00:01'));
    assert.equal(own181.includes('aa:bb:cc:00:00:01'), false);
    const tr098 = builtinModel('tr098');
    const own098 = deviceMacs(storeOf(tr098), 'd', 'InternetGatewayDevice');
    assert.ok(own098.includes('0a:1b:2c:00:01:02'));
    assert.equal(own098.includes('aa:bb:cc:00:01:01'), false);
  });

  test('real dumps: own MACs found, none of another machine', (t) => {
    if (!existsSync(datamodels)) {
      t.skip(`no real dumps at ${datamodels}`);
      return;
    }
    const files = readdirSync(datamodels).filter((f) => f.endsWith('.csv'));
    let withMacs = 0;
    for (const file of files) {
      const model = loadCsvModel(readFileSync(join(datamodels, file), 'utf8'));
      const root = model.root() === 'Device.' ? 'Device' : 'InternetGatewayDevice';
      const own = deviceMacs(storeOf(model), 'd', root);
      const foreign = foreignMacs(model);
      assert.deepEqual(
        own.filter((m) => foreign.has(m)),
        [],
        `${file}: a MAC of another machine taken as the router's`,
      );
      for (const mac of own) assert.match(mac, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      if (own.length > 0) withMacs += 1;
    }
    assert.ok(withMacs >= Math.ceil(files.length / 2), `own MACs found in only ${withMacs} of ${files.length} dumps`);
  });
});
